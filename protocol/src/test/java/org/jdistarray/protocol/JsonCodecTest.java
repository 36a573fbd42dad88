package org.jdistarray.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonCodecTest {

    static Stream<ArrayDescriptor> descriptors() {
        return Stream.of(
                Exports.descriptor(new Block(7, 4, 0, 0, 2)),
                Exports.descriptor(new Block(7, 4, 3, 6, 7)),
                Exports.descriptor(new Block(18, 2, 0, 0, 10, 1, 1, false)),
                Exports.descriptor(new Block(18, 2, 1, 8, 18, 1, 1, true)),
                Exports.descriptor(new Block(5, 1, 0, 0, 5, 2, 2, true)),
                Exports.descriptor(new Block(10, 4, 3, 10, 10)),
                Exports.descriptor(new Block(0, 1, 0, 0, 0)),
                Exports.descriptor(new Cyclic(10, 3, 1)),
                Exports.descriptor(new Cyclic(2, 4, 3)),
                Exports.descriptor(new BlockCyclic(7, 2, 1, 2)),
                Exports.descriptor(new BlockCyclic(11, 3, 2, 2)),
                Exports.descriptor(new Unstructured(10, 2, 0, new long[] {9, 3, 4, 0}, true)),
                Exports.descriptor(new Unstructured(10, 2, 1, new long[] {-1, 3}, false)),
                Exports.descriptor(new Unstructured(10, 2, 1, new long[0], false)),
                Exports.descriptor(),
                Exports.descriptor(new Block(4, 2, 1, 2, 4), new Cyclic(9, 2, 0),
                        new Unstructured(3, 1, 0, new long[] {2, 0, 1}, true)),
                new ArrayDescriptor("0.10", new BufferSpec(DType.INT32, new long[] {2}), List.of(new Block(2, 1, 0, 0, 2))));
    }

    @ParameterizedTest
    @MethodSource("descriptors")
    void roundTripIsExact(ArrayDescriptor d) {
        String json = JsonCodec.write(d);
        assertEquals(d, JsonCodec.read(json));
        assertEquals(json, JsonCodec.write(JsonCodec.read(json)));
        assertEquals(List.of(), ProtocolValidator.validate(d));
    }

    @Test
    void writesKeysInDocumentedOrderCompactly() {
        assertEquals("{\"__version__\":\"0.10.0\",\"buffer\":{\"dtype\":\"<f8\",\"shape\":[2]},\"dim_data\":"
                + "[{\"dist_type\":\"b\",\"size\":7,\"proc_grid_rank\":0,\"proc_grid_size\":4,\"start\":0,\"stop\":2}]}",
                JsonCodec.write(Exports.descriptor(new Block(7, 4, 0, 0, 2))));
    }

    @Test
    void writesOptionalKeysOnlyWhenNotDefault() {
        assertEquals("{\"dist_type\":\"b\",\"size\":18,\"proc_grid_rank\":1,\"proc_grid_size\":2,\"start\":8,"
                + "\"stop\":18,\"padding\":[1,1],\"periodic\":true}",
                JsonCodec.dimDictToJson(new Block(18, 2, 1, 8, 18, 1, 1, true)).toString());
        assertEquals("{\"dist_type\":\"c\",\"size\":10,\"proc_grid_rank\":1,\"proc_grid_size\":3,\"start\":1}",
                JsonCodec.dimDictToJson(new Cyclic(10, 3, 1)).toString());
        assertEquals("{\"dist_type\":\"c\",\"size\":7,\"proc_grid_rank\":1,\"proc_grid_size\":2,\"start\":2,"
                + "\"block_size\":2}", JsonCodec.dimDictToJson(new BlockCyclic(7, 2, 1, 2)).toString());
        assertEquals("{\"dist_type\":\"u\",\"size\":4,\"proc_grid_rank\":0,\"proc_grid_size\":1,\"indices\":[3,1]}",
                JsonCodec.dimDictToJson(new Unstructured(4, 1, 0, new long[] {3, 1}, false)).toString());
        assertEquals("{\"dist_type\":\"u\",\"size\":2,\"proc_grid_rank\":0,\"proc_grid_size\":1,\"indices\":[1,0],"
                + "\"one_to_one\":true}",
                JsonCodec.dimDictToJson(new Unstructured(2, 1, 0, new long[] {1, 0}, true)).toString());
    }

    @Test
    void replicatedExportsAsUndistributedBlock() {
        ArrayDescriptor d = Exports.descriptor(new Undistributed(6), new Cyclic(4, 2, 1));
        String json = JsonCodec.write(d);
        assertTrue(json.contains("{\"dist_type\":\"b\",\"size\":6,\"proc_grid_rank\":0,\"proc_grid_size\":1,"
                + "\"start\":0,\"stop\":6}"), json);
        ArrayDescriptor back = JsonCodec.read(json);
        assertEquals(new Block(6, 1, 0, 0, 6), back.dimData().get(0));
        assertEquals(json, JsonCodec.write(back));
    }

    @Test
    void blockCyclicWithBlockSizeOneIsCyclic() {
        ArrayDescriptor d = Exports.descriptor(new BlockCyclic(10, 3, 1, 1));
        String json = JsonCodec.write(d);
        assertEquals(new Cyclic(10, 3, 1), JsonCodec.read(json).dimData().get(0));
        assertEquals(json, JsonCodec.write(JsonCodec.read(json)));
    }

    @Test
    void readsEmptyAliasAndDefaults() {
        ArrayDescriptor d = JsonCodec.read(Exports.raw("[3, 2, 4]", "{}, "
                + "{\"dist_type\": \"c\", \"size\": 4, \"proc_grid_size\": 2, \"proc_grid_rank\": 1, \"start\": 1},"
                + "{\"proc_grid_rank\": 0, \"stop\": 4, \"dist_type\": \"b\", \"size\": 4, \"proc_grid_size\": 1,"
                + " \"start\": 0, \"padding\": [0, 0], \"periodic\": false}"));
        assertEquals(List.of(new Block(3, 1, 0, 0, 3), new Cyclic(4, 2, 1), new Block(4, 1, 0, 0, 4)), d.dimData());
        assertEquals(new Block(5, 1, 0, 0, 5), JsonCodec.dimDictFromJson(Exports.MAPPER.createObjectNode(), 5));
    }

    @Test
    void dimDictRoundTripsThroughJson() {
        for (DimDistribution d : List.of(new Block(18, 2, 1, 8, 18, 1, 1, true), new Cyclic(10, 3, 2),
                new BlockCyclic(9, 4, 1, 5), new Unstructured(10, 2, 0, new long[] {4, 2}, true))) {
            ObjectNode json = JsonCodec.dimDictToJson(d);
            assertEquals(d, JsonCodec.dimDictFromJson(json, d.localSize()));
        }
    }

    @Test
    void dimDictFromJsonRejectsWithKeys() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> JsonCodec.dimDictFromJson(
                Exports.tree("{\"dist_type\": \"b\", \"size\": 7, \"proc_grid_size\": 4, \"proc_grid_rank\": 1,"
                        + " \"start\": 2, \"stop\": 9}"), 7));
        assertEquals(List.of("stop"), e.violations().stream().map(Violation::key).distinct().toList());
        assertThrows(ProtocolException.class, () -> JsonCodec.dimDictFromJson(Exports.MAPPER.createObjectNode(), -1));
    }

    @Test
    void readCarriesEveryViolation() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> JsonCodec.read(
                "{\"__version__\": \"0.9.0\", \"buffer\": {\"dtype\": \"<f8\", \"shape\": [2]}, \"dim_data\": "
                        + "[{\"dist_type\": \"b\", \"size\": -1, \"proc_grid_size\": 0, \"proc_grid_rank\": 0,"
                        + " \"start\": 0, \"stop\": 2}]}"));
        assertEquals(List.of("__version__", "size", "proc_grid_size"),
                e.violations().stream().map(Violation::key).toList());
        assertTrue(e.getMessage().contains("dim_data[0]: 'size'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n ", "{", "{\"a\": 1} x", "{\"a\": 1, \"a\": 2}", "[1, 2,]", "nul", "{'a': 1}"})
    void malformedJsonIsOneLineProtocolException(String text) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> JsonCodec.read(text));
        assertTrue(e.getMessage().startsWith("malformed JSON"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void inlineDataRoundTripsForEveryDtype(DType dtype) {
        ArrayDescriptor d = new ArrayDescriptor(new BufferSpec(dtype, new long[] {2, 3}),
                List.of(new Block(4, 2, 1, 2, 4), new Cyclic(6, 2, 0)));
        ByteBuffer data = ByteBuffer.allocateDirect(6 * dtype.itemSize()).order(ByteOrder.nativeOrder());
        for (int i = 0; i < 6 * dtype.itemSize(); i++) {
            data.put(i, (byte) (dtype == DType.BOOL ? i % 2 : 37 * i + 250));
        }
        if (dtype == DType.FLOAT64) {
            data.putDouble(0, Double.NaN).putDouble(8, Double.NEGATIVE_INFINITY).putDouble(16, 0.1).putDouble(24, -0.0);
        }
        if (dtype == DType.FLOAT32) {
            data.putFloat(0, Float.POSITIVE_INFINITY).putFloat(4, 0.1f).putFloat(8, Float.NaN);
        }
        String json = JsonCodec.write(d, data);
        ProtocolExport export = JsonCodec.readExport(json);
        assertEquals(d, export.descriptor());
        assertTrue(export.buffer().isDirect());
        assertEquals(ByteOrder.nativeOrder(), export.buffer().order());
        assertEquals(data.duplicate().clear(), export.buffer().duplicate().clear());
        assertEquals(json, JsonCodec.write(export.descriptor(), export.buffer()));
    }

    @Test
    void inlineDataIsWrittenAsNumbersAndBooleans() {
        ByteBuffer b = ByteBuffer.allocateDirect(3).order(ByteOrder.nativeOrder()).put(0, (byte) 1).put(2, (byte) 1);
        assertTrue(JsonCodec.write(new ArrayDescriptor(new BufferSpec(DType.BOOL, new long[] {3}),
                List.of(new Block(3, 1, 0, 0, 3))), b).endsWith(",\"data\":[true,false,true]}"));
        ByteBuffer u = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder()).putLong(0, -1);
        assertTrue(JsonCodec.write(new ArrayDescriptor(new BufferSpec(DType.UINT64, new long[] {1}),
                List.of(new Block(1, 1, 0, 0, 1))), u).endsWith(",\"data\":[18446744073709551615]}"));
    }

    @Test
    void readExportNeedsData() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> JsonCodec.readExport(JsonCodec.write(Exports.descriptor(new Block(3, 1, 0, 0, 3)))));
        assertEquals("data", e.violations().get(0).key());
    }

    @Test
    void writeRejectsWrongDataSize() {
        assertThrows(IllegalArgumentException.class, () -> JsonCodec.write(Exports.descriptor(new Block(3, 1, 0, 0, 3)),
                ByteBuffer.allocateDirect(16)));
    }

    @Test
    void descriptorRejectsExtentMismatch() {
        // rank 0 of size 7, block 2, 2 ranks owns 4 elements, not 5: an inconsistent descriptor cannot be built
        ProtocolException e = assertThrows(ProtocolException.class, () -> new ArrayDescriptor(
                new BufferSpec(DType.FLOAT64, new long[] {5}), List.of(new BlockCyclic(7, 2, 0, 2))));
        assertTrue(e.getMessage().contains("dim_data[0]"), e.getMessage());
        assertThrows(ProtocolException.class, () -> new ArrayDescriptor(
                new BufferSpec(DType.FLOAT64, new long[] {4, 1}), List.of(new BlockCyclic(7, 2, 0, 2))));
    }
}

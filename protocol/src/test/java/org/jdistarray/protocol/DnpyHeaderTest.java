package org.jdistarray.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DnpyHeaderTest {
    /** distarray-0.5.md §11: rank 0 of shape (7,) over 4 processes. */
    private static final String EXAMPLE = "{'__version__': '0.10.0', 'dim_data': ({'dist_type': 'b', 'size': 7, "
            + "'proc_grid_rank': 0, 'proc_grid_size': 4, 'start': 0, 'stop': 2},), }";

    @Test
    void writesDistArraysExampleByteForByte() {
        String dict = DnpyHeader.write("0.10.0", List.of(new Block(7, 4, 0, 0, 2)));
        assertEquals(EXAMPLE, dict);
        byte[] header = DnpyHeader.encodePadded(dict);
        assertEquals(0x96, header.length);
        assertEquals(EXAMPLE + " ".repeat(11) + "\n", new String(header, StandardCharsets.ISO_8859_1));

        ByteBuffer file = ByteBuffer.allocate(DnpyHeader.PREAMBLE_LENGTH + header.length).order(ByteOrder.LITTLE_ENDIAN);
        file.put(new byte[] {(byte) 0x93, 'D', 'A', 'R', 'R', 'Y', 1, 0}).putShort((short) header.length).put(header);
        byte[] start = new byte[11];
        file.get(0, start);
        assertArrayEquals(new byte[] {(byte) 0x93, 0x44, 0x41, 0x52, 0x52, 0x59, 0x01, 0x00, (byte) 0x96, 0x00, 0x7B}, start);
        assertEquals(0, file.capacity() % 16);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4, 5, 6, 20, 21, 100, 1000})
    void paddingAlignsToSixteenWithAtLeastOneSpace(int length) {
        String dict = "{" + "x".repeat(length) + "}";
        byte[] header = DnpyHeader.encodePadded(dict);
        assertEquals(0, (DnpyHeader.PREAMBLE_LENGTH + header.length) % 16);
        assertEquals('\n', header[header.length - 1]);
        assertEquals(' ', header[header.length - 2]);
        assertTrue(header.length - dict.length() - 1 <= 16);
    }

    @Test
    void encodeRejectsOversizedOrNonLatin1Headers() {
        assertThrows(IllegalArgumentException.class, () -> DnpyHeader.encodePadded("x".repeat(70_000)));
        assertThrows(IllegalArgumentException.class, () -> DnpyHeader.encodePadded("{'a': '\u20ac'}"));
    }

    @Test
    void writesEveryKindInEngineExportOrder() {
        assertEquals("{'__version__': '0.10.0', 'dim_data': ("
                + "{'dist_type': 'b', 'size': 18, 'proc_grid_rank': 1, 'proc_grid_size': 2, 'start': 8, 'stop': 18, "
                + "'padding': (1, 1), 'periodic': True}, "
                + "{'dist_type': 'c', 'size': 10, 'proc_grid_rank': 2, 'proc_grid_size': 3, 'start': 2}, "
                + "{'dist_type': 'c', 'size': 7, 'proc_grid_rank': 1, 'proc_grid_size': 2, 'start': 2, 'block_size': 2}, "
                + "{'dist_type': 'u', 'size': 5, 'proc_grid_rank': 0, 'proc_grid_size': 2, 'indices': [4, 0], "
                + "'one_to_one': True}, "
                + "{'dist_type': 'b', 'size': 3, 'proc_grid_rank': 0, 'proc_grid_size': 1, 'start': 0, 'stop': 3}), }",
                DnpyHeader.write("0.10.0", List.of(new Block(18, 2, 1, 8, 18, 1, 1, true), new Cyclic(10, 3, 2),
                        new BlockCyclic(7, 2, 1, 2), new Unstructured(5, 2, 0, new long[] {4, 0}, true),
                        new Undistributed(3))));
        assertEquals("{'__version__': '0.10.0', 'dim_data': (), }", DnpyHeader.write("0.10.0", List.of()));
    }

    static Stream<List<DimDistribution>> dimSets() {
        return Stream.of(List.of(new Block(7, 4, 0, 0, 2)), List.of(), List.of(new Block(18, 2, 0, 0, 10, 1, 1, false),
                new Cyclic(10, 3, 1), new BlockCyclic(11, 3, 2, 2), new Unstructured(6, 1, 0, new long[] {5, 1}, false)));
    }

    @ParameterizedTest
    @MethodSource("dimSets")
    void roundTrips(List<DimDistribution> dims) {
        long[] shape = dims.stream().mapToLong(DimDistribution::localSize).toArray();
        String dict = DnpyHeader.write("0.10.0", dims);
        String stored = new String(DnpyHeader.encodePadded(dict), StandardCharsets.ISO_8859_1);
        DnpyHeader.ParsedHeader h = DnpyHeader.read(stored, shape);
        assertEquals("0.10.0", h.version());
        assertEquals(dims, h.dimData());
        assertEquals(dict, DnpyHeader.write(h.version(), h.dimData()));
    }

    static Stream<Arguments> distArrayHeaders() {
        return Stream.of(
                Arguments.of("{'dim_data': ({'size': 7, 'dist_type': 'b', 'proc_grid_size': 4, 'stop': 7, "
                        + "'proc_grid_rank': 3, 'start': 6},), '__version__': '0.10.0'}", new long[] {1},
                        List.of(new Block(7, 4, 3, 6, 7))),
                Arguments.of("{'__version__': '0.10.0', 'dim_data': ({'dist_type': 'n', 'size': 20, "
                        + "'proc_grid_size': 1, 'proc_grid_rank': 0}, {'dist_type': 'n', 'size': 3})}",
                        new long[] {20, 3}, List.of(new Undistributed(20), new Undistributed(3))),
                Arguments.of("{'__version__': '0.10.0', 'dim_data': [{'dist_type': 'b', 'size': 5, "
                        + "'proc_grid_rank': 0, 'proc_grid_size': 2, 'start': 0, 'stop': 4, 'padding': [1, 2]}, {}]}",
                        new long[] {4, 6}, List.of(new Block(5, 2, 0, 0, 4, 1, 2, false), new Block(6, 1, 0, 0, 6))),
                Arguments.of("{'__version__': '0.10', 'dim_data': ({'dist_type': 'c', 'size': 10L, "
                        + "'proc_grid_rank': 1, 'proc_grid_size': 4, 'start': 1},)}                     \n",
                        new long[] {3}, List.of(new Cyclic(10, 4, 1))),
                Arguments.of("{\"__version__\": \"0.10.0\", \"dim_data\": ({'dist_type': 'c', 'size': 10, "
                        + "'proc_grid_rank': 1, 'proc_grid_size': 2, 'start': 2, 'block_size': 2},), }",
                        new long[] {4}, List.of(new BlockCyclic(10, 2, 1, 2))),
                Arguments.of("{'__version__': '0.10.0', 'dim_data': ({'dist_type': 'u', 'size': 4, "
                        + "'proc_grid_rank': 0, 'proc_grid_size': 2, 'indices': [3, 0], 'one_to_one': False},), }",
                        new long[] {2}, List.of(new Unstructured(4, 2, 0, new long[] {3, 0}, false))));
    }

    @ParameterizedTest
    @MethodSource("distArrayHeaders")
    void readsDistArrayStyleHeaders(String text, long[] shape, List<DimDistribution> expected) {
        assertEquals(expected, DnpyHeader.read(text, shape).dimData());
    }

    @Test
    void readsWithoutKnownShapeExceptForTheAlias() {
        assertEquals(List.of(new Block(7, 4, 0, 0, 2)), DnpyHeader.read(EXAMPLE, null).dimData());
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> DnpyHeader.read("{'__version__': '0.10.0', 'dim_data': ({},)}", null));
        assertEquals("dim_data", e.violations().get(0).key());
    }

    static Stream<Arguments> badHeaders() {
        return Stream.of(
                Arguments.of("{'__version__': '0.10.0'}", -1, "dim_data"),
                Arguments.of("{'__version__': '0.10.0', 'dim_data': (), 'shape': (2,)}", -1, "shape"),
                Arguments.of("{'__version__': '0.9.0', 'dim_data': ()}", -1, "__version__"),
                Arguments.of("{'__version__': 10, 'dim_data': ()}", -1, "__version__"),
                Arguments.of("{'__version__': '0.10.0', 'dim_data': 5}", -1, "dim_data"),
                Arguments.of("{'__version__': '0.10.0', 'dim_data': ({'dist_type': 'b', 'size': 7, "
                        + "'proc_grid_rank': 0, 'proc_grid_size': 4, 'start': 0},)}", 0, "stop"),
                Arguments.of("{'__version__': '0.10.0', 'dim_data': ({'dist_type': 'b', 'size': 7, "
                        + "'proc_grid_rank': 0, 'proc_grid_size': 4, 'start': 0, 'stop': 3},)}", 0, "stop"),
                Arguments.of("{'__version__': '0.10.0', 'dim_data': ({'dist_type': 'n', 'size': 2, "
                        + "'proc_grid_size': 2, 'proc_grid_rank': 0},)}", 0, "proc_grid_size"),
                Arguments.of("{'__version__': '0.10.0', 'dim_data': ({'dist_type': 'n', 'size': 3},)}", 0, "size"),
                Arguments.of("{'__version__': '0.10.0', 'dim_data': ({'dist_type': 'q', 'size': 2, "
                        + "'proc_grid_size': 1, 'proc_grid_rank': 0},)}", 0, "dist_type"),
                Arguments.of("{'__version__': '0.10.0', 'dim_data': ({}, {})}", -1, "dim_data"));
    }

    @ParameterizedTest
    @MethodSource("badHeaders")
    void errorsNameTheKey(String text, int dimension, String key) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> DnpyHeader.read(text, new long[] {2}));
        assertEquals(dimension, e.violations().get(0).dimension(), e::getMessage);
        assertEquals(key, e.violations().get(0).key(), e::getMessage);
    }

    @Test
    void syntaxAndTypeErrors() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> DnpyHeader.read("{'a': }", null));
        assertTrue(e.getMessage().contains("position 6"), e.getMessage());
        assertThrows(ProtocolException.class, () -> DnpyHeader.read("('__version__', 'dim_data')", null));
        assertThrows(ProtocolException.class, () -> DnpyHeader.read("{1: 2}", null));
        List<Object> none = new ArrayList<>();
        none.add(null);
        assertEquals("(None,)", PyLiteral.write(new PyLiteral.Tuple(none)));
    }
}

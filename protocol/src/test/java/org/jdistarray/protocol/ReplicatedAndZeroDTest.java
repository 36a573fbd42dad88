package org.jdistarray.protocol;

import static org.jdistarray.protocol.DistKind.UNDISTRIBUTED;
import static org.jdistarray.protocol.GridShapesTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 0-d arrays and replicated arrays (every axis undistributed, every rank the same dim data) in the protocol model. */
class ReplicatedAndZeroDTest {

    private static List<JsonNode> copies(int n, DType dtype, DimDistribution... dims) {
        long[] shape = java.util.Arrays.stream(dims).mapToLong(DimDistribution::localSize).toArray();
        ArrayDescriptor d = new ArrayDescriptor(new BufferSpec(dtype, shape), List.of(dims));
        return new ArrayList<>(Collections.nCopies(n, Exports.tree(JsonCodec.write(d))));
    }

    @Test
    void zeroDDescriptorRoundTripsThroughJsonAndValidates() {
        ArrayDescriptor d = new ArrayDescriptor(new BufferSpec(DType.FLOAT64, new long[0]), List.of());
        assertEquals(0, d.ndim());
        assertTrue(ProtocolValidator.validate(d).isEmpty(), () -> ProtocolValidator.validate(d).toString());
        String json = JsonCodec.write(d);
        assertTrue(json.contains("\"dim_data\":[]"), json);
        assertEquals(d, JsonCodec.read(json));
        assertEquals(new NdMap(List.of()).localElementCount(), 1);
    }

    @Test
    void undistributedDimsExportAsOneProcessBlocks() {
        ArrayDescriptor d = Exports.descriptor(new Undistributed(3), new Undistributed(4));
        String json = JsonCodec.write(d);
        assertTrue(json.contains("\"dist_type\":\"b\"") && json.contains("\"proc_grid_size\":1"), json);
        ArrayDescriptor back = JsonCodec.read(json);
        assertEquals(new NdMap(d.dimData()).localElementCount(), new NdMap(back.dimData()).localElementCount());
        assertTrue(ProtocolValidator.validate(d).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void replicatedExportsAreValidAcrossRanks(int ranks) {
        assertEquals(List.of(), ProtocolValidator.validateAcrossRanks(copies(ranks, DType.FLOAT64)));
        assertEquals(List.of(), ProtocolValidator.validateAcrossRanks(
                copies(ranks, DType.INT32, new Undistributed(5), new Undistributed(2))));
    }

    @Test
    void replicatedExportsMustAgree() {
        List<JsonNode> ex = copies(3, DType.FLOAT64, new Undistributed(5));
        ex.set(2, copies(1, DType.FLOAT64, new Undistributed(6)).get(0));
        List<Violation> v = ProtocolValidator.validateAcrossRanks(ex);
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).message().contains("export 2 has size 6, export 0 has 5"), v.toString());

        List<JsonNode> dt = copies(2, DType.FLOAT64);
        dt.set(1, copies(1, DType.INT32).get(0));
        List<Violation> w = ProtocolValidator.validateAcrossRanks(dt);
        assertTrue(w.toString().contains("export 1 has dtype <i4, export 0 has <f8"), w.toString());
    }

    @Test
    void aPartitionStillNeedsEveryGridPosition() {
        List<JsonNode> ex = copies(3, DType.FLOAT64, new Block(4, 2, 0, 0, 2));
        List<Violation> v = ProtocolValidator.validateAcrossRanks(ex);
        assertFalse(v.isEmpty());
        assertTrue(v.toString().contains("the product of proc_grid_size over all dimensions is 2, but there are 3"), v.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void layoutFromReplicatedDimData(int ranks) {
        GlobalLayout zeroD = GlobalLayout.fromDimDataPerRank(Collections.nCopies(ranks, List.of()));
        assertEquals(0, zeroD.ndim());
        assertEquals(1, zeroD.rankCount());
        assertEquals(1, zeroD.mapFor(0).localElementCount());
        assertEquals(0, zeroD.ownerOf());

        List<DimDistribution> dims = List.of(new Block(5, 1, 0, 0, 5), new Undistributed(3));
        GlobalLayout two = GlobalLayout.fromDimDataPerRank(Collections.nCopies(ranks, dims));
        assertArrayEquals(new long[] {5, 3}, two.shape());
        assertEquals(1, two.rankCount());
        assertArrayEquals(new long[] {5, 3}, two.localShapeOf(0));
        assertEquals(new NdMap(dims), two.mapFor(0));
    }

    @Test
    void replicatedDimDataMustBeTheSameOnEveryRank() {
        List<List<DimDistribution>> ddpr = new ArrayList<>(Collections.nCopies(3, List.of(new Block(5, 1, 0, 0, 5))));
        ddpr.set(1, List.of(new Block(5, 1, 0, 0, 5, 1, 1, false)));
        assertMessage(() -> GlobalLayout.fromDimDataPerRank(ddpr), "every rank must hold the whole array with the"
                + " same dim data (replicated), but rank 1 has");
    }

    @Test
    void disagreeingGlobalShapesNameTheRanks() {
        List<List<DimDistribution>> ddpr = new ArrayList<>(Collections.nCopies(3, List.of(new Undistributed(4),
                new Undistributed(5))));
        ddpr.set(1, List.of(new Undistributed(4), new Undistributed(6)));
        assertMessage(() -> GlobalLayout.fromDimDataPerRank(ddpr),
                "the ranks disagree on the global shape: ranks 0, 2 [4, 5]; rank 1 [4, 6]");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void fromShapeWithoutADistributedAxisIsReplicated(int ranks) {
        GlobalLayout l = GlobalLayout.fromShape(new long[] {5, 5}, List.of(UNDISTRIBUTED, UNDISTRIBUTED), null, null, ranks);
        assertEquals(1, l.rankCount());
        assertArrayEquals(new long[] {5, 5}, l.localShapeOf(0));
        GlobalLayout z = GlobalLayout.fromShape(new long[0], List.of(), null, null, ranks);
        assertEquals(1, z.rankCount());
        assertEquals(0, z.ndim());
    }

    @Test
    void aMapHoldingNothing() {
        NdMap m = NdMap.holdingNothing();
        assertEquals(0, m.ndim());
        assertEquals(0, m.localElementCount());
        assertEquals(0, m.ownedElementCount());
        assertFalse(m.holds());
        assertFalse(m.owns());
        assertThrows(IndexOutOfBoundsException.class, m::localOffsetOfGlobal);
        int[] visits = {0};
        m.forEachOwned((g, off) -> visits[0]++);
        assertEquals(0, visits[0]);
        int[] held = {0};
        new NdMap(List.of()).forEachOwned((g, off) -> held[0]++);
        assertEquals(1, held[0]);
        assertThrows(IllegalArgumentException.class, () -> new NdMap(List.of(new Undistributed(2)), true));
    }

    @Test
    void globalDimDataOfZeroDAndUndistributedAxes() {
        assertEquals(List.of(), GlobalDimData.fromJson(GlobalDimData.toJson(List.of())));
        List<AxisDistribution> n = List.of(new UndistributedAxis(3), new UndistributedAxis(0));
        String json = GlobalDimData.toJson(n);
        assertTrue(json.contains("\"dist_type\":\"n\""), json);
        assertEquals(n, GlobalDimData.fromJson(json));
        assertEquals(n, GlobalDimData.fromPyLiteral("({'dist_type': 'n', 'size': 3}, {'dist_type': 'n', 'size': 0})"));
    }
}

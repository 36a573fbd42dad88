package org.jdistarray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.jdistarray.protocol.DimDistribution;
import org.jdistarray.protocol.DistKind;
import org.jdistarray.protocol.GlobalLayout;
import org.junit.jupiter.api.Test;

/** {@code describe} of layouts far too large to list: summarised, bounded, quick, exit 0 — never out of memory. */
class DescribeLargeLayoutTest {
    private static final Duration QUICK = Duration.ofSeconds(20);
    private static final long T = 1_000_000_000_000L;

    private static CliRun describe(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "describe";
        System.arraycopy(args, 0, all, 1, args.length);
        return assertTimeoutPreemptively(QUICK, () -> CliRun.of(all));
    }

    @Test
    void aTrillionBlockElementsOnTwoRanksPrintTheirRanges() {
        CliRun r = describe("--shape", "1000000000000", "--ranks", "2");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().length() < 1000, r.out());
        assertTrue(r.out().contains("owns [0..499999999999]\n"), r.out());
        assertTrue(r.out().contains("owns [500000000000..999999999999]\n"), r.out());
    }

    @Test
    void aTrillionCyclicElementsShowTheFirstRunsAndSaySo() {
        CliRun r = describe("--shape", "1000000000000", "--dist", "c", "--ranks", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().length() < 2000, r.out());
        assertTrue(r.out().contains("owns [1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, ...]"
                + " (500000000000 indices, first 16 runs shown)"), r.out());
    }

    @Test
    void hugeBlockCyclicRunsAreFoundWithoutWalkingThem() {
        CliRun r = describe("--shape", "1000000000000,3", "--dist", "c", "--block-size", "300000000000,1", "--ranks", "2");
        assertEquals(0, r.code(), r.err());
        // axis 1 has no --dist entry: block (the builder's rule), so the 2 ranks split axis 0 (grid [2, 1])
        assertTrue(r.out().contains("owns [0..299999999999, 600000000000..899999999999]\n"), r.out());
        assertTrue(r.out().contains("owns [300000000000..599999999999, 900000000000..999999999999]\n"), r.out());
    }

    @Test
    void jsonOfATrillionElementsIsStreamedWithoutIndexListsAndSaysWhy() throws Exception {
        CliRun r = describe("--shape", "1000000000000", "--ranks", "2", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().length() < 2000, r.out());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertTrue(doc.get("global_indices_omitted").asText().contains("1000000000000 global indices"), r.out());
        assertEquals(2, doc.get("ranks").size());
        for (JsonNode rank : doc.get("ranks")) {
            assertFalse(rank.has("global_indices"), r.out());
        }
        assertEquals(500_000_000_000L, doc.get("ranks").get(1).get("dim_data").get(0).get("start").asLong());
        assertEquals("[500000000000]", doc.get("ranks").get(0).get("local_shape").toString());
    }

    @Test
    void manyRanksPrintTheFirstOnesAndSayWhichAreLeftOut() {
        CliRun r = describe("--shape", "1000", "--ranks", "100");
        assertEquals(0, r.code(), r.err());
        assertEquals(DescribeCommand.MAX_TEXT_RANKS, r.out().lines().filter(l -> l.startsWith("rank ")).count());
        assertTrue(r.out().contains("owns [630..639]"), r.out());
        assertTrue(r.out().contains("... ranks 64..99 not shown"), r.out());
    }

    @Test
    void tooManyRanksIsOneClearLine() {
        for (String[] args : List.of(new String[] {"--shape", "10", "--ranks", "2000000000"},
                new String[] {"--shape", "4096,4096", "--grid", "2048,1024"})) {
            CliRun r = describe(args);
            assertEquals(2, r.code(), r.out() + r.err());
            assertEquals(1, r.err().trim().lines().count(), r.err());
            assertTrue(r.err().contains("at most 1048576 ranks"), r.err());
        }
    }

    @Test
    void listedIndexCountIsTheSumOfEveryRanksOwnedCounts() {
        List<GlobalLayout> layouts = List.of(
                GlobalLayout.fromShape(new long[] {5, 9}, List.of(DistKind.CYCLIC, DistKind.BLOCK), new int[] {2, 2}, null, 4),
                GlobalLayout.fromShape(new long[] {7, 3, 4}, List.of(DistKind.BLOCK, DistKind.UNDISTRIBUTED, DistKind.CYCLIC),
                        null, new long[] {1, 1, 3}, 6),
                GlobalLayout.fromShape(new long[] {2}, List.of(DistKind.BLOCK), null, null, 7),
                GlobalLayout.fromShape(new long[] {0, 5}, List.of(DistKind.BLOCK, DistKind.BLOCK), new int[] {1, 3}, null, 3));
        for (GlobalLayout l : layouts) {
            long expected = 0;
            for (int r = 0; r < l.rankCount(); r++) {
                for (DimDistribution d : l.dimDataFor(r)) {
                    expected += d.ownedGlobalIndices().count();
                }
            }
            assertEquals(expected, DescribeJson.listedIndexCount(l), l.toString());
        }
        GlobalLayout huge = GlobalLayout.fromShape(new long[] {Long.MAX_VALUE / 2, 4}, List.of(DistKind.BLOCK, DistKind.BLOCK),
                new int[] {1, 4}, null, 4);
        assertEquals(Long.MAX_VALUE, DescribeJson.listedIndexCount(huge), "saturates instead of overflowing");
    }

    @Test
    void jsonListsIndicesUpToTheLimitAndNotBeyond() throws Exception {
        // 2-D, 1 rank: the indices listed are shape[0] + shape[1]
        long atLimit = DescribeJson.INDEX_LIMIT - 3;
        JsonNode small = new ObjectMapper().readTree(describe("--shape", atLimit + ",3", "--ranks", "1", "--json").out());
        assertFalse(small.has("global_indices_omitted"));
        assertEquals(atLimit, small.get("ranks").get(0).get("global_indices").get(0).size());
        assertEquals("[0,1,2]", small.get("ranks").get(0).get("global_indices").get(1).toString());
        JsonNode big = new ObjectMapper().readTree(describe("--shape", atLimit + ",4", "--ranks", "1", "--json").out());
        assertTrue(big.has("global_indices_omitted"));
        assertFalse(big.get("ranks").get(0).has("global_indices"));
    }
}

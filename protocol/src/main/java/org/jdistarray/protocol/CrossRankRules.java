package org.jdistarray.protocol;

import static org.jdistarray.protocol.DimDictKeys.BLOCK_SIZE;
import static org.jdistarray.protocol.DimDictKeys.BUFFER_DTYPE;
import static org.jdistarray.protocol.DimDictKeys.DIM_DATA;
import static org.jdistarray.protocol.DimDictKeys.DIST_TYPE;
import static org.jdistarray.protocol.DimDictKeys.GRID_RANK;
import static org.jdistarray.protocol.DimDictKeys.GRID_SIZE;
import static org.jdistarray.protocol.DimDictKeys.INDICES;
import static org.jdistarray.protocol.DimDictKeys.ONE_TO_ONE;
import static org.jdistarray.protocol.DimDictKeys.PADDING;
import static org.jdistarray.protocol.DimDictKeys.PERIODIC;
import static org.jdistarray.protocol.DimDictKeys.SIZE;
import static org.jdistarray.protocol.DimDictKeys.START;
import static org.jdistarray.protocol.DimDictKeys.STOP;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules that need every rank's export (protocol.md §4.1 rules 9 and 10, and the neighbour rules of §3 and
 * §6), checked on individually valid descriptors.
 */
final class CrossRankRules {
    private static final int LISTED = 5;

    private CrossRankRules() {
    }

    static void check(List<ArrayDescriptor> ds, List<Violation> out) {
        ArrayDescriptor first = ds.get(0);
        int ndim = first.ndim();
        for (int k = 1; k < ds.size(); k++) {
            if (ds.get(k).ndim() != ndim) {
                out.add(new Violation(-1, DIM_DATA, "export " + k + " has " + ds.get(k).ndim()
                        + " dimensions, export 0 has " + ndim));
                return;
            }
            if (ds.get(k).buffer().dtype() != first.buffer().dtype()) {
                out.add(new Violation(-1, BUFFER_DTYPE, "export " + k + " has dtype " + ds.get(k).buffer().dtype().typeString()
                        + ", export 0 has " + first.buffer().dtype().typeString()));
            }
        }
        boolean axesAgree = true;
        for (int i = 0; i < ndim; i++) {
            axesAgree &= axisAgrees(ds, i, out);
        }
        if (!axesAgree) {
            return;
        }
        if (!gridIsCovered(ds, out)) {
            return;
        }
        for (int i = 0; i < ndim; i++) {
            DimDistribution[] byRank = sameRankAgrees(ds, i, out);
            neighbours(byRank, i, out);
        }
    }

    /** size, proc_grid_size and dist_type agree along axis {@code i}. */
    private static boolean axisAgrees(List<ArrayDescriptor> ds, int i, List<Violation> out) {
        DimDistribution d0 = ds.get(0).dimData().get(i);
        boolean ok = true;
        for (int k = 1; k < ds.size(); k++) {
            DimDistribution d = ds.get(k).dimData().get(i);
            if (d.size() != d0.size()) {
                out.add(new Violation(i, SIZE, "export " + k + " has size " + d.size() + ", export 0 has " + d0.size()));
                ok = false;
            }
            if (d.gridSize() != d0.gridSize()) {
                out.add(new Violation(i, GRID_SIZE, "export " + k + " has proc_grid_size " + d.gridSize()
                        + ", export 0 has " + d0.gridSize()));
                ok = false;
            }
            if (!DimDictKeys.codeOf(d).equals(DimDictKeys.codeOf(d0))) {
                out.add(new Violation(i, DIST_TYPE, "export " + k + " has dist_type '" + DimDictKeys.codeOf(d)
                        + "', export 0 has '" + DimDictKeys.codeOf(d0) + "'"));
                ok = false;
            }
        }
        return ok;
    }

    /**
     * Rule 9: prod(proc_grid_size) == number of exports, and every coordinate tuple exactly once. Our one
     * extension: a product of 1 over several exports is a replicated array (every rank holds the whole array);
     * then rule 10 requires every export's dictionaries to be the same.
     */
    private static boolean gridIsCovered(List<ArrayDescriptor> ds, List<Violation> out) {
        long product = 1;
        for (DimDistribution d : ds.get(0).dimData()) {
            product = Math.min(Long.MAX_VALUE / 2, product * d.gridSize());
        }
        if (product == 1) {
            return true;
        }
        boolean ok = true;
        if (product != ds.size()) {
            out.add(new Violation(-1, GRID_SIZE, "the product of proc_grid_size over all dimensions is " + product
                    + ", but there are " + ds.size() + " exports"));
            ok = false;
        }
        Map<List<Integer>, Integer> seen = new HashMap<>();
        for (int k = 0; k < ds.size(); k++) {
            List<Integer> coords = Arrays.stream(ds.get(k).gridCoords()).boxed().toList();
            Integer prev = seen.putIfAbsent(coords, k);
            if (prev != null) {
                out.add(new Violation(-1, GRID_RANK, "exports " + prev + " and " + k
                        + " have the same grid coordinates " + coords));
                ok = false;
            }
        }
        return ok;
    }

    /**
     * Rule 10: equal dimension dictionaries for equal proc_grid_rank along axis {@code i} (blocks may differ in
     * padding, and so in start and stop, but not in the range they own). Returns one dictionary per rank.
     */
    private static DimDistribution[] sameRankAgrees(List<ArrayDescriptor> ds, int i, List<Violation> out) {
        DimDistribution[] byRank = new DimDistribution[ds.get(0).dimData().get(i).gridSize()];
        int[] from = new int[byRank.length];
        for (int k = 0; k < ds.size(); k++) {
            DimDistribution d = ds.get(k).dimData().get(i);
            int r = d.gridRank();
            if (byRank[r] == null) {
                byRank[r] = d;
                from[r] = k;
                continue;
            }
            String key = firstDifference(byRank[r], d);
            if (key != null) {
                out.add(new Violation(i, key, "exports " + from[r] + " and " + k + " both have proc_grid_rank " + r
                        + " along this axis but different '" + key + "' (" + valueOf(byRank[r], key) + " vs "
                        + valueOf(d, key) + ")"));
            }
        }
        return byRank;
    }

    /** The first key in which two same-rank dimensions differ, or null. */
    private static String firstDifference(DimDistribution a, DimDistribution b) {
        ObjectNode ja = JsonCodec.dimDictToJson(a);
        ObjectNode jb = JsonCodec.dimDictToJson(b);
        boolean blocks = asBlock(a) != null && asBlock(b) != null;
        if (blocks) {
            Block x = asBlock(a);
            Block y = asBlock(b);
            if (x.ownedStart() != y.ownedStart()) {
                return START;
            }
            if (x.ownedStop() != y.ownedStop()) {
                return STOP;
            }
            return x.periodic() == y.periodic() ? null : PERIODIC;
        }
        Set<String> keys = new TreeSet<>();
        ja.fieldNames().forEachRemaining(keys::add);
        jb.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            if (!Objects.equals(ja.get(key), jb.get(key))) {
                return key;
            }
        }
        return null;
    }

    private static String valueOf(DimDistribution d, String key) {
        Block b = asBlock(d);
        if (b != null && (key.equals(START) || key.equals(STOP))) {
            return "owns [" + b.ownedStart() + ", " + b.ownedStop() + ")";
        }
        JsonNode v = JsonCodec.dimDictToJson(d).get(key);
        return v == null ? "absent" : JsonValues.describe(v);
    }

    private static Block asBlock(DimDistribution d) {
        if (d instanceof Undistributed rep) {
            return rep.asBlock();
        }
        return d instanceof Block b ? b : null;
    }

    /** Neighbour rules along one axis, given one dimension per grid rank (all present: rule 9 held). */
    private static void neighbours(DimDistribution[] byRank, int i, List<Violation> out) {
        DimDistribution d0 = byRank[0];
        if (asBlock(d0) != null) {
            blockNeighbours(byRank, i, out);
        } else if (d0 instanceof Unstructured) {
            unstructuredAxis(byRank, i, out);
        } else {
            long b0 = blockSize(d0);
            for (int r = 1; r < byRank.length; r++) {
                if (blockSize(byRank[r]) != b0) {
                    out.add(new Violation(i, BLOCK_SIZE, "proc_grid_rank " + r + " has block_size "
                            + blockSize(byRank[r]) + ", proc_grid_rank 0 has " + b0
                            + " (one block size per axis; start must be rank * block_size)"));
                }
            }
        }
    }

    private static long blockSize(DimDistribution d) {
        return d instanceof BlockCyclic bc ? bc.blockSize() : 1;
    }

    private static void blockNeighbours(DimDistribution[] byRank, int i, List<Violation> out) {
        int p = byRank.length;
        for (int r = 1; r < p; r++) {
            Block left = asBlock(byRank[r - 1]);
            Block right = asBlock(byRank[r]);
            if (left.ownedStop() != right.ownedStart()) {
                out.add(new Violation(i, START, "proc_grid_rank " + r + " owns from " + right.ownedStart()
                        + ", but proc_grid_rank " + (r - 1) + " owns up to " + left.ownedStop()
                        + " (owned ranges of neighbours must be adjacent)"));
                continue;
            }
            if (left.commPadRight() != right.commPadLeft()) {
                out.add(new Violation(i, PADDING, "communication padding between proc_grid_rank " + (r - 1) + " and " + r
                        + " does not match: right " + left.commPadRight() + " vs left " + right.commPadLeft()));
            }
            if (right.commPadLeft() > left.ownedCount()) {
                out.add(new Violation(i, PADDING, "proc_grid_rank " + r + " has left communication padding "
                        + right.commPadLeft() + ", wider than the " + left.ownedCount() + " indices its left neighbour owns"));
            }
            if (left.commPadRight() > right.ownedCount()) {
                out.add(new Violation(i, PADDING, "proc_grid_rank " + (r - 1) + " has right communication padding "
                        + left.commPadRight() + ", wider than the " + right.ownedCount()
                        + " indices its right neighbour owns"));
            }
        }
        Block last = asBlock(byRank[p - 1]);
        if (last.ownedStop() != last.size()) {
            out.add(new Violation(i, STOP, "the last proc_grid_rank " + (p - 1) + " owns up to " + last.ownedStop()
                    + ", not up to size " + last.size() + " (the blocks must cover the axis)"));
        }
    }

    private static void unstructuredAxis(DimDistribution[] byRank, int i, List<Violation> out) {
        Unstructured u0 = (Unstructured) byRank[0];
        for (int r = 1; r < byRank.length; r++) {
            if (((Unstructured) byRank[r]).oneToOne() != u0.oneToOne()) {
                out.add(new Violation(i, ONE_TO_ONE, "proc_grid_rank " + r + " has one_to_one "
                        + ((Unstructured) byRank[r]).oneToOne() + ", proc_grid_rank 0 has " + u0.oneToOne()));
                return;
            }
        }
        if (!u0.oneToOne()) {
            return;
        }
        long size = u0.size();
        Map<Long, Integer> owner = new HashMap<>();
        Set<String> problems = new java.util.LinkedHashSet<>();
        for (int r = 0; r < byRank.length; r++) {
            for (long g : ((Unstructured) byRank[r]).indices()) {
                if (g < 0 || g >= size) {
                    problems.add("proc_grid_rank " + r + " holds " + g + ", outside [0, " + size + ")");
                    continue;
                }
                Integer prev = owner.putIfAbsent(g, r);
                if (prev != null) {
                    problems.add("global index " + g + " is held by proc_grid_ranks " + prev + " and " + r);
                }
            }
        }
        if (owner.size() != size) {
            Set<Long> missing = new HashSet<>();
            for (long g = 0; g < size && missing.size() < LISTED; g++) {
                if (!owner.containsKey(g)) {
                    missing.add(g);
                }
            }
            problems.add((size - owner.size()) + " indices of [0, " + size + ") are held by no rank, e.g. "
                    + new TreeSet<>(missing));
        }
        if (!problems.isEmpty()) {
            Iterator<String> it = problems.iterator();
            StringBuilder sb = new StringBuilder("one_to_one, but the ranks' indices are not disjoint and covering: ");
            for (int n = 0; n < LISTED && it.hasNext(); n++) {
                sb.append(n == 0 ? "" : "; ").append(it.next());
            }
            if (problems.size() > LISTED) {
                sb.append("; and ").append(problems.size() - LISTED).append(" more");
            }
            out.add(new Violation(i, INDICES, sb.toString()));
        }
    }
}

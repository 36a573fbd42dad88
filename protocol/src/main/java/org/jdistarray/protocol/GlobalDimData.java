package org.jdistarray.protocol;

import static org.jdistarray.protocol.DimDictKeys.BLOCK;
import static org.jdistarray.protocol.DimDictKeys.BLOCK_SIZE;
import static org.jdistarray.protocol.DimDictKeys.BOUNDARY_PADDING;
import static org.jdistarray.protocol.DimDictKeys.BOUNDS;
import static org.jdistarray.protocol.DimDictKeys.COMM_PADDING;
import static org.jdistarray.protocol.DimDictKeys.CYCLIC;
import static org.jdistarray.protocol.DimDictKeys.DIST_TYPE;
import static org.jdistarray.protocol.DimDictKeys.GRID_SIZE;
import static org.jdistarray.protocol.DimDictKeys.INDICES;
import static org.jdistarray.protocol.DimDictKeys.ONE_TO_ONE;
import static org.jdistarray.protocol.DimDictKeys.PERIODIC;
import static org.jdistarray.protocol.DimDictKeys.SIZE;
import static org.jdistarray.protocol.DimDictKeys.UNDISTRIBUTED;
import static org.jdistarray.protocol.DimDictKeys.UNSTRUCTURED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * DistArray's global dimension data (distarray-0.5.md §3, {@code Distribution.from_global_dim_data}): one
 * dictionary per axis describing how the whole axis is spread, read into {@link AxisDistribution}s.
 * <ul>
 * <li>{@code 'b'}: {@code bounds} {@code [0, b1, ..., size]} (grid size {@code len - 1}), optional
 *     {@code comm_padding}, {@code boundary_padding} (one width each, default 0), {@code periodic} (default
 *     false), {@code size} (must equal the last bound) &rarr; {@link BlockAxis};</li>
 * <li>{@code 'c'}: {@code size}, {@code proc_grid_size}, optional {@code block_size} (default 1) &rarr;
 *     {@link CyclicAxis};</li>
 * <li>{@code 'u'}: {@code indices}, one list of global indices per process; optional {@code size} (default:
 *     the total number of indices, DistArray's rule) and {@code one_to_one} (default true) &rarr;
 *     {@link UnstructuredAxis};</li>
 * <li>{@code 'n'}: {@code size} (and optionally {@code proc_grid_size} 1) &rarr; {@link UndistributedAxis}.</li>
 * </ul>
 * {@link #toJson} writes the same dictionaries, omitting optional keys that have their default value, so
 * {@code fromJson(toJson(axes)).equals(axes)}.
 *
 * <p>Not collective. Thread-safe (stateless).
 */
public final class GlobalDimData {
    private static final Set<String> BLOCK_KEYS = Set.of(DIST_TYPE, BOUNDS, COMM_PADDING, BOUNDARY_PADDING, PERIODIC,
            SIZE);
    private static final Set<String> CYCLIC_KEYS = Set.of(DIST_TYPE, SIZE, GRID_SIZE, BLOCK_SIZE);
    private static final Set<String> UNSTRUCTURED_KEYS = Set.of(DIST_TYPE, INDICES, SIZE, ONE_TO_ONE);
    private static final Set<String> UNDISTRIBUTED_KEYS = Set.of(DIST_TYPE, SIZE, GRID_SIZE);

    private GlobalDimData() {
    }

    /**
     * Not collective. Reads a JSON array with one global dimension dictionary per axis.
     *
     * @throws ProtocolException if the text is not JSON, or naming the axis (as the violation's dimension) and
     *     key of every missing or mistyped value
     * @throws DistributionException naming the axis when the values do not form a distribution (e.g.
     *     decreasing bounds)
     */
    public static List<AxisDistribution> fromJson(String json) {
        return fromTree(JsonCodec.parse(json));
    }

    /**
     * Not collective. Reads the Python-literal form DistArray uses: a list or tuple of dicts, e.g.
     * {@code ({'dist_type': 'b', 'bounds': (0, 5)}, {'dist_type': 'c', 'size': 42, 'proc_grid_size': 2})}.
     *
     * @throws ProtocolException naming the position of a syntax error, or the axis and key of a bad value
     * @throws DistributionException naming the axis when the values do not form a distribution
     */
    public static List<AxisDistribution> fromPyLiteral(String text) {
        return fromTree(PyLiteral.toJsonTree(PyLiteral.parse(text)));
    }

    /** Not collective. The JSON array of global dimension dictionaries of {@code axes} (compact, one line). */
    public static String toJson(List<AxisDistribution> axes) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ArrayNode out = f.arrayNode();
        for (AxisDistribution a : axes) {
            ObjectNode o = out.addObject();
            if (a instanceof BlockAxis b) {
                o.put(DIST_TYPE, BLOCK);
                longs(o.putArray(BOUNDS), b.bounds());
                if (b.commPadding() != 0) {
                    o.put(COMM_PADDING, b.commPadding());
                }
                if (b.boundaryPadding() != 0) {
                    o.put(BOUNDARY_PADDING, b.boundaryPadding());
                }
                if (b.periodic()) {
                    o.put(PERIODIC, true);
                }
            } else if (a instanceof CyclicAxis c) {
                o.put(DIST_TYPE, CYCLIC);
                o.put(SIZE, c.size());
                o.put(GRID_SIZE, c.gridSize());
                if (c.blockSize() != 1) {
                    o.put(BLOCK_SIZE, c.blockSize());
                }
            } else if (a instanceof UnstructuredAxis u) {
                o.put(DIST_TYPE, UNSTRUCTURED);
                ArrayNode lists = o.putArray(INDICES);
                long total = 0;
                for (long[] idx : u.indices()) {
                    longs(lists.addArray(), idx);
                    total += idx.length;
                }
                if (u.size() != total) {
                    o.put(SIZE, u.size());
                }
                if (!u.oneToOne()) {
                    o.put(ONE_TO_ONE, false);
                }
            } else if (a instanceof UndistributedAxis n) {
                o.put(DIST_TYPE, UNDISTRIBUTED);
                o.put(SIZE, n.size());
            } else {
                throw new IllegalArgumentException("unknown axis type " + a.getClass().getName());
            }
        }
        return JsonCodec.toText(out);
    }

    private static void longs(ArrayNode into, long[] values) {
        for (long v : values) {
            into.add(v);
        }
    }

    private static List<AxisDistribution> fromTree(JsonNode tree) {
        if (!tree.isArray()) {
            throw new ProtocolException(List.of(new Violation(-1, "global_dim_data",
                    "must be a list with one dictionary per axis, got " + JsonValues.describe(tree))));
        }
        List<Violation> out = new ArrayList<>();
        List<AxisDistribution> axes = new ArrayList<>();
        for (int i = 0; i < tree.size(); i++) {
            AxisDistribution a = axis(tree.get(i), i, out);
            axes.add(a);
        }
        if (!out.isEmpty()) {
            throw new ProtocolException(out);
        }
        return List.copyOf(axes);
    }

    private static AxisDistribution axis(JsonNode node, int i, List<Violation> out) {
        if (!node.isObject()) {
            out.add(new Violation(i, "global_dim_data", "must be a dictionary, got " + JsonValues.describe(node)));
            return null;
        }
        int before = out.size();
        DictReader r = new DictReader(node, i, out);
        String type = r.string(DIST_TYPE, true);
        if (type == null) {
            return null;
        }
        try {
            switch (type) {
                case BLOCK -> {
                    r.unexpectedKeys(BLOCK_KEYS, "a global '" + BLOCK + "' dimension");
                    long[] bounds = r.integers(BOUNDS, 0, Long.MAX_VALUE, true);
                    Long comm = r.integer(COMM_PADDING, 0, Long.MAX_VALUE, 0);
                    Long boundary = r.integer(BOUNDARY_PADDING, 0, Long.MAX_VALUE, 0);
                    Boolean periodic = r.bool(PERIODIC, false);
                    Long size = r.integer(SIZE, 0, Long.MAX_VALUE, false);
                    if (bounds != null && size != null && (bounds.length == 0 || bounds[bounds.length - 1] != size)) {
                        r.add(SIZE, "must equal the last of the bounds, got " + size);
                    }
                    return out.size() > before ? null : new BlockAxis(bounds, comm, boundary, periodic);
                }
                case CYCLIC -> {
                    r.unexpectedKeys(CYCLIC_KEYS, "a global '" + CYCLIC + "' dimension");
                    Long size = r.integer(SIZE, 0, Long.MAX_VALUE, true);
                    Long gridSize = r.integer(GRID_SIZE, 1, Integer.MAX_VALUE, true);
                    Long blockSize = r.integer(BLOCK_SIZE, 1, Long.MAX_VALUE, 1);
                    return out.size() > before ? null : new CyclicAxis(size, gridSize.intValue(), blockSize);
                }
                case UNSTRUCTURED -> {
                    return unstructured(node, r, before, out);
                }
                case UNDISTRIBUTED -> {
                    r.unexpectedKeys(UNDISTRIBUTED_KEYS, "a global '" + UNDISTRIBUTED + "' dimension");
                    Long size = r.integer(SIZE, 0, Long.MAX_VALUE, true);
                    r.integer(GRID_SIZE, 1, 1, false);
                    return out.size() > before ? null : new UndistributedAxis(size);
                }
                default -> {
                    r.add(DIST_TYPE, "must be one of '" + BLOCK + "', '" + CYCLIC + "', '" + UNSTRUCTURED + "', '"
                            + UNDISTRIBUTED + "', got " + JsonValues.describe(node.get(DIST_TYPE)));
                    return null;
                }
            }
        } catch (DistributionException e) {
            throw new DistributionException("global dim data, axis " + i + " ('" + type + "'): " + e.getMessage());
        }
    }

    private static AxisDistribution unstructured(JsonNode node, DictReader r, int before, List<Violation> out) {
        r.unexpectedKeys(UNSTRUCTURED_KEYS, "a global '" + UNSTRUCTURED + "' dimension");
        JsonNode lists = node.get(INDICES);
        long[][] indices = null;
        if (lists == null) {
            r.add(INDICES, "missing (required)");
        } else if (!lists.isArray()) {
            r.add(INDICES, "must be a list with one list of global indices per process, got "
                    + JsonValues.describe(lists));
        } else {
            indices = new long[lists.size()][];
            for (int p = 0; p < lists.size(); p++) {
                List<Violation> own = new ArrayList<>();
                ObjectNode holder = JsonNodeFactory.instance.objectNode();
                holder.set(INDICES, lists.get(p));
                indices[p] = new DictReader(holder, 0, own).integers(INDICES, Long.MIN_VALUE, Long.MAX_VALUE, true);
                for (Violation v : own) {
                    r.add(INDICES, "process " + p + ": " + v.message());
                }
            }
        }
        Long size = r.integer(SIZE, 0, Long.MAX_VALUE, false);
        Boolean oneToOne = r.bool(ONE_TO_ONE, true);
        if (out.size() > before) {
            return null;
        }
        if (size == null) {
            long total = 0;
            for (long[] idx : indices) {
                total += idx.length;
            }
            size = total;
        }
        return new UnstructuredAxis(size, indices, oneToOne);
    }
}

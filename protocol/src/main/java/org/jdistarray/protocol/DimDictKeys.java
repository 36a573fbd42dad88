package org.jdistarray.protocol;

import java.util.Set;

/**
 * The key names and one-letter distribution codes of the protocol's text forms. The codecs
 * ({@link JsonCodec}, {@link ProtocolValidator}, {@link DnpyHeader}, {@link GlobalDimData}) are the only
 * code that may name them; the model speaks in types ({@link Block}, {@link Cyclic}, ...).
 */
final class DimDictKeys {
    private DimDictKeys() {
    }

    // top level of an export and of the JSON form
    static final String VERSION = "__version__";
    static final String BUFFER = "buffer";
    static final String DIM_DATA = "dim_data";
    static final String DATA = "data";
    static final String DTYPE = "dtype";
    static final String SHAPE = "shape";
    /** Key used in violations about {@code buffer.dtype}. */
    static final String BUFFER_DTYPE = "buffer.dtype";
    /** Key used in violations about {@code buffer.shape} (also for one axis' extent, with its dimension). */
    static final String BUFFER_SHAPE = "buffer.shape";

    // dimension dictionaries
    static final String DIST_TYPE = "dist_type";
    static final String SIZE = "size";
    static final String GRID_RANK = "proc_grid_rank";
    static final String GRID_SIZE = "proc_grid_size";
    static final String START = "start";
    static final String STOP = "stop";
    static final String PADDING = "padding";
    static final String PERIODIC = "periodic";
    static final String BLOCK_SIZE = "block_size";
    static final String INDICES = "indices";
    static final String ONE_TO_ONE = "one_to_one";

    // DistArray's global dimension dictionaries
    static final String BOUNDS = "bounds";
    static final String COMM_PADDING = "comm_padding";
    static final String BOUNDARY_PADDING = "boundary_padding";

    // distribution codes
    static final String BLOCK = "b";
    static final String CYCLIC = "c";
    static final String UNSTRUCTURED = "u";
    /** DistArray's undistributed code: valid in DistArray's files, not in a protocol export. */
    static final String UNDISTRIBUTED = "n";

    static final Set<String> COMMON_KEYS = Set.of(DIST_TYPE, SIZE, GRID_RANK, GRID_SIZE);

    /** The protocol code of a dimension: undistributed dimensions export as blocks (protocol.md §7). */
    static String codeOf(DimDistribution d) {
        if (d instanceof Block || d instanceof Undistributed) {
            return BLOCK;
        }
        if (d instanceof Cyclic || d instanceof BlockCyclic) {
            return CYCLIC;
        }
        if (d instanceof Unstructured) {
            return UNSTRUCTURED;
        }
        throw new IllegalArgumentException("unknown dimension type " + d.getClass().getName());
    }
}

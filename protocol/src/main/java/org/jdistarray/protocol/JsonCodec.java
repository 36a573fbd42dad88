package org.jdistarray.protocol;

import static org.jdistarray.protocol.DimDictKeys.BLOCK;
import static org.jdistarray.protocol.DimDictKeys.BLOCK_SIZE;
import static org.jdistarray.protocol.DimDictKeys.BUFFER;
import static org.jdistarray.protocol.DimDictKeys.CYCLIC;
import static org.jdistarray.protocol.DimDictKeys.DATA;
import static org.jdistarray.protocol.DimDictKeys.DIM_DATA;
import static org.jdistarray.protocol.DimDictKeys.DIST_TYPE;
import static org.jdistarray.protocol.DimDictKeys.DTYPE;
import static org.jdistarray.protocol.DimDictKeys.GRID_RANK;
import static org.jdistarray.protocol.DimDictKeys.GRID_SIZE;
import static org.jdistarray.protocol.DimDictKeys.INDICES;
import static org.jdistarray.protocol.DimDictKeys.ONE_TO_ONE;
import static org.jdistarray.protocol.DimDictKeys.PADDING;
import static org.jdistarray.protocol.DimDictKeys.PERIODIC;
import static org.jdistarray.protocol.DimDictKeys.SHAPE;
import static org.jdistarray.protocol.DimDictKeys.SIZE;
import static org.jdistarray.protocol.DimDictKeys.START;
import static org.jdistarray.protocol.DimDictKeys.STOP;
import static org.jdistarray.protocol.DimDictKeys.UNSTRUCTURED;
import static org.jdistarray.protocol.DimDictKeys.VERSION;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of a protocol export (protocol.md §7), for tools and other languages:
 * <pre>{"__version__":"0.10.0","buffer":{"dtype":"&lt;f8","shape":[3,4]},"dim_data":[{...},...],"data":[...]}</pre>
 *
 * <p><b>Writing</b> is compact (one line, no spaces) with a fixed key order: {@code __version__},
 * {@code buffer} ({@code dtype}, {@code shape}), {@code dim_data}, then {@code data} if inline values are
 * given. Dimension dictionaries start with {@code dist_type, size, proc_grid_rank, proc_grid_size} (DistArray's
 * order) and then:
 * <ul>
 * <li>{@link Block}: {@code start, stop}, then {@code padding [l, r]} only if not {@code [0, 0]} and
 *     {@code periodic} only if true;</li>
 * <li>{@link Undistributed}: as a block with {@code proc_grid_size} 1, {@code start} 0, {@code stop} size (§7), so
 *     it reads back as that {@link Block};</li>
 * <li>{@link Cyclic}: {@code start} (no {@code block_size}); {@link BlockCyclic}: {@code start, block_size} &mdash;
 *     except that a block size of 1 is the same distribution as {@link Cyclic} and is written, and reads back,
 *     as one;</li>
 * <li>{@link Unstructured}: {@code indices} as an array, {@code one_to_one} only if true.</li>
 * </ul>
 * Hence {@code read(write(d)).equals(d)} for every valid descriptor without {@link Undistributed} or block size
 * 1 dimensions, and {@code write(read(write(d))).equals(write(d))} for every valid descriptor.
 *
 * <p><b>Reading</b> validates first with {@link ProtocolValidator} and accepts every valid form: {@code {}}
 * (an undistributed block of the buffer's extent), padding and periodic present or absent, {@code block_size}
 * absent (1), {@code one_to_one} present or absent, version {@code "0.10"} (kept as written).
 *
 * <p>Not collective. Thread-safe (stateless).
 */
public final class JsonCodec {
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonCodec() {
    }

    /** Not collective. The JSON form of {@code descriptor}, without inline data. */
    public static String write(ArrayDescriptor descriptor) {
        return write(descriptor, null);
    }

    /**
     * Not collective. The JSON form of {@code descriptor} with the local buffer's values inline.
     * Borrows {@code dataOrNull} for the call: reads {@code descriptor.buffer().byteCount()} bytes in native
     * order from its position, without moving the position.
     *
     * @param dataOrNull the local buffer, or {@code null} for no {@code "data"} key
     * @throws IllegalArgumentException if the buffer does not hold exactly the descriptor's bytes
     */
    public static String write(ArrayDescriptor descriptor, ByteBuffer dataOrNull) {
        return toText(tree(descriptor, dataOrNull));
    }

    /**
     * Not collective. Parses and validates a JSON export.
     *
     * @throws ProtocolException carrying every {@link Violation} if the export is invalid, or with the parser's
     *     message (one line) if the text is not JSON
     */
    public static ArrayDescriptor read(String json) {
        JsonNode tree = parse(json);
        List<Violation> violations = ProtocolValidator.validate(tree);
        if (!violations.isEmpty()) {
            throw new ProtocolException(violations);
        }
        return descriptorOf(tree);
    }

    /**
     * Not collective. Parses and validates a JSON export that carries its values ({@code "data"}), and copies
     * them into a newly allocated direct, native-order buffer. The caller owns the returned buffer.
     *
     * @throws ProtocolException if the export is invalid, not JSON, or has no {@code "data"}
     */
    public static ProtocolExport readExport(String json) {
        JsonNode tree = parse(json);
        List<Violation> violations = new ArrayList<>(ProtocolValidator.validate(tree));
        if (tree.isObject() && !tree.has(DATA)) {
            violations.add(new Violation(-1, DATA, "missing: reading an export with its buffer needs the values inline"));
        }
        if (!violations.isEmpty()) {
            throw new ProtocolException(violations);
        }
        ArrayDescriptor d = descriptorOf(tree);
        long bytes = d.buffer().byteCount();
        if (bytes > Integer.MAX_VALUE) {
            throw new ProtocolException("buffer of " + bytes + " bytes is too large for inline data");
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
        InlineData.fill(tree.get(DATA), d.buffer().dtype(), buffer);
        return new ProtocolExport(d, buffer);
    }

    /**
     * Not collective. The JSON dimension dictionary of {@code dim}, in the key order and with the defaults
     * omitted as described in the class documentation.
     */
    public static ObjectNode dimDictToJson(DimDistribution dim) {
        ObjectNode o = NODES.objectNode();
        o.put(DIST_TYPE, DimDictKeys.codeOf(dim));
        o.put(SIZE, dim.size());
        o.put(GRID_RANK, dim.gridRank());
        o.put(GRID_SIZE, dim.gridSize());
        if (dim instanceof Undistributed r) {
            o.put(START, 0L);
            o.put(STOP, r.size());
        } else if (dim instanceof Block b) {
            o.put(START, b.start());
            o.put(STOP, b.stop());
            if (b.padLeft() != 0 || b.padRight() != 0) {
                o.putArray(PADDING).add(b.padLeft()).add(b.padRight());
            }
            if (b.periodic()) {
                o.put(PERIODIC, true);
            }
        } else if (dim instanceof Cyclic c) {
            o.put(START, c.start());
        } else if (dim instanceof BlockCyclic bc) {
            o.put(START, bc.start());
            if (bc.blockSize() != 1) {
                o.put(BLOCK_SIZE, bc.blockSize());
            }
        } else if (dim instanceof Unstructured u) {
            ArrayNode idx = o.putArray(INDICES);
            for (long g : u.indices()) {
                idx.add(g);
            }
            if (u.oneToOne()) {
                o.put(ONE_TO_ONE, true);
            }
        }
        return o;
    }

    /**
     * Not collective. The dimension a JSON dimension dictionary describes; {@code {}} is an undistributed
     * block of extent {@code bufferExtent}.
     *
     * @param bufferExtent the local buffer's extent along this axis, checked against the dictionary; -1 if
     *     unknown (then {@code {}} is an error)
     * @throws ProtocolException naming each violated key (as dimension 0)
     */
    public static DimDistribution dimDictFromJson(JsonNode node, long bufferExtent) {
        return dimDictFromJson(node, bufferExtent, 0);
    }

    /** As {@link #dimDictFromJson(JsonNode, long)}, with violations naming dimension {@code dimension}. */
    static DimDistribution dimDictFromJson(JsonNode node, long bufferExtent, int dimension) {
        List<Violation> violations = new ArrayList<>();
        DimDictRules.check(node, dimension, bufferExtent, violations);
        if (node != null && node.isObject() && node.isEmpty() && bufferExtent < 0) {
            violations.add(new Violation(dimension, DIM_DATA, "{} needs the buffer extent, which is unknown here"));
        }
        if (!violations.isEmpty()) {
            throw new ProtocolException(violations);
        }
        return dimOf(node, bufferExtent);
    }

    // ---- package-private: shared with the validator and the Python-literal codecs ----

    /** The JSON tree of a descriptor (and of its data, if given). */
    static ObjectNode tree(ArrayDescriptor d, ByteBuffer dataOrNull) {
        ObjectNode o = NODES.objectNode();
        o.put(VERSION, d.version());
        ObjectNode buffer = o.putObject(BUFFER);
        buffer.put(DTYPE, d.buffer().dtype().typeString());
        ArrayNode shape = buffer.putArray(SHAPE);
        for (long s : d.buffer().shape()) {
            shape.add(s);
        }
        ArrayNode dims = o.putArray(DIM_DATA);
        for (DimDistribution dim : d.dimData()) {
            dims.add(dimDictToJson(dim));
        }
        if (dataOrNull != null) {
            long bytes = d.buffer().byteCount();
            if (dataOrNull.remaining() != bytes) {
                throw new IllegalArgumentException("data buffer has " + dataOrNull.remaining() + " bytes remaining, "
                        + d.buffer() + " needs " + bytes);
            }
            o.set(DATA, InlineData.toJson(d.buffer().dtype(), dataOrNull, d.buffer().elementCount()));
        }
        return o;
    }

    /** The descriptor of a tree the validator accepted. */
    static ArrayDescriptor descriptorOf(JsonNode tree) {
        JsonNode buffer = tree.get(BUFFER);
        DType dtype = DType.parse(buffer.get(DTYPE).textValue());
        JsonNode shapeNode = buffer.get(SHAPE);
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).longValue();
        }
        JsonNode dimData = tree.get(DIM_DATA);
        List<DimDistribution> dims = new ArrayList<>(dimData.size());
        for (int i = 0; i < dimData.size(); i++) {
            try {
                dims.add(dimOf(dimData.get(i), shape[i]));
            } catch (DistributionException e) {
                throw new ProtocolException(List.of(new Violation(i, DIM_DATA, e.getMessage())));
            }
        }
        return new ArrayDescriptor(tree.get(VERSION).textValue(), new BufferSpec(dtype, shape), dims);
    }

    /** The dimension of a dimension dictionary the rules accepted. */
    static DimDistribution dimOf(JsonNode node, long extent) {
        if (node.isEmpty()) {
            return new Block(extent, 1, 0, 0, extent);
        }
        long size = node.get(SIZE).longValue();
        int gridSize = node.get(GRID_SIZE).intValue();
        int gridRank = node.get(GRID_RANK).intValue();
        String type = node.get(DIST_TYPE).textValue();
        switch (type) {
            case BLOCK -> {
                JsonNode pad = node.get(PADDING);
                JsonNode periodic = node.get(PERIODIC);
                return new Block(size, gridSize, gridRank, node.get(START).longValue(), node.get(STOP).longValue(),
                        pad == null ? 0 : pad.get(0).longValue(), pad == null ? 0 : pad.get(1).longValue(),
                        periodic != null && periodic.booleanValue());
            }
            case CYCLIC -> {
                JsonNode bs = node.get(BLOCK_SIZE);
                return DimDictRules.cyclicDim(size, gridSize, gridRank, bs == null ? 1 : bs.longValue());
            }
            case UNSTRUCTURED -> {
                JsonNode idx = node.get(INDICES);
                long[] indices = new long[idx.size()];
                for (int l = 0; l < indices.length; l++) {
                    indices[l] = idx.get(l).longValue();
                }
                JsonNode oto = node.get(ONE_TO_ONE);
                return new Unstructured(size, gridSize, gridRank, indices, oto != null && oto.booleanValue());
            }
            default -> throw new ProtocolException("dist_type '" + type + "' is not a protocol distribution type");
        }
    }

    /** Parses JSON text; malformed text is a {@link ProtocolException} with the parser's message on one line. */
    static JsonNode parse(String json) {
        if (json == null) {
            throw new ProtocolException("JSON text is null");
        }
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || tree.isMissingNode()) {
                throw new ProtocolException("malformed JSON: no content (empty or blank text)");
            }
            return tree;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            String message = String.valueOf(e.getOriginalMessage()).replaceAll("\\s*[\\r\\n]+\\s*", " ");
            throw new ProtocolException("malformed JSON" + where + ": " + message, e);
        }
    }

    static String toText(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree: " + e.getOriginalMessage(), e);
        }
    }
}

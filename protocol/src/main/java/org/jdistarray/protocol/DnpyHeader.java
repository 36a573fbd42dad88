package org.jdistarray.protocol;

import static org.jdistarray.protocol.DimDictKeys.DIM_DATA;
import static org.jdistarray.protocol.DimDictKeys.DIST_TYPE;
import static org.jdistarray.protocol.DimDictKeys.GRID_RANK;
import static org.jdistarray.protocol.DimDictKeys.GRID_SIZE;
import static org.jdistarray.protocol.DimDictKeys.PADDING;
import static org.jdistarray.protocol.DimDictKeys.SIZE;
import static org.jdistarray.protocol.DimDictKeys.UNDISTRIBUTED;
import static org.jdistarray.protocol.DimDictKeys.VERSION;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header dict of a DistArray {@code .dnpy} file (distarray-0.5.md §11): the Python-literal dict
 * {@code {'__version__': '0.10.0', 'dim_data': (...), }} between the 10-byte preamble
 * ({@code \x93DARRY}, version 1.0, little-endian {@code HEADER_LEN}) and the embedded {@code .npy} stream.
 *
 * <p>{@link #write} produces exactly what DistArray writes: top-level keys sorted, NumPy 1.8's
 * {@code "'key': value, "} layout with the trailing {@code ", }"}, and dimension dictionaries in DistArray's
 * engine-export key order ({@code dist_type, size, proc_grid_rank, proc_grid_size}, then {@code start, stop},
 * {@code start[, block_size]} or {@code indices}). Keys DistArray never exports are written only when not
 * default (block {@code padding} as a tuple, {@code periodic}, {@code one_to_one}), unstructured {@code indices}
 * as a list (DistArray 0.5 writes a NumPy array repr there, which is not a literal), and undistributed
 * dimensions as blocks with {@code proc_grid_size} 1, as DistArray's engines export them.
 *
 * <p>{@link #read} accepts what DistArray and we write and a little more: any key order and padding, DistArray's
 * {@code 'n'} dist_type (read as {@link Undistributed}), the {@code {}} alias, {@code padding} as a list or tuple,
 * {@code indices} as a list, {@code dim_data} as a tuple or list, a missing {@code block_size} (1).
 *
 * <p>Not collective. Thread-safe (stateless).
 */
public final class DnpyHeader {
    /** Bytes before the header: 6 magic bytes, 2 version bytes, the 2-byte header length. */
    public static final int PREAMBLE_LENGTH = 10;
    private static final Set<String> HEADER_KEYS = Set.of(VERSION, DIM_DATA);
    private static final Set<String> UNDISTRIBUTED_KEYS = Set.of(DIST_TYPE, SIZE, GRID_SIZE, GRID_RANK);

    private DnpyHeader() {
    }

    /**
     * The parsed header.
     *
     * @param version the protocol version string, as written
     * @param dimData one dimension per axis of the local buffer
     */
    public record ParsedHeader(String version, List<DimDistribution> dimData) {
        /** Copies {@code dimData}. */
        public ParsedHeader {
            dimData = List.copyOf(dimData);
        }
    }

    /**
     * Not collective. The header dict DistArray writes for these dimensions (without padding or newline).
     *
     * @param version the protocol version, normally {@link ArrayDescriptor#PROTOCOL_VERSION}
     */
    public static String write(String version, List<DimDistribution> dimData) {
        List<Object> dims = new ArrayList<>(dimData.size());
        for (DimDistribution d : dimData) {
            dims.add(literalOf(JsonCodec.dimDictToJson(d)));
        }
        return "{" + PyLiteral.repr(VERSION) + ": " + PyLiteral.repr(version) + ", " + PyLiteral.repr(DIM_DATA) + ": "
                + PyLiteral.write(new PyLiteral.Tuple(dims)) + ", }";
    }

    /** A dimension dictionary as Python values: padding as a tuple, other arrays as lists. */
    private static Map<Object, Object> literalOf(JsonNode dim) {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = dim.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            Object value;
            if (v.isArray()) {
                List<Object> items = new ArrayList<>();
                v.forEach(x -> items.add(x.longValue()));
                value = e.getKey().equals(PADDING) ? new PyLiteral.Tuple(items) : items;
            } else if (v.isIntegralNumber()) {
                value = v.longValue();
            } else if (v.isBoolean()) {
                value = v.booleanValue();
            } else {
                value = v.textValue();
            }
            out.put(e.getKey(), value);
        }
        return out;
    }

    /**
     * Not collective. The header as stored: {@code dict}, then spaces and {@code '\n'} so that
     * {@code 10 + HEADER_LEN} is a multiple of 16, with at least one space (NumPy 1.8's rule). The length of
     * the result is the file's {@code HEADER_LEN}.
     *
     * @throws IllegalArgumentException if {@code dict} is not Latin-1 text or the result exceeds 65535 bytes
     */
    public static byte[] encodePadded(String dict) {
        for (int i = 0; i < dict.length(); i++) {
            if (dict.charAt(i) > 0xff) {
                throw new IllegalArgumentException(".dnpy header: character U+" + Integer.toHexString(dict.charAt(i))
                        + " at position " + i + " is not Latin-1");
            }
        }
        int pad = 16 - ((dict.length() + 1 + PREAMBLE_LENGTH) % 16);
        String padded = dict + " ".repeat(pad) + "\n";
        if (padded.length() > 0xffff) {
            throw new IllegalArgumentException(".dnpy header of " + padded.length()
                    + " bytes does not fit format 1.0's 16-bit header length");
        }
        return padded.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Not collective. Parses a header dict (padding and newline allowed around it).
     *
     * @param bufferShape the local buffer's shape (from the embedded {@code .npy} header), checked against
     *     the dimension dictionaries; {@code null} if unknown (then {@code {}} is an error)
     * @throws ProtocolException naming the position of a syntax error, or every violated key
     */
    public static ParsedHeader read(String headerText, long[] bufferShape) {
        Object parsed = PyLiteral.parse(headerText);
        if (!(parsed instanceof Map<?, ?> header)) {
            throw new ProtocolException(".dnpy header: expected a dict, got " + PyLiteral.write(parsed));
        }
        List<Violation> out = new ArrayList<>();
        JsonNode tree;
        try {
            tree = PyLiteral.toJsonTree(header);
        } catch (ProtocolException e) {
            throw new ProtocolException(".dnpy header: " + e.getMessage());
        }
        DictReader r = new DictReader(tree, -1, out);
        r.unexpectedKeys(HEADER_KEYS, "a .dnpy header");
        String version = null;
        if (!tree.has(VERSION)) {
            r.add(VERSION, "missing (required)");
        } else {
            ProtocolValidator.checkVersion(tree.get(VERSION), -1, out);
            version = tree.get(VERSION).isTextual() ? tree.get(VERSION).textValue() : null;
        }
        List<DimDistribution> dims = new ArrayList<>();
        JsonNode dimData = tree.get(DIM_DATA);
        if (dimData == null) {
            r.add(DIM_DATA, "missing (required)");
        } else if (!dimData.isArray()) {
            r.add(DIM_DATA, "must be a tuple of dimension dictionaries, got " + JsonValues.describe(dimData));
        } else {
            if (bufferShape != null && dimData.size() != bufferShape.length) {
                r.add(DIM_DATA, "has " + dimData.size() + " dimension dictionaries, but the buffer has "
                        + bufferShape.length + " axes");
            }
            for (int i = 0; i < dimData.size(); i++) {
                long extent = bufferShape != null && i < bufferShape.length ? bufferShape[i] : -1;
                DimDistribution d = dim(dimData.get(i), i, extent, out);
                if (d != null) {
                    dims.add(d);
                }
            }
        }
        if (!out.isEmpty()) {
            throw new ProtocolException(out);
        }
        return new ParsedHeader(version, dims);
    }

    private static DimDistribution dim(JsonNode node, int i, long extent, List<Violation> out) {
        JsonNode type = node.get(DIST_TYPE);
        if (type != null && type.isTextual() && type.textValue().equals(UNDISTRIBUTED)) {
            return undistributed(node, i, extent, out);
        }
        try {
            return JsonCodec.dimDictFromJson(node, extent, i);
        } catch (ProtocolException e) {
            if (e.violations().isEmpty()) {
                out.add(new Violation(i, DIM_DATA, e.getMessage()));
            }
            out.addAll(e.violations());
            return null;
        } catch (DistributionException e) {
            out.add(new Violation(i, DIM_DATA, e.getMessage()));
            return null;
        }
    }

    /** DistArray's {@code {'dist_type': 'n', 'size': s[, 'proc_grid_size': 1, 'proc_grid_rank': 0]}}. */
    private static DimDistribution undistributed(JsonNode node, int i, long extent, List<Violation> out) {
        int before = out.size();
        DictReader r = new DictReader(node, i, out);
        r.unexpectedKeys(UNDISTRIBUTED_KEYS, "an undistributed ('" + UNDISTRIBUTED + "') dimension");
        Long size = r.integer(SIZE, 0, Long.MAX_VALUE, true);
        r.integer(GRID_SIZE, 1, 1, false);
        r.integer(GRID_RANK, 0, 0, false);
        if (size != null && extent >= 0 && size != extent) {
            r.add(SIZE, "an undistributed dimension of size " + size + " needs buffer extent " + size + ", got " + extent);
        }
        return out.size() == before ? new Undistributed(size) : null;
    }
}

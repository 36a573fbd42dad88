package org.jdistarray.protocol;

import static org.jdistarray.protocol.DimDictKeys.BUFFER;
import static org.jdistarray.protocol.DimDictKeys.BUFFER_DTYPE;
import static org.jdistarray.protocol.DimDictKeys.BUFFER_SHAPE;
import static org.jdistarray.protocol.DimDictKeys.DATA;
import static org.jdistarray.protocol.DimDictKeys.DIM_DATA;
import static org.jdistarray.protocol.DimDictKeys.DTYPE;
import static org.jdistarray.protocol.DimDictKeys.SHAPE;
import static org.jdistarray.protocol.DimDictKeys.VERSION;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks protocol exports in the JSON form of protocol.md §7 against every rule of §4.1 and our additions of
 * §7. Unlike the reference validator it never throws and never stops at the first problem: it returns every
 * {@link Violation}, each naming its dimension ({@code -1} for the top level) and the key concerned.
 *
 * <p>Keys named in violations are the protocol's keys ({@code "start"}, {@code "padding"}, ...), the
 * top-level keys ({@code "__version__"}, {@code "dim_data"}, {@code "data"}), {@code "buffer.dtype"} and
 * {@code "buffer.shape"} for the buffer description, and, with a dimension, {@code "buffer.shape"} when the
 * buffer extent along that axis contradicts a cyclic dimension dictionary. A block whose {@code stop - start}
 * differs from the extent is reported on {@code "stop"}, an unstructured {@code indices} of the wrong length
 * on {@code "indices"}.
 *
 * <p>Rules checked per export: exactly the keys {@code __version__}, {@code buffer}, {@code dim_data} (and the
 * optional {@code data}); version {@code major.minor[.patch]} with major 0 and minor 10; a known dtype and a
 * non-negative integer shape; one dimension dictionary per buffer axis; per dimension the common keys and
 * ranges, and the per-type keys and invariants (see {@code DimDictRules}); inline data of the right length and
 * kind. Across ranks ({@link #validateAcrossRanks}) rules 9 and 10 and the neighbour rules.
 *
 * <p>Not collective. Thread-safe (stateless).
 */
public final class ProtocolValidator {
    private static final Pattern VERSION_PATTERN = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    private static final Set<String> TOP_KEYS = Set.of(VERSION, BUFFER, DIM_DATA, DATA);
    private static final Set<String> BUFFER_KEYS = Set.of(DTYPE, SHAPE);

    private ProtocolValidator() {
    }

    /**
     * Not collective. Every violation of one export in the JSON form.
     *
     * @param export the parsed JSON export; any node, or {@code null}
     * @return the violations, empty if the export is valid; never throws
     */
    public static List<Violation> validate(JsonNode export) {
        List<Violation> out = new ArrayList<>();
        try {
            check(export, out);
        } catch (RuntimeException e) {
            // a bug in a rule must not escape the "never throws" contract
            out.add(new Violation(-1, "export", "validator failed on this input: " + e));
        }
        return out;
    }

    /**
     * Not collective. Every violation of a descriptor, checked through its JSON form (catches what the
     * model's constructors cannot, such as a buffer extent contradicting a dimension dictionary).
     */
    public static List<Violation> validate(ArrayDescriptor descriptor) {
        if (descriptor == null) {
            return List.of(new Violation(-1, "export", "descriptor is null"));
        }
        return validate(JsonCodec.tree(descriptor, null));
    }

    /**
     * Not collective (it needs every rank's export at hand, not communication). Validates each export, then,
     * if all are valid, the cross-rank rules: product of {@code proc_grid_size} equals the number of exports,
     * every grid coordinate tuple appears exactly once, equal dimension dictionaries for equal
     * {@code proc_grid_rank} along an axis (padding may differ), adjacent owned block ranges covering
     * {@code [0, size)}, matching communication padding no wider than the neighbour's owned cells, one block size
     * per cyclic axis, and for one-to-one unstructured axes disjoint indices covering {@code [0, size)}.
     * Violations of a single export say which one ({@code "export 2: ..."}).
     *
     * @param exports every rank's export, in any order
     * @return the violations, empty if the set of exports is valid; never throws
     */
    public static List<Violation> validateAcrossRanks(List<JsonNode> exports) {
        List<Violation> out = new ArrayList<>();
        if (exports == null || exports.isEmpty()) {
            out.add(new Violation(-1, "exports", "no exports given"));
            return out;
        }
        try {
            List<ArrayDescriptor> descriptors = new ArrayList<>();
            for (int k = 0; k < exports.size(); k++) {
                List<Violation> own = validate(exports.get(k));
                for (Violation v : own) {
                    out.add(new Violation(v.dimension(), v.key(), "export " + k + ": " + v.message()));
                }
                if (own.isEmpty()) {
                    descriptors.add(JsonCodec.descriptorOf(exports.get(k)));
                }
            }
            if (out.isEmpty()) {
                CrossRankRules.check(descriptors, out);
            }
        } catch (RuntimeException e) {
            out.add(new Violation(-1, "exports", "validator failed on this input: " + e));
        }
        return out;
    }

    private static void check(JsonNode export, List<Violation> out) {
        if (export == null || !export.isObject()) {
            out.add(new Violation(-1, "export", "must be a JSON object with keys " + VERSION + ", " + BUFFER + ", "
                    + DIM_DATA + ", got " + JsonValues.describe(export)));
            return;
        }
        DictReader r = new DictReader(export, -1, out);
        r.unexpectedKeys(TOP_KEYS, "an export");
        for (String key : List.of(VERSION, BUFFER, DIM_DATA)) {
            if (!export.has(key)) {
                r.add(key, "missing (required)");
            }
        }
        if (export.has(VERSION)) {
            checkVersion(export.get(VERSION), -1, out);
        }
        DType dtype = null;
        long[] shape = null;
        JsonNode buffer = export.get(BUFFER);
        if (buffer != null) {
            if (!buffer.isObject()) {
                r.add(BUFFER, "must be an object {\"dtype\": ..., \"shape\": [...]}, got " + JsonValues.describe(buffer));
            } else {
                dtype = dtype(buffer, out);
                shape = shape(buffer, out);
                new DictReader(buffer, -1, out).unexpectedKeys(BUFFER_KEYS, "the buffer description");
            }
        }
        JsonNode dimData = export.get(DIM_DATA);
        if (dimData != null) {
            checkDimData(dimData, shape, out);
        }
        JsonNode data = export.get(DATA);
        if (data != null) {
            InlineData.check(data, dtype, shape == null ? -1 : elementCount(shape), out);
        }
    }

    /** {@code dim_data}: an array with one valid dimension dictionary per buffer axis ({@code shape} may be null). */
    static void checkDimData(JsonNode dimData, long[] shape, List<Violation> out) {
        if (!dimData.isArray()) {
            out.add(new Violation(-1, DIM_DATA, "must be an array of dimension dictionaries, got "
                    + JsonValues.describe(dimData)));
            return;
        }
        if (shape != null && dimData.size() != shape.length) {
            out.add(new Violation(-1, DIM_DATA, "has " + dimData.size() + " dimension dictionaries, but the buffer has "
                    + shape.length + " axes"));
        }
        for (int i = 0; i < dimData.size(); i++) {
            long extent = shape != null && i < shape.length ? shape[i] : -1;
            DimDictRules.check(dimData.get(i), i, extent, out);
        }
    }

    /** Rule 2: a {@code major.minor[.patch]} string of a supported version (0.10.x; "0.10" means 0.10.0). */
    static void checkVersion(JsonNode v, int dimension, List<Violation> out) {
        if (!v.isTextual()) {
            out.add(new Violation(dimension, VERSION, "must be a version string like \"0.10.0\", got "
                    + JsonValues.describe(v)));
            return;
        }
        Matcher m = VERSION_PATTERN.matcher(v.textValue());
        if (!m.matches()) {
            out.add(new Violation(dimension, VERSION, "'" + shorten(v.textValue())
                    + "' is not a valid major.minor.patch version"));
            return;
        }
        if (new BigInteger(m.group(1)).signum() != 0 || !new BigInteger(m.group(2)).equals(BigInteger.TEN)) {
            out.add(new Violation(dimension, VERSION, "protocol version '" + v.textValue()
                    + "' is not supported (this implementation reads 0.10.x)"));
        }
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static DType dtype(JsonNode buffer, List<Violation> out) {
        JsonNode d = buffer.get(DTYPE);
        if (d == null) {
            out.add(new Violation(-1, BUFFER_DTYPE, "missing (required)"));
            return null;
        }
        if (!d.isTextual()) {
            out.add(new Violation(-1, BUFFER_DTYPE, "must be a NumPy type string like \"<f8\", got "
                    + JsonValues.describe(d)));
            return null;
        }
        try {
            return DType.parse(d.textValue());
        } catch (RuntimeException e) {
            out.add(new Violation(-1, BUFFER_DTYPE, e.getMessage()));
            return null;
        }
    }

    private static long[] shape(JsonNode buffer, List<Violation> out) {
        JsonNode s = buffer.get(SHAPE);
        if (s == null) {
            out.add(new Violation(-1, BUFFER_SHAPE, "missing (required)"));
            return null;
        }
        List<Violation> own = new ArrayList<>();
        long[] shape = new DictReader(buffer, -1, own).integers(SHAPE, 0, Long.MAX_VALUE, true);
        for (Violation v : own) {
            out.add(new Violation(-1, BUFFER_SHAPE, v.message()));
        }
        if (shape != null && elementCount(shape) < 0) {
            out.add(new Violation(-1, BUFFER_SHAPE, "holds more than 2^63 - 1 elements"));
            return null;
        }
        return shape;
    }

    /** Product of the shape (1 for a 0-d buffer), or -1 on overflow. */
    static long elementCount(long[] shape) {
        long n = 1;
        for (long s : shape) {
            try {
                n = Math.multiplyExact(n, s);
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return n;
    }
}

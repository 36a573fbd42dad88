package org.jdistarray.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads typed values out of one JSON object (a dimension dictionary, the buffer description, the export),
 * recording a {@link Violation} for every missing, mistyped or out-of-range value instead of throwing.
 * Every accessor returns {@code null} when the value is unusable, so later rules can skip what they cannot
 * check.
 */
final class DictReader {
    private final JsonNode obj;
    private final int dimension;
    private final List<Violation> out;

    DictReader(JsonNode obj, int dimension, List<Violation> out) {
        this.obj = obj;
        this.dimension = dimension;
        this.out = out;
    }

    void add(String key, String message) {
        out.add(new Violation(dimension, key, message));
    }

    boolean has(String key) {
        return obj.has(key);
    }

    /** An integer in {@code [min, max]}; {@code null} when absent (a violation if required) or unusable. */
    Long integer(String key, long min, long max, boolean required) {
        JsonNode v = obj.get(key);
        if (v == null) {
            if (required) {
                add(key, "missing (required)");
            }
            return null;
        }
        return integerValue(v, key, min, max);
    }

    /** An optional integer with a default. */
    Long integer(String key, long min, long max, long dflt) {
        return obj.has(key) ? integer(key, min, max, false) : Long.valueOf(dflt);
    }

    private Long integerValue(JsonNode v, String key, long min, long max) {
        Long x = JsonValues.exactLong(v);
        if (x == null) {
            add(key, "must be an integer, got " + JsonValues.describe(v));
            return null;
        }
        if (x < min) {
            add(key, "must be >= " + min + ", got " + x);
            return null;
        }
        if (x > max) {
            add(key, "must be <= " + max + ", got " + x);
            return null;
        }
        return x;
    }

    /** A string; {@code null} when absent (a violation if required) or not a string. */
    String string(String key, boolean required) {
        JsonNode v = obj.get(key);
        if (v == null) {
            if (required) {
                add(key, "missing (required)");
            }
            return null;
        }
        if (!v.isTextual()) {
            add(key, "must be a string, got " + JsonValues.describe(v));
            return null;
        }
        return v.textValue();
    }

    /** An optional boolean with a default; {@code null} when present but not a boolean. */
    Boolean bool(String key, boolean dflt) {
        JsonNode v = obj.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            add(key, "must be a boolean (true/false), got " + JsonValues.describe(v));
            return null;
        }
        return v.booleanValue();
    }

    /**
     * An array of integers in {@code [min, max]}; {@code null} when absent (a violation if required) or when
     * any element is unusable (one violation naming the first bad element and how many there are).
     */
    long[] integers(String key, long min, long max, boolean required) {
        JsonNode v = obj.get(key);
        if (v == null) {
            if (required) {
                add(key, "missing (required)");
            }
            return null;
        }
        if (!v.isArray()) {
            add(key, "must be an array of integers, got " + JsonValues.describe(v));
            return null;
        }
        long[] values = new long[v.size()];
        int bad = 0;
        String firstBad = null;
        for (int i = 0; i < values.length; i++) {
            Long x = JsonValues.exactLong(v.get(i));
            if (x == null || x < min || x > max) {
                if (bad++ == 0) {
                    firstBad = "element " + i + " is " + JsonValues.describe(v.get(i));
                }
            } else {
                values[i] = x;
            }
        }
        if (bad > 0) {
            add(key, "must contain only integers" + range(min, max) + "; " + firstBad
                    + (bad > 1 ? " (" + bad + " bad elements in all)" : ""));
            return null;
        }
        return values;
    }

    private static String range(long min, long max) {
        if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
            return "";
        }
        return max == Long.MAX_VALUE ? " >= " + min : " in [" + min + ", " + max + "]";
    }

    /** Records a violation for every key not in {@code allowed}, naming what the dictionary is. */
    void unexpectedKeys(Set<String> allowed, String what) {
        List<String> extra = new ArrayList<>();
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                extra.add(k);
            }
        }
        for (String k : extra) {
            add(k, "unexpected key in " + what + " (allowed: " + allowed.stream().sorted().toList() + ")");
        }
    }
}

package org.jdistarray.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/** Exact conversions of JSON values and short descriptions of unexpected ones, for violation messages. */
final class JsonValues {
    private static final int SHOWN_CHARS = 40;

    private JsonValues() {
    }

    /** The value of an integral JSON number that fits a {@code long}, else {@code null} (never throws). */
    static Long exactLong(JsonNode v) {
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            return null;
        }
        return v.longValue();
    }

    /** A short description of a JSON value: its type and (truncated) text. */
    static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isNull()) {
            return "null";
        }
        String text = v.toString();
        if (text.length() > SHOWN_CHARS) {
            text = text.substring(0, SHOWN_CHARS) + "...";
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? "integer " + text : "integer " + text + " (too large)";
        }
        if (v.isNumber()) {
            return "non-integer number " + text;
        }
        if (v.isTextual()) {
            return "string " + text;
        }
        if (v.isBoolean()) {
            return "boolean " + text;
        }
        if (v.isArray()) {
            return "array " + text;
        }
        if (v.isObject()) {
            return "object " + text;
        }
        return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " " + text;
    }
}

package org.jdistarray.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of Python literals DistArray writes into {@code .dnpy} headers and global dimension data
 * (distarray-0.5.md §11): what {@code ast.literal_eval} reads and {@code repr} writes for dicts, tuples,
 * lists, strings, ints, floats, {@code True}, {@code False} and {@code None}.
 *
 * <p>Parsed values are Java objects: dict &rarr; {@link LinkedHashMap} (in text order), tuple &rarr;
 * {@link Tuple}, list &rarr; {@link ArrayList}, str &rarr; {@link String}, int &rarr; {@link Long}, float
 * &rarr; {@link Double}, bool &rarr; {@link Boolean}, None &rarr; {@code null}. Accepted: single- or
 * double-quoted strings with Python's escapes (and {@code u}/{@code r} prefixes), signed ints (with an optional
 * Python 2 {@code L} suffix), floats ({@code 1.5}, {@code .5}, {@code 1.}, {@code 1e-3}), trailing commas,
 * {@code ()} and 1-tuples {@code (x,)}, any whitespace between tokens. Rejected, with the position: anything
 * else, ints outside 64 bits, duplicate or unhashable dict keys, nesting deeper than 500 levels.
 *
 * <p>Not collective. Thread-safe (stateless).
 */
public final class PyLiteral {
    private static final int MAX_DEPTH = 500;

    private PyLiteral() {
    }

    /**
     * A Python tuple: an immutable list of values (which may contain {@code null} for None).
     *
     * @param items the elements, in order
     */
    public record Tuple(List<Object> items) {
        /** Copies {@code items} into an unmodifiable list. */
        public Tuple {
            items = Collections.unmodifiableList(new ArrayList<>(items));
        }

        /** A tuple of the given values. */
        public static Tuple of(Object... items) {
            List<Object> list = new ArrayList<>(items.length);
            Collections.addAll(list, items);
            return new Tuple(list);
        }
    }

    /**
     * Not collective. Parses one Python literal; surrounding whitespace is ignored.
     *
     * @throws ProtocolException naming the position of the first problem
     */
    public static Object parse(String text) {
        if (text == null) {
            throw new ProtocolException("Python literal: text is null");
        }
        return new LiteralParser(text).parseAll();
    }

    /**
     * Not collective. Python's {@code repr} of a value built from the types {@link #parse} returns (any
     * {@link Map}, {@link List}, {@link Tuple}, {@link CharSequence}, integral {@link Number} or
     * {@link BigInteger}, {@link Double}/{@link Float}, {@link Boolean}, {@code null}): single-quoted strings,
     * {@code True}/{@code False}/{@code None}, {@code (x,)} for 1-tuples, dict entries in map order.
     * Non-finite floats are written {@code nan}, {@code inf}, {@code -inf} as Python does, which no literal
     * parser reads back.
     *
     * @throws IllegalArgumentException naming the class of a value of any other type
     */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb);
        return sb.toString();
    }

    private static void write(Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("None");
        } else if (v instanceof Boolean b) {
            sb.append(b ? "True" : "False");
        } else if (v instanceof CharSequence s) {
            sb.append(repr(s.toString()));
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            sb.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            sb.append(floatRepr(((Number) v).doubleValue()));
        } else if (v instanceof Tuple t) {
            sb.append('(');
            writeItems(t.items(), sb);
            if (t.items().size() == 1) {
                sb.append(',');
            }
            sb.append(')');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            writeItems(l, sb);
            sb.append(']');
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ", ");
                first = false;
                write(e.getKey(), sb);
                sb.append(": ");
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else {
            throw new IllegalArgumentException("Python literal: cannot write a " + v.getClass().getName());
        }
    }

    private static void writeItems(List<?> items, StringBuilder sb) {
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "" : ", ");
            write(items.get(i), sb);
        }
    }

    /** Python 3's {@code repr} of a str: single quotes unless the text has a ' and no ". */
    static String repr(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(s.length() + 2).append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == q) {
                        sb.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else if (Character.isISOControl(c) || Character.isSurrogate(c) && !validSurrogateAt(s, i)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append(q).toString();
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** Python's {@code repr} of a float: shortest round-trip digits, fixed notation for 1e-4 <= |x| < 1e16. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal x = shortest(d);
        int exponent = x.precision() - x.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String plain = x.toPlainString();
            return plain.indexOf('.') >= 0 ? plain : plain + ".0";
        }
        String digits = x.unscaledValue().abs().toString();
        StringBuilder sb = new StringBuilder(d < 0 ? "-" : "").append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int e = Math.abs(exponent);
        return sb.append(e < 10 ? "0" : "").append(e).toString();
    }

    /** The decimal with the fewest digits that reads back as {@code d}, the closest one among those. */
    private static BigDecimal shortest(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal x = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (x.doubleValue() == d) {
                return x.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /**
     * The JSON tree of a parsed literal: dicts become objects (their keys must be strings), tuples and lists
     * arrays, the rest the matching JSON scalars.
     *
     * @throws ProtocolException naming a non-string dict key
     */
    static JsonNode toJsonTree(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v == null) {
            return f.nullNode();
        }
        if (v instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (v instanceof String s) {
            return f.textNode(s);
        }
        if (v instanceof Long l) {
            return f.numberNode(l);
        }
        if (v instanceof Double d) {
            return f.numberNode(d);
        }
        if (v instanceof Tuple t) {
            return arrayOf(t.items());
        }
        if (v instanceof List<?> l) {
            return arrayOf(l);
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = f.objectNode();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new ProtocolException("Python literal: dict key " + write(e.getKey()) + " is not a string");
                }
                o.set(key, toJsonTree(e.getValue()));
            }
            return o;
        }
        throw new IllegalArgumentException("Python literal: unexpected value of type " + v.getClass().getName());
    }

    private static ArrayNode arrayOf(List<?> items) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Object o : items) {
            a.add(toJsonTree(o));
        }
        return a;
    }

    /** A recursive-descent parser over one text. */
    private static final class LiteralParser {
        private final String s;
        private int pos;
        private int depth;

        LiteralParser(String s) {
            this.s = s;
        }

        Object parseAll() {
            Object v = value();
            skipWs();
            if (pos < s.length()) {
                throw error("unexpected text after the literal");
            }
            return v;
        }

        private ProtocolException error(String what) {
            int from = Math.max(0, pos - 15);
            int to = Math.min(s.length(), pos + 15);
            String near = pos >= s.length() ? "end of text" : "near '" + s.substring(from, to).replace("\n", "\\n") + "'";
            return new ProtocolException("Python literal: " + what + " at position " + pos + " (" + near + ")");
        }

        private void skipWs() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == '\n'
                    || s.charAt(pos) == '\r' || s.charAt(pos) == '\f')) {
                pos++;
            }
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private Object value() {
            skipWs();
            if (pos >= s.length()) {
                throw error("expected a value");
            }
            if (++depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH + " levels");
            }
            try {
                char c = peek();
                if (c == '{') {
                    return dict();
                }
                if (c == '[') {
                    return new ArrayList<>(sequence('[', ']'));
                }
                if (c == '(') {
                    return tuple();
                }
                if (c == '\'' || c == '"') {
                    return string(false);
                }
                if ((c == 'u' || c == 'U' || c == 'r' || c == 'R') && pos + 1 < s.length()
                        && (s.charAt(pos + 1) == '\'' || s.charAt(pos + 1) == '"')) {
                    pos++;
                    return string(c == 'r' || c == 'R');
                }
                if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
                    return number();
                }
                if (Character.isLetter(c) || c == '_') {
                    return keyword();
                }
                throw error("unexpected character '" + c + "'");
            } finally {
                depth--;
            }
        }

        private Map<Object, Object> dict() {
            int open = pos++;
            Map<Object, Object> map = new LinkedHashMap<>();
            skipWs();
            while (peek() != '}') {
                int keyAt = pos;
                Object key = value();
                checkHashable(key, keyAt);
                skipWs();
                if (peek() != ':') {
                    throw error("expected ':' after a dict key");
                }
                pos++;
                Object val = value();
                if (map.containsKey(key)) {
                    pos = keyAt;
                    throw error("duplicate dict key " + write(key));
                }
                map.put(key, val);
                if (!separator('}')) {
                    throw error("expected ',' or '}' in the dict opened at position " + open);
                }
            }
            pos++;
            return map;
        }

        private void checkHashable(Object key, int at) {
            if (key instanceof List || key instanceof Map) {
                pos = at;
                throw error("unhashable dict key " + write(key));
            }
            if (key instanceof Tuple t) {
                for (Object o : t.items()) {
                    checkHashable(o, at);
                }
            }
        }

        /** After an item: consumes ',' (true) or sees {@code close} (true, not consumed); false otherwise. */
        private boolean separator(char close) {
            skipWs();
            if (peek() == ',') {
                pos++;
                skipWs();
                return true;
            }
            return peek() == close;
        }

        private List<Object> sequence(char openChar, char close) {
            int open = pos++;
            List<Object> items = new ArrayList<>();
            skipWs();
            while (peek() != close) {
                items.add(value());
                if (!separator(close)) {
                    throw error("expected ',' or '" + close + "' in the sequence opened with '" + openChar
                            + "' at position " + open);
                }
            }
            pos++;
            return items;
        }

        private Object tuple() {
            int open = pos++;
            skipWs();
            if (peek() == ')') {
                pos++;
                return new Tuple(List.of());
            }
            Object first = value();
            skipWs();
            if (peek() == ')') {
                pos++;
                return first; // a parenthesised value, not a tuple
            }
            if (peek() != ',') {
                throw error("expected ',' or ')' in the tuple opened at position " + open);
            }
            pos = open;
            return new Tuple(sequence('(', ')'));
        }

        private String string(boolean raw) {
            char q = s.charAt(pos++);
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length() || s.charAt(pos) == '\n') {
                    throw error("unterminated string");
                }
                char c = s.charAt(pos++);
                if (c == q) {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char e = s.charAt(pos++);
                if (raw) {
                    sb.append('\\').append(e);
                    continue;
                }
                escape(e, sb);
            }
        }

        private void escape(char e, StringBuilder sb) {
            switch (e) {
                case '\n' -> { }
                case '\\', '\'', '"' -> sb.append(e);
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000b');
                case 'x' -> sb.appendCodePoint(hex(2));
                case 'u' -> sb.appendCodePoint(hex(4));
                case 'U' -> sb.appendCodePoint(hex(8));
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        for (int n = 0; n < 2 && pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '7'; n++) {
                            v = v * 8 + (s.charAt(pos++) - '0');
                        }
                        sb.append((char) v);
                    } else {
                        sb.append('\\').append(e); // Python keeps unknown escapes as written
                    }
                }
            }
        }

        private int hex(int digits) {
            if (pos + digits > s.length()) {
                throw error("truncated \\x, \\u or \\U escape");
            }
            long v = 0;
            for (int k = pos; k < pos + digits; k++) {
                int h = Character.digit(s.charAt(k), 16);
                if (h < 0) {
                    throw error("bad hexadecimal escape");
                }
                v = v * 16 + h;
            }
            if (v > Character.MAX_CODE_POINT) {
                throw error("escape \\U" + s.substring(pos, pos + digits) + " is not a Unicode code point");
            }
            pos += digits;
            return (int) v;
        }

        private Object number() {
            int start = pos;
            boolean negative = false;
            if (peek() == '-' || peek() == '+') {
                negative = s.charAt(pos++) == '-';
                skipWs();
            }
            int digitsFrom = pos;
            boolean isFloat = false;
            pos = skipDigits(pos);
            if (peek() == '.') {
                isFloat = true;
                pos = skipDigits(pos + 1);
            }
            if (pos == digitsFrom || pos == digitsFrom + 1 && s.charAt(digitsFrom) == '.') {
                pos = start;
                throw error("expected a number");
            }
            if (peek() == 'e' || peek() == 'E') {
                int e = pos + 1;
                if (e < s.length() && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
                    e++;
                }
                int end = skipDigits(e);
                if (end == e) {
                    throw error("expected digits in the exponent");
                }
                isFloat = true;
                pos = end;
            }
            String text = (negative ? "-" : "") + s.substring(digitsFrom, pos);
            if (isFloat) {
                endOfToken();
                return Double.parseDouble(text);
            }
            if (peek() == 'L' || peek() == 'l') {
                pos++; // Python 2 long suffix
            }
            endOfToken();
            BigInteger big = new BigInteger(text);
            if (big.bitLength() > 63) {
                pos = start;
                throw error("integer " + text + " does not fit in 64 bits");
            }
            return big.longValue();
        }

        private int skipDigits(int at) {
            while (at < s.length() && s.charAt(at) >= '0' && s.charAt(at) <= '9') {
                at++;
            }
            return at;
        }

        private void endOfToken() {
            char c = peek();
            if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                throw error("unexpected character '" + c + "' in a number");
            }
        }

        private Object keyword() {
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            String word = s.substring(start, pos);
            switch (word) {
                case "True":
                    return Boolean.TRUE;
                case "False":
                    return Boolean.FALSE;
                case "None":
                    return null;
                default:
                    pos = start;
                    throw error("'" + word + "' is not a literal (expected True, False, None, a number, a string,"
                            + " a dict, a list or a tuple)");
            }
        }
    }
}

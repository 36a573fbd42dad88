package org.jdistarray.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PyLiteralTest {

    private static Map<Object, Object> dict(Object... kv) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    static Stream<Arguments> literals() {
        return Stream.of(
                Arguments.of("{'a': 1, }", dict("a", 1L)),
                Arguments.of("{}", dict()),
                Arguments.of("()", PyLiteral.Tuple.of()),
                Arguments.of("(5,)", PyLiteral.Tuple.of(5L)),
                Arguments.of("(5)", 5L),
                Arguments.of("( 1 , 2 , )", PyLiteral.Tuple.of(1L, 2L)),
                Arguments.of("[1, [2, (3,)], []]", list(1L, list(2L, PyLiteral.Tuple.of(3L)), list())),
                Arguments.of("-42", -42L),
                Arguments.of("- 7", -7L),
                Arguments.of("+3", 3L),
                Arguments.of("7L", 7L),
                Arguments.of("9223372036854775807", Long.MAX_VALUE),
                Arguments.of("-9223372036854775808", Long.MIN_VALUE),
                Arguments.of("1.5", 1.5),
                Arguments.of("-.5", -0.5),
                Arguments.of("1.", 1.0),
                Arguments.of("1e-3", 0.001),
                Arguments.of("2E+2", 200.0),
                Arguments.of("True", true),
                Arguments.of("False", false),
                Arguments.of("None", null),
                Arguments.of("'it'", "it"),
                Arguments.of("\"it's\"", "it's"),
                Arguments.of("'a\\'b\\\\c\\n\\t\\x41\\u00e9\\101\\q'", "a'b\\c\n\tAé" + "A\\q"),
                Arguments.of("u'x'", "x"),
                Arguments.of("r'a\\n'", "a\\n"),
                Arguments.of("{(1, 2): [None, True], 'k': {'n': -1.25e2}}",
                        dict(PyLiteral.Tuple.of(1L, 2L), list(null, true), "k", dict("n", -125.0))),
                Arguments.of(" \n{'__version__': '0.10.0', 'dim_data': ({'dist_type': 'b', 'size': 7},), }    \n",
                        dict("__version__", "0.10.0", "dim_data", PyLiteral.Tuple.of(dict("dist_type", "b", "size", 7L)))));
    }

    @ParameterizedTest
    @MethodSource("literals")
    void parses(String text, Object expected) {
        assertEquals(expected, PyLiteral.parse(text));
    }

    @ParameterizedTest
    @MethodSource("literals")
    void writeThenParseRoundTrips(String text, Object value) {
        assertEquals(value, PyLiteral.parse(PyLiteral.write(value)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{'a': 1|expected ',' or '}'|7",
        "{'a' 1}|expected ':'|5",
        "[1, 2|expected ',' or ']'|5",
        "(1 2)|expected ',' or ')'|3",
        "'abc|unterminated string|4",
        "99999999999999999999|does not fit in 64 bits|0",
        "{'a': 1, 'a': 2}|duplicate dict key 'a'|9",
        "{[1]: 2}|unhashable dict key|1",
        "foo|'foo' is not a literal|0",
        "12ab|unexpected character 'a' in a number|2",
        "1 2|unexpected text after the literal|2",
        "''|''|-1",
        "|expected a value|0",
        "-|expected a number|0",
        "'\\x4'|bad hexadecimal escape|3",
        "'\\x+1'|bad hexadecimal escape|3",
        "nan|'nan' is not a literal|0"})
    void errorsNameThePosition(String text, String what, int position) {
        String t = text == null ? "" : text;
        if (position < 0) {
            assertEquals("", PyLiteral.parse(t));
            return;
        }
        ProtocolException e = assertThrows(ProtocolException.class, () -> PyLiteral.parse(t));
        assertTrue(e.getMessage().contains(what), e.getMessage());
        assertTrue(e.getMessage().contains("at position " + position), e.getMessage());
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> PyLiteral.parse("[".repeat(100_000)));
        assertTrue(e.getMessage().contains("nesting deeper"), e.getMessage());
    }

    @Test
    void writesPythonRepr() {
        assertEquals("{'a': (1,), 'b': [True, False, None], 'c': (), 'd': (1, 'x')}", PyLiteral.write(dict(
                "a", PyLiteral.Tuple.of(1L), "b", list(true, false, null), "c", PyLiteral.Tuple.of(),
                "d", PyLiteral.Tuple.of(1, "x"))));
        assertEquals("\"it's\"", PyLiteral.write("it's"));
        assertEquals("'say \"hi\"'", PyLiteral.write("say \"hi\""));
        assertEquals("'both \\' and \"'", PyLiteral.write("both ' and \""));
        assertEquals("'a\\\\b\\n\\x00'", PyLiteral.write("a\\b\n\0"));
        assertThrows(IllegalArgumentException.class, () -> PyLiteral.write(new Object()));
    }

    @ParameterizedTest
    @CsvSource({"1.0, 1.0", "0.1, 0.1", "-2.5, -2.5", "1e16, 1e+16", "1.5e-5, 1.5e-05", "0.0001, 0.0001",
        "123456789012345680.0, 1.2345678901234568e+17", "1e22, 1e+22", "9999999999999998.0, 9999999999999998.0",
        "0.0, 0.0", "-0.0, -0.0", "5e-324, 5e-324"})
    void floatsAreWrittenLikePythonRepr(double value, String repr) {
        assertEquals(repr, PyLiteral.write(value));
        assertEquals(value, PyLiteral.parse(repr));
    }

    @Test
    void tupleIsImmutableAndAcceptsNone() {
        PyLiteral.Tuple t = new PyLiteral.Tuple(list(1L, null));
        assertThrows(UnsupportedOperationException.class, () -> t.items().add(2L));
        assertEquals("(1, None)", PyLiteral.write(t));
    }
}

package org.jdistarray.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One minimal bad input per rule; each must give exactly the expected violation (dimension and key). */
class ProtocolValidatorTest {
    private static final String B = "\"dist_type\": \"b\", \"size\": 7, \"proc_grid_size\": 4, ";
    private static final String C = "\"dist_type\": \"c\", \"size\": 10, \"proc_grid_size\": 3, ";
    private static final String U = "\"dist_type\": \"u\", \"size\": 10, \"proc_grid_size\": 2, \"proc_grid_rank\": 0, ";
    private static final String OK_BLOCK = "{" + B + "\"proc_grid_rank\": 1, \"start\": 2, \"stop\": 4}";
    private static final String BUF = "\"buffer\": {\"dtype\": \"<f8\", \"shape\": [2]}";
    private static final String DIMS = "\"dim_data\": [" + OK_BLOCK + "]";

    private static Arguments bad(String rule, String json, int dimension, String key) {
        return Arguments.of(rule, json, dimension, key);
    }

    private static String dim(String shape, String dict) {
        return Exports.raw(shape, dict);
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                bad("1 extra top-level key", "{\"__version__\": \"0.10.0\", " + BUF + ", " + DIMS + ", \"x\": 1}", -1, "x"),
                bad("1 missing buffer", "{\"__version__\": \"0.10.0\", " + DIMS + "}", -1, "buffer"),
                bad("1 missing dim_data", "{\"__version__\": \"0.10.0\", " + BUF + "}", -1, "dim_data"),
                bad("1 missing version", "{" + BUF + ", " + DIMS + "}", -1, "__version__"),
                bad("2 version not a string", "{\"__version__\": 0.1, " + BUF + ", " + DIMS + "}", -1, "__version__"),
                bad("2 version malformed", "{\"__version__\": \"v1.0.0alpha\", " + BUF + ", " + DIMS + "}", -1, "__version__"),
                bad("2 version 0.9 unsupported", "{\"__version__\": \"0.9.0\", " + BUF + ", " + DIMS + "}", -1, "__version__"),
                bad("2 version 1.10 unsupported", "{\"__version__\": \"1.10.0\", " + BUF + ", " + DIMS + "}", -1, "__version__"),
                bad("3 buffer not an object", "{\"__version__\": \"0.10.0\", \"buffer\": [1, 2], " + DIMS + "}", -1, "buffer"),
                bad("3 unknown dtype", "{\"__version__\": \"0.10.0\", \"buffer\": {\"dtype\": \"<c16\", \"shape\": [2]}, "
                        + DIMS + "}", -1, "buffer.dtype"),
                bad("3 big-endian dtype", "{\"__version__\": \"0.10.0\", \"buffer\": {\"dtype\": \">f8\", \"shape\": [2]}, "
                        + DIMS + "}", -1, "buffer.dtype"),
                bad("3 dtype missing", "{\"__version__\": \"0.10.0\", \"buffer\": {\"shape\": [2]}, " + DIMS + "}",
                        -1, "buffer.dtype"),
                bad("3 negative shape", "{\"__version__\": \"0.10.0\", \"buffer\": {\"dtype\": \"<f8\", \"shape\": [-2]}, "
                        + DIMS + "}", -1, "buffer.shape"),
                bad("3 fractional shape", "{\"__version__\": \"0.10.0\", \"buffer\": {\"dtype\": \"<f8\", \"shape\": [2.5]}, "
                        + DIMS + "}", -1, "buffer.shape"),
                bad("3 extra buffer key", "{\"__version__\": \"0.10.0\", \"buffer\": {\"dtype\": \"<f8\", \"shape\": [2], "
                        + "\"strides\": [8]}, " + DIMS + "}", -1, "strides"),
                bad("4 dim_data not an array", "{\"__version__\": \"0.10.0\", " + BUF + ", \"dim_data\": {}}", -1, "dim_data"),
                bad("4 len(dim_data) != ndim", dim("[2, 3]", OK_BLOCK), -1, "dim_data"),
                bad("4 dim dict not an object", dim("[2]", "5"), 0, "dim_data"),
                bad("5 dist_type missing", dim("[2]", "{\"size\": 2, \"proc_grid_size\": 1, \"proc_grid_rank\": 0,"
                        + " \"start\": 0, \"stop\": 2}"), 0, "dist_type"),
                bad("5 dist_type q", dim("[2]", "{\"dist_type\": \"q\", \"size\": 2, \"proc_grid_size\": 1,"
                        + " \"proc_grid_rank\": 0}"), 0, "dist_type"),
                bad("5 dist_type n", dim("[2]", "{\"dist_type\": \"n\", \"size\": 2, \"proc_grid_size\": 1,"
                        + " \"proc_grid_rank\": 0}"), 0, "dist_type"),
                bad("5 size missing", dim("[2]", "{\"dist_type\": \"b\", \"proc_grid_size\": 4, \"proc_grid_rank\": 1,"
                        + " \"start\": 2, \"stop\": 4}"), 0, "size"),
                bad("5 size negative", dim("[2]", "{\"dist_type\": \"b\", \"size\": -7, \"proc_grid_size\": 4,"
                        + " \"proc_grid_rank\": 1, \"start\": 2, \"stop\": 4}"), 0, "size"),
                bad("5 size a string", dim("[2]", "{\"dist_type\": \"b\", \"size\": \"7\", \"proc_grid_size\": 4,"
                        + " \"proc_grid_rank\": 1, \"start\": 2, \"stop\": 4}"), 0, "size"),
                bad("5 proc_grid_size 0", dim("[2]", "{\"dist_type\": \"b\", \"size\": 7, \"proc_grid_size\": 0,"
                        + " \"proc_grid_rank\": 1, \"start\": 2, \"stop\": 4}"), 0, "proc_grid_size"),
                bad("5 proc_grid_rank negative", dim("[2]", "{" + B + "\"proc_grid_rank\": -1, \"start\": 2, \"stop\": 4}"),
                        0, "proc_grid_rank"),
                bad("9 proc_grid_rank >= proc_grid_size", dim("[2]", "{" + B + "\"proc_grid_rank\": 4, \"start\": 2,"
                        + " \"stop\": 4}"), 0, "proc_grid_rank"),
                bad("6 b start missing", dim("[2]", "{" + B + "\"proc_grid_rank\": 1, \"stop\": 4}"), 0, "start"),
                bad("6 b start negative", dim("[2]", "{" + B + "\"proc_grid_rank\": 1, \"start\": -1, \"stop\": 1}"),
                        0, "start"),
                bad("6 b stop < start", dim("[0]", "{" + B + "\"proc_grid_rank\": 1, \"start\": 4, \"stop\": 3}"), 0, "stop"),
                bad("6 b stop > size", dim("[2]", "{" + B + "\"proc_grid_rank\": 3, \"start\": 6, \"stop\": 8}"), 0, "stop"),
                bad("6 b stop - start != extent", dim("[3]", OK_BLOCK), 0, "stop"),
                bad("6 b rank 0 starts at 0", dim("[2]", "{" + B + "\"proc_grid_rank\": 0, \"start\": 1, \"stop\": 3}"),
                        0, "start"),
                bad("6 b padding one element", dim("[2]", "{" + B + "\"proc_grid_rank\": 1, \"start\": 2, \"stop\": 4,"
                        + " \"padding\": [1]}"), 0, "padding"),
                bad("6 b padding negative", dim("[2]", "{" + B + "\"proc_grid_rank\": 1, \"start\": 2, \"stop\": 4,"
                        + " \"padding\": [-1, 0]}"), 0, "padding"),
                bad("6 b padding wider than extent", dim("[2]", "{" + B + "\"proc_grid_rank\": 1, \"start\": 2,"
                        + " \"stop\": 4, \"padding\": [2, 1]}"), 0, "padding"),
                bad("6 b periodic not boolean", dim("[2]", "{" + B + "\"proc_grid_rank\": 1, \"start\": 2, \"stop\": 4,"
                        + " \"periodic\": 1}"), 0, "periodic"),
                bad("6 b unexpected key", dim("[2]", "{" + B + "\"proc_grid_rank\": 1, \"start\": 2, \"stop\": 4,"
                        + " \"block_size\": 2}"), 0, "block_size"),
                bad("7 c start missing", dim("[3]", "{" + C + "\"proc_grid_rank\": 1}"), 0, "start"),
                bad("7 c start != rank * block_size", dim("[3]", "{" + C + "\"proc_grid_rank\": 1, \"start\": 2}"),
                        0, "start"),
                bad("7 c block_size 0", dim("[3]", "{" + C + "\"proc_grid_rank\": 1, \"start\": 1, \"block_size\": 0}"),
                        0, "block_size"),
                bad("7 c extent != round-robin count", dim("[4]", "{" + C + "\"proc_grid_rank\": 1, \"start\": 1}"),
                        0, "buffer.shape"),
                bad("7 c partial block on reference rank", dim("[5]", "{\"dist_type\": \"c\", \"size\": 7,"
                        + " \"proc_grid_size\": 2, \"proc_grid_rank\": 0, \"start\": 0, \"block_size\": 2}"),
                        0, "buffer.shape"),
                bad("7 c unexpected key", dim("[3]", "{" + C + "\"proc_grid_rank\": 1, \"start\": 1, \"stop\": 9}"),
                        0, "stop"),
                bad("8 u indices missing", dim("[2]", "{" + U.substring(0, U.length() - 2) + "}"), 0, "indices"),
                bad("8 u indices not integers", dim("[2]", "{" + U + "\"indices\": [1, \"2\"]}"), 0, "indices"),
                bad("8 u indices not an array", dim("[2]", "{" + U + "\"indices\": \"1 2\"}"), 0, "indices"),
                bad("8 u indices repeated", dim("[3]", "{" + U + "\"indices\": [4, 1, 4]}"), 0, "indices"),
                bad("8 u indices length != extent", dim("[3]", "{" + U + "\"indices\": [4, 1]}"), 0, "indices"),
                bad("8 u one_to_one not boolean", dim("[2]", "{" + U + "\"indices\": [4, 1], \"one_to_one\": 1}"),
                        0, "one_to_one"),
                bad("data wrong length", "{\"__version__\": \"0.10.0\", " + BUF + ", " + DIMS + ", \"data\": [1]}",
                        -1, "data"),
                bad("data wrong kind", "{\"__version__\": \"0.10.0\", " + BUF + ", " + DIMS + ", \"data\": [1, true]}",
                        -1, "data"),
                bad("data out of range", "{\"__version__\": \"0.10.0\", \"buffer\": {\"dtype\": \"|i1\", \"shape\": [2]}, "
                        + DIMS + ", \"data\": [1, 300]}", -1, "data"),
                bad("second dimension named", dim("[2, 3]", OK_BLOCK + ", {" + C + "\"proc_grid_rank\": 2, \"start\": 1}"),
                        1, "start"));
    }

    @ParameterizedTest(name = "rule {0}")
    @MethodSource("rules")
    void eachRuleGivesItsViolation(String rule, String json, int dimension, String key) {
        List<Violation> v = ProtocolValidator.validate(Exports.tree(json));
        assertEquals(1, v.size(), () -> rule + ": " + v);
        assertEquals(dimension, v.get(0).dimension(), v::toString);
        assertEquals(key, v.get(0).key(), v::toString);
        assertFalse(v.get(0).message().isBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"__version__\": \"0.10\", \"buffer\": {\"dtype\": \"<f8\", \"shape\": [2]}, \"dim_data\": [{}]}",
        "{\"__version__\": \"0.10.3\", \"buffer\": {\"dtype\": \"float64\", \"shape\": []}, \"dim_data\": []}",
        "{\"__version__\": \"0.10.0\", \"buffer\": {\"dtype\": \"|b1\", \"shape\": [0]}, \"dim_data\": "
                + "[{\"dist_type\": \"b\", \"size\": 5, \"proc_grid_size\": 3, \"proc_grid_rank\": 2, \"start\": 5, \"stop\": 5}]}",
        "{\"__version__\": \"0.10.0\", \"buffer\": {\"dtype\": \"<f8\", \"shape\": [0]}, \"dim_data\": "
                + "[{\"dist_type\": \"c\", \"size\": 2, \"proc_grid_size\": 4, \"proc_grid_rank\": 3, \"start\": 3}]}",
        "{\"__version__\": \"0.10.0\", \"buffer\": {\"dtype\": \"<f8\", \"shape\": [3]}, \"dim_data\": "
                + "[{\"dist_type\": \"c\", \"size\": 7, \"proc_grid_size\": 2, \"proc_grid_rank\": 1, \"start\": 2,"
                + " \"block_size\": 2}]}",
        "{\"__version__\": \"0.10.0\", \"buffer\": {\"dtype\": \"<f8\", \"shape\": [10]}, \"dim_data\": "
                + "[{\"dist_type\": \"b\", \"size\": 18, \"proc_grid_size\": 2, \"proc_grid_rank\": 0, \"start\": 0,"
                + " \"stop\": 10, \"padding\": [1, 1], \"periodic\": false}]}",
        "{\"__version__\": \"0.10.0\", \"buffer\": {\"dtype\": \"<f4\", \"shape\": [3]}, \"dim_data\": "
                + "[{\"dist_type\": \"u\", \"size\": 3, \"proc_grid_size\": 1, \"proc_grid_rank\": 0, \"indices\": [-1, 7, 2],"
                + " \"one_to_one\": false}], \"data\": [1, 2.5, \"NaN\"]}"})
    void acceptsValidCornerCases(String json) {
        assertEquals(List.of(), ProtocolValidator.validate(Exports.tree(json)));
    }

    @Test
    void reportsEveryViolationNotJustTheFirst() {
        List<Violation> v = ProtocolValidator.validate(Exports.tree("{\"__version__\": \"2.0\", \"buffer\": "
                + "{\"dtype\": \"?x\", \"shape\": [2, 2]}, \"dim_data\": [{\"dist_type\": \"b\", \"size\": 7,"
                + " \"proc_grid_size\": 4, \"proc_grid_rank\": 0, \"start\": 3, \"stop\": 9}, {\"dist_type\": \"u\","
                + " \"size\": 4, \"proc_grid_size\": 1, \"proc_grid_rank\": 0, \"indices\": [1, 1]}]}"));
        assertEquals(List.of("-1 __version__", "-1 buffer.dtype", "0 start", "0 stop", "0 stop", "1 indices"),
                v.stream().map(x -> x.dimension() + " " + x.key()).toList(), v::toString);
    }

    static Stream<JsonNode> garbage() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return Stream.of(null, f.nullNode(), f.missingNode(), f.arrayNode().add(1), f.textNode("{}"), f.numberNode(3),
                f.objectNode(),
                Exports.tree("{\"__version__\": null, \"buffer\": null, \"dim_data\": null, \"data\": null}"),
                Exports.tree("{\"__version__\": [], \"buffer\": {\"dtype\": 8, \"shape\": 2}, \"dim_data\": [[], null, \"b\"]}"),
                Exports.tree(Exports.raw("[1e400]", "{\"dist_type\": \"b\", \"size\": 123456789012345678901234567890,"
                        + " \"proc_grid_size\": 1099511627776, \"proc_grid_rank\": 9223372036854775807,"
                        + " \"start\": -9223372036854775808, \"stop\": 1.5, \"padding\": {\"l\": 1}, \"periodic\": \"yes\"}")),
                Exports.tree(Exports.raw("[9223372036854775807, 9223372036854775807]",
                        "{\"dist_type\": \"c\", \"size\": 9223372036854775807, \"proc_grid_size\": 2147483647,"
                        + " \"proc_grid_rank\": 2147483646, \"start\": 0, \"block_size\": 9223372036854775807},"
                        + " {\"dist_type\": \"u\", \"size\": \"x\", \"proc_grid_size\": [], \"proc_grid_rank\": {},"
                        + " \"indices\": [[1], 99999999999999999999999, null], \"one_to_one\": null}")),
                Exports.tree("{\"__version__\": \"0.10.0\", \"buffer\": {\"dtype\": \"<i8\", \"shape\": [3]},"
                        + " \"dim_data\": [{}], \"data\": [1e400, \"NaN\", 18446744073709551616]}"));
    }

    @ParameterizedTest
    @MethodSource("garbage")
    void garbageGivesViolationsNotExceptions(JsonNode export) {
        List<Violation> v = ProtocolValidator.validate(export);
        assertFalse(v.isEmpty());
        assertTrue(v.stream().noneMatch(x -> x.message().startsWith("validator failed")), v::toString);
    }

    @Test
    void hugeAndFractionalIntegersAreNamed() {
        List<Violation> v = ProtocolValidator.validate(Exports.tree(Exports.raw("[2]", "{\"dist_type\": \"b\","
                + " \"size\": 123456789012345678901234567890, \"proc_grid_size\": 4.0, \"proc_grid_rank\": 1,"
                + " \"start\": 2, \"stop\": 4}")));
        assertEquals(List.of("size", "proc_grid_size"), v.stream().map(Violation::key).toList());
        assertTrue(v.get(0).message().contains("too large"), v.get(0).message());
    }

    /** Random corruption of valid exports: the validator must never throw. */
    @Test
    void fuzzedExportsNeverThrow() {
        Random random = new Random(42);
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> values = List.of(f.nullNode(), f.numberNode(-1), f.numberNode(0), f.numberNode(1),
                f.numberNode(Long.MAX_VALUE), f.numberNode(new BigInteger("99999999999999999999")), f.numberNode(2.5),
                f.textNode("b"), f.textNode("c"), f.textNode("u"), f.booleanNode(true), f.arrayNode(),
                f.arrayNode().add(1).add(1), f.objectNode());
        List<ArrayDescriptor> seeds = List.of(
                Exports.descriptor(new Block(18, 2, 1, 8, 18, 1, 1, true), new BlockCyclic(7, 2, 1, 2)),
                Exports.descriptor(new Unstructured(10, 2, 0, new long[] {9, 3}, true), new Cyclic(4, 2, 1)));
        for (int n = 0; n < 3000; n++) {
            ObjectNode tree = JsonCodec.tree(seeds.get(n % 2), null);
            List<ObjectNode> objects = new ArrayList<>();
            collectObjects(tree, objects);
            for (int k = random.nextInt(3) + 1; k > 0; k--) {
                ObjectNode o = objects.get(random.nextInt(objects.size()));
                List<String> keys = new ArrayList<>();
                o.fieldNames().forEachRemaining(keys::add);
                if (keys.isEmpty()) {
                    continue;
                }
                String key = keys.get(random.nextInt(keys.size()));
                if (random.nextInt(5) == 0) {
                    o.remove(key);
                } else {
                    o.set(key, values.get(random.nextInt(values.size())).deepCopy());
                }
            }
            List<Violation> v = ProtocolValidator.validate(tree);
            assertTrue(v.stream().noneMatch(x -> x.message().startsWith("validator failed")), v::toString);
            if (v.isEmpty()) {
                JsonCodec.read(tree.toString()); // whatever the validator accepts must be readable
            }
        }
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> out) {
        if (node instanceof ObjectNode o) {
            out.add(o);
        }
        if (node instanceof ArrayNode || node instanceof ObjectNode) {
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collectObjects(it.next(), out);
            }
        }
    }
}

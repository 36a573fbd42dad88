package org.jdistarray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class CliTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = JDistArrayCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String fixture(String name) {
        return Path.of("src/test/resources/cli", name).toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"valid-block.json", "valid-all-ranks.json"})
    void validExportsAreValid(String file) {
        Run r = run("validate", fixture(file));
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("valid", r.out().trim());
    }

    @Test
    void invalidExportListsEveryViolationByDimensionAndKey() {
        Run r = run("validate", fixture("invalid-several.json"));
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().startsWith("invalid:"), r.out());
        assertTrue(r.out().contains("dim_data[0]: 'stop'"), r.out());
        assertTrue(r.out().contains("dim_data[1]: 'start'"), r.out());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalid-types.json", "missing-keys.json"})
    void wrongTypesAndMissingKeysAreViolationsNotCrashes(String file) {
        Run r = run("validate", fixture(file));
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().lines().count() >= 3, "expected several violations:\n" + r.out());
        assertFalse((r.out() + r.err()).contains("Exception"), r.out() + r.err());
    }

    @Test
    void missingKeysNameTheKey() {
        Run r = run("validate", fixture("missing-keys.json"));
        assertTrue(r.out().contains("'__version__'"), r.out());
        assertTrue(r.out().contains("dim_data[0]: 'size'"), r.out());
    }

    @Test
    void malformedJsonIsOneLineExitTwo() {
        Run r = run("validate", fixture("malformed.json"));
        assertEquals(2, r.code());
        assertEquals(1, r.err().trim().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void missingFileIsOneLineExitTwo() {
        Run r = run("validate", "no/such/file.json");
        assertEquals(2, r.code());
        assertEquals("error: no such file: no/such/file.json", r.err().trim());
    }

    @Test
    void describeJsonHasEveryRankWithItsIndices() throws Exception {
        Run r = run("describe", "--shape", "5,9", "--dist", "c,b", "--grid", "2,2", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("[2,2]", doc.get("grid_shape").toString());
        assertEquals(4, doc.get("ranks").size());
        // axis 0 cyclic over 2: rank coords (1, *) own 1, 3; axis 1 balanced block 9 over 2: [0,5) and [5,9)
        JsonNode r3 = doc.get("ranks").get(3);
        assertEquals("[1,1]", r3.get("coords").toString());
        assertEquals("[2,4]", r3.get("local_shape").toString());
        assertEquals("[[1,3],[5,6,7,8]]", r3.get("global_indices").toString());
        assertEquals("c", r3.get("dim_data").get(0).get("dist_type").asText());
        assertEquals(5, r3.get("dim_data").get(1).get("start").asLong());
        List<Long> all = new ArrayList<>();
        for (JsonNode rank : doc.get("ranks")) {
            long n = 1;
            for (JsonNode s : rank.get("local_shape")) {
                n *= s.asLong();
            }
            all.add(n);
        }
        assertEquals(45L, all.stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void describeBlockCyclicUsesTheRoundRobinRule() throws Exception {
        // size 7, block 2, 2 ranks: rank 0 owns {0,1,4,5}, rank 1 owns {2,3,6} (protocol.md §5)
        Run r = run("describe", "--shape", "7", "--dist", "c", "--block-size", "2", "--ranks", "2", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode ranks = new ObjectMapper().readTree(r.out()).get("ranks");
        assertEquals("[[0,1,4,5]]", ranks.get(0).get("global_indices").toString());
        assertEquals("[[2,3,6]]", ranks.get(1).get("global_indices").toString());
    }

    @Test
    void describeDefaultGridRule() throws Exception {
        Run r = run("describe", "--shape", "16,16", "--dist", "b,b", "--ranks", "4", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("[2,2]", new ObjectMapper().readTree(r.out()).get("grid_shape").toString());
    }

    @Test
    void describeGlobalDimDataIrregularBlocks() throws Exception {
        Run r = run("describe", "--global-dim-data", fixture("gdd-irregular.json"), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("[1,4]", doc.get("grid_shape").toString());
        String[] expected = {"[5,2]", "[5,4]", "[5,1]", "[5,2]"};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], doc.get("ranks").get(i).get("local_shape").toString());
        }
    }

    @Test
    void describeOwner() {
        Run r = run("describe", "--shape", "5,9", "--dist", "c,b", "--grid", "2,2", "--owner", "3,-1");
        assertEquals(0, r.code(), r.err());
        assertEquals("global index [3, 8]: rank 3 (grid coordinates [1, 1]), local index [1, 3]", r.out().trim());
    }

    @Test
    void describeTextShowsRunsOfOwnedIndices() {
        Run r = run("describe", "--shape", "10", "--ranks", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("owns [0..3]"), r.out());
        assertTrue(r.out().contains("owns [4..6]"), r.out());
        assertTrue(r.out().contains("owns [7..9]"), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "describe --shape 5,9 --dist c,x --grid 2,2",
        "describe --shape 5,9 --dist b,b --grid 2,2 --ranks 3",
        "describe --shape 5,9 --grid 0,2",
        "describe --shape 5,9 --dist b,b --grid 2,2 --block-size 2,1",
        "describe --shape 5,9 --dist u,b --grid 2,2",
        "describe --shape 5,9 --dist b,b --grid 2,2 --owner 5,0",
        "describe --shape 5,9 --dist b,b --grid 2,2 --owner 1",
        "describe --shape 5,x --grid 2",
        "describe --shape 5,9",
        "describe --global-dim-data no/such.json",
        "nosuchcommand",
    })
    void badDescribeInputIsOneClearLineExitTwo(String line) {
        Run r = run(line.split(" "));
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertEquals(1, r.err().trim().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void protocolDemoRunsAndChecksEveryValue() {
        Run r = run("demo", "--protocol");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("demo OK: 80 elements on 4 ranks"), r.out());
    }

    @Test
    void demoLaunchesThePoissonComparisonUnderMpirunOnTwoRanks() {
        Run r = run("demo", "--dry-run");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().matches("(?s)mpirun\\S* .*-np 2 .*java .*-cp .*org\\.jdistarray\\.examples\\.PoissonDemo N=512 .*"),
                r.out());
        Run bad = run("demo", "-N", "0");
        assertEquals(2, bad.code(), bad.out() + bad.err());
    }
}

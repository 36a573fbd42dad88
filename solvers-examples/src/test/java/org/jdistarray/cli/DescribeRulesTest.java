package org.jdistarray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.DistributionBuilder;
import org.jdistarray.protocol.DimDistribution;
import org.jdistarray.protocol.GlobalLayout;
import org.jdistarray.protocol.JsonCodec;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The CLI's rules are the library's: unnamed axes, grids; and its help shows every command's whole summary. */
class DescribeRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Case(String cli, int ranks, Function<DistributionBuilder, DistributionBuilder> builder) {
    }

    /** The layout {@code Distribution.builder} makes on {@code ranks} thread ranks (rank 0's view; all agree). */
    private static GlobalLayout builderLayout(int ranks, Function<DistributionBuilder, DistributionBuilder> b) {
        List<GlobalLayout> layouts = LocalCluster.call(ranks, Duration.ofSeconds(30),
                comm -> b.apply(Distribution.builder(comm)).build().layout());
        for (GlobalLayout l : layouts) {
            assertEquals(layouts.get(0), l);
        }
        return layouts.get(0);
    }

    @Test
    void axesWithoutADistEntryAreBlockAxesAsInTheBuilder() throws Exception {
        List<Case> cases = List.of(
                new Case("--shape 5,9 --dist c --ranks 4", 4, b -> b.shape(5, 9).cyclic(0)),
                new Case("--shape 5,9 --ranks 4", 4, b -> b.shape(5, 9)),
                new Case("--shape 16,16 --ranks 4", 4, b -> b.shape(16, 16)),
                new Case("--shape 6,4,3 --dist b --ranks 3", 3, b -> b.shape(6, 4, 3)),
                new Case("--shape 7,5,2 --dist c,n --block-size 2,1,1 --ranks 2", 2,
                        b -> b.shape(7, 5, 2).cyclic(0, 2).undistributed(1)),
                new Case("--shape 8,8 --dist n --ranks 4", 4, b -> b.shape(8, 8).undistributed(0)),
                new Case("--shape 8,8 --dist c --grid 2,2", 4, b -> b.shape(8, 8).cyclic(0).grid(2, 2)),
                new Case("--shape 10 --ranks 7", 7, b -> b.shape(10)));
        for (Case c : cases) {
            CliRun r = CliRun.of(("describe --json " + c.cli()).split(" "));
            assertEquals(0, r.code(), c.cli() + ": " + r.err());
            JsonNode doc = JSON.readTree(r.out());
            GlobalLayout expected = builderLayout(c.ranks(), c.builder());
            assertEquals(JSON.valueToTree(expected.grid().shape()).toString(), doc.get("grid_shape").toString(), c.cli());
            assertEquals(expected.rankCount(), doc.get("ranks").size(), c.cli());
            for (int rank = 0; rank < expected.rankCount(); rank++) {
                var dims = expected.dimDataFor(rank);
                for (int a = 0; a < dims.size(); a++) {
                    JsonNode shown = doc.get("ranks").get(rank).get("dim_data").get(a);
                    assertEquals(JsonCodec.dimDictToJson(dims.get(a)).toString(), shown.toString(),
                            c.cli() + ", rank " + rank + ", axis " + a);
                }
            }
        }
    }

    @Test
    void noDistributedAxisIsReplicatedOnEveryRankAsInTheBuilder() throws Exception {
        // what each of 3 thread ranks' distribution says it holds, with every axis undistributed
        List<List<DimDistribution>> perRank = LocalCluster.call(3, Duration.ofSeconds(30),
                comm -> Distribution.builder(comm).shape(8, 2).undistributed(0).undistributed(1).build().dimData());
        CliRun r = CliRun.of("describe", "--json", "--shape", "8,2", "--dist", "n,n", "--ranks", "3");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = JSON.readTree(r.out());
        assertTrue(doc.get("replicated").asBoolean(), r.out());
        assertEquals(3, doc.get("ranks").size(), r.out());
        for (int rank = 0; rank < 3; rank++) {
            JsonNode shown = doc.get("ranks").get(rank);
            assertEquals(rank, shown.get("rank").asInt());
            for (int a = 0; a < 2; a++) {
                assertEquals(JsonCodec.dimDictToJson(perRank.get(rank).get(a)).toString(), shown.get("dim_data").get(a).toString());
            }
            assertEquals("[[0,1,2,3,4,5,6,7],[0,1]]", shown.get("global_indices").toString());
        }
        CliRun text = CliRun.of("describe", "--shape", "8,2", "--dist", "n,n", "--ranks", "3");
        assertTrue(text.out().startsWith("shape [8, 2] over 3 ranks, grid_shape [1, 1], replicated:"), text.out());
        assertTrue(text.out().contains("\nranks 0..2  coords [0, 0]  local_shape [8, 2]\n"), text.out());
    }

    @Test
    void topLevelHelpShowsEveryCommandsWholeSummary() {
        CliRun help = CliRun.of("--help");
        assertEquals(0, help.code(), help.err());
        String shown = help.out().replaceAll("\\s+", " ");
        Map<String, CommandLine> commands = JDistArrayCli.commandLine().getSubcommands();
        assertEquals(List.of("validate", "describe", "info", "convert", "demo", "plot", "selftest", "shell"), List.copyOf(commands.keySet()));
        for (var e : commands.entrySet()) {
            String summary = e.getValue().getCommandSpec().usageMessage().description()[0];
            assertTrue(summary.endsWith("."), e.getKey() + "'s summary is not a whole sentence: " + summary);
            assertTrue(shown.contains(e.getKey() + " " + summary.replaceAll("\\s+", " ")),
                    "--help cuts the summary of " + e.getKey() + ":\n" + help.out());
        }
    }

    @Test
    void describeHelpStatesTheRuleForUnnamedAxesAndTheDistArrayDifference() {
        String help = CliRun.of("describe", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("Axes without a --dist entry are block-distributed (b)"), help);
        assertTrue(help.contains("DistArray 0.5 makes them undistributed instead"), help);
    }
}

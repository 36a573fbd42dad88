package org.jdistarray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.jdistarray.protocol.AxisDistribution;
import org.jdistarray.protocol.BlockAxis;
import org.jdistarray.protocol.CyclicAxis;
import org.jdistarray.protocol.DimDistribution;
import org.jdistarray.protocol.UndistributedAxis;
import org.jdistarray.protocol.UnstructuredAxis;
import org.junit.jupiter.api.Test;

/** {@link IndexRuns#summarize} against a serial reference that lists every owned index and cuts it into runs. */
class IndexRunsTest {

    /** The reference: every index listed, consecutive runs joined, the first {@code maxRuns} kept. */
    private static String reference(long[] indices, int maxRuns) {
        List<String> runs = new ArrayList<>();
        int i = 0;
        while (i < indices.length) {
            int j = i;
            while (j + 1 < indices.length && indices[j + 1] == indices[j] + 1) {
                j++;
            }
            runs.add(j > i + 1 ? indices[i] + ".." + indices[j] : j == i + 1 ? indices[i] + ", " + indices[j]
                    : String.valueOf(indices[i]));
            i = j + 1;
        }
        if (runs.size() <= maxRuns) {
            return "[" + String.join(", ", runs) + "]";
        }
        return "[" + String.join(", ", runs.subList(0, maxRuns)) + ", ...] (" + indices.length + " indices, first "
                + maxRuns + " runs shown)";
    }

    private static List<AxisDistribution> axes() {
        List<AxisDistribution> axes = new ArrayList<>();
        for (long size : new long[] {0, 1, 2, 7, 10, 33}) {
            for (int p : new int[] {1, 2, 3, 4, 7}) {
                axes.add(BlockAxis.balanced(size, p));
                for (long b : new long[] {1, 2, 3, 5, 40}) {
                    axes.add(new CyclicAxis(size, p, b));
                }
            }
            axes.add(new UndistributedAxis(size));
        }
        axes.add(new BlockAxis(new long[] {0, 5, 10, 16}, 1, 2, false)); // ghosts are held, not owned
        axes.add(new UnstructuredAxis(12, new long[][] {{0, 1, 2, 7, 8, 11}, {}, {5, 4, 3, 9, 10, 6}}, true));
        axes.add(new UnstructuredAxis(4, new long[][] {{3, 1}, {0, 2}}, true));
        return axes;
    }

    @Test
    void everyKindAndSizeMatchesTheListedReference() {
        int checked = 0;
        for (AxisDistribution axis : axes()) {
            for (int r = 0; r < axis.gridSize(); r++) {
                DimDistribution d = axis.dimFor(r);
                long[] owned = d.ownedGlobalIndices().toArray();
                for (int maxRuns : new int[] {1, 2, 3, 16, Integer.MAX_VALUE}) {
                    assertEquals(reference(owned, maxRuns), IndexRuns.summarize(d, maxRuns), d + ", maxRuns " + maxRuns);
                    checked++;
                }
            }
        }
        assertEquals(true, checked > 1000, "checked " + checked);
    }
}

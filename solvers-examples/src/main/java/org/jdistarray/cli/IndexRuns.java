package org.jdistarray.cli;

import java.util.PrimitiveIterator;

import org.jdistarray.protocol.DimDistribution;
import org.jdistarray.protocol.DistKind;

/**
 * The global indices one rank owns along one axis, written compactly: consecutive runs as {@code a..b}, e.g.
 * {@code [0..4, 9, 12, 13]}, and at most a given number of runs, so that an axis of any size prints in bounded
 * time and space. Runs are found without listing the indices: a block is one run, and the runs of a (block-)cyclic
 * axis, whose local order is increasing, are found by galloping over {@link DimDistribution#globalFromLocal}.
 */
final class IndexRuns {
    private final StringBuilder text = new StringBuilder("[");
    private final int maxRuns;
    private int runs;

    private IndexRuns(int maxRuns) {
        this.maxRuns = maxRuns;
    }

    /**
     * The owned indices of {@code d} in local order as runs; when there are more than {@code maxRuns} runs, the
     * first {@code maxRuns} followed by {@code ...]} and the total count, e.g.
     * {@code [0, 2, 4, ...] (500000000000 indices, first 3 runs shown)}.
     */
    static String summarize(DimDistribution d, int maxRuns) {
        IndexRuns r = new IndexRuns(maxRuns);
        long count = d.ownedCount();
        boolean complete;
        if (count == 0) {
            complete = true;
        } else if (d.isContiguous()) {
            long first = d.ownedGlobalIndices().findFirst().orElseThrow();
            complete = r.add(first, first + count - 1);
        } else if (d.kind() != DistKind.UNSTRUCTURED) {
            complete = r.increasing(d, count);
        } else {
            complete = r.listed(d.ownedGlobalIndices().iterator());
        }
        if (complete) {
            return r.text.append(']').toString();
        }
        return r.text.append(", ...] (").append(count).append(" indices, first ").append(maxRuns)
                .append(" runs shown)").toString();
    }

    /** Runs of an axis whose local index {@code l} holds an increasing global index: gallop to each run's end. */
    private boolean increasing(DimDistribution d, long count) {
        long l = 0;
        while (l < count) {
            long g = d.globalFromLocal(l);
            long step = 1;
            long lastIn = l; // the run covers local [l, lastIn] at least
            while (lastIn + step < count && d.globalFromLocal(lastIn + step) == g + (lastIn + step - l)) {
                lastIn += step;
                step *= 2;
            }
            for (step /= 2; step >= 1; step /= 2) {
                if (lastIn + step < count && d.globalFromLocal(lastIn + step) == g + (lastIn + step - l)) {
                    lastIn += step;
                }
            }
            if (!add(g, g + (lastIn - l))) {
                return false;
            }
            l = lastIn + 1;
        }
        return true;
    }

    /** Runs of an explicit list of indices in any order (unstructured axes: the list is in memory already). */
    private boolean listed(PrimitiveIterator.OfLong it) {
        long start = it.nextLong();
        long end = start;
        while (it.hasNext()) {
            long g = it.nextLong();
            if (g == end + 1) {
                end = g;
                continue;
            }
            if (!add(start, end)) {
                return false;
            }
            start = g;
            end = g;
        }
        return add(start, end);
    }

    /** Appends the run {@code [a, b]}; false (and nothing appended) when {@code maxRuns} runs are written. */
    private boolean add(long a, long b) {
        if (runs == maxRuns) {
            return false;
        }
        if (runs > 0) {
            text.append(", ");
        }
        runs++;
        text.append(a);
        if (b > a + 1) {
            text.append("..").append(b);
        } else if (b == a + 1) {
            text.append(", ").append(b);
        }
        return true;
    }
}

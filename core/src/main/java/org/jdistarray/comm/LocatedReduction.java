package org.jdistarray.comm;

import java.nio.DoubleBuffer;
import java.nio.LongBuffer;

/**
 * Max/min with location on any communicator, as two all-reductions: the extreme values, then the smallest location
 * among the ranks that hold it. Same result as {@code MPI_MAXLOC}/{@code MPI_MINLOC} on {@code (double, long)} pairs,
 * for which MPI has no predefined type.
 */
final class LocatedReduction {
    private LocatedReduction() {
    }

    static void apply(Communicator comm, DoubleBuffer values, LongBuffer locations, boolean max) {
        ElementType.check(values, "allReduceMaxLoc values");
        ElementType.check(locations, "allReduceMaxLoc locations");
        int n = values.remaining();
        if (locations.remaining() != n) {
            throw new IllegalArgumentException("allReduceMaxLoc: " + n + " values but " + locations.remaining() + " locations");
        }
        int vp = values.position();
        int lp = locations.position();
        DoubleBuffer mine = DirectBuffers.doubles(n);
        mine.put(0, values, vp, n);
        comm.allReduce(values, max ? ReduceOp.MAX : ReduceOp.MIN);
        for (int i = 0; i < n; i++) {
            if (Double.compare(mine.get(i), values.get(vp + i)) != 0) {
                locations.put(lp + i, Long.MAX_VALUE);
            }
        }
        comm.allReduce(locations, ReduceOp.MIN);
    }
}

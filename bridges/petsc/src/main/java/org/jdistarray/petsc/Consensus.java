package org.jdistarray.petsc;

import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;

import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;

/**
 * One all-gather that gives every rank the same facts, so that argument checks that need other ranks' values, and
 * local checks that one rank fails, end the same way on every rank (an exception everywhere) instead of leaving the
 * others in a collective PETSc call.
 */
final class Consensus {
    private Consensus() {
    }

    /**
     * <b>Collective.</b> Gathers {@code values} from every rank (the same count everywhere) and a flag for
     * {@code localError}; if any rank reported an error, every rank throws IllegalArgumentException.
     */
    static long[][] gather(Communicator comm, String what, String localError, long... values) {
        int k = values.length + 1;
        LongBuffer send = DirectBuffers.longs(k);
        send.put(0, localError == null ? 0 : 1);
        for (int i = 0; i < values.length; i++) {
            send.put(i + 1, values[i]);
        }
        LongBuffer recv = DirectBuffers.longs(k * comm.size());
        comm.allGather(send, recv);
        long[][] out = new long[comm.size()][values.length];
        List<Integer> bad = new ArrayList<>();
        for (int r = 0; r < comm.size(); r++) {
            if (recv.get(r * k) != 0) {
                bad.add(r);
            }
            for (int i = 0; i < values.length; i++) {
                out[r][i] = recv.get(r * k + 1 + i);
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException(what + ": invalid arguments on rank(s) " + bad
                    + (localError != null ? "; rank " + comm.rank() + ": " + localError : ""));
        }
        return out;
    }

    /** Exclusive prefix sums of column {@code col}, plus the total at the end. */
    static long[] starts(long[][] gathered, int col) {
        long[] s = new long[gathered.length + 1];
        for (int r = 0; r < gathered.length; r++) {
            s[r + 1] = s[r] + gathered[r][col];
        }
        return s;
    }
}

package org.jdistarray.comm.mpi;

import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.ReduceOp;
import org.jdistarray.testing.MpiTestContext;
import org.junit.jupiter.api.Test;

/** Deliberately broken: the last rank throws while the others wait in an all-reduce. Launched by {@link CommunicatorMpiIT}. */
public class FailingRankOnMpi {
    @Test
    void lastRankThrowsInsideACollective() {
        Communicator comm = MpiTestContext.comm();
        if (comm.rank() == comm.size() - 1) {
            throw new IllegalStateException("deliberate failure on rank " + comm.rank());
        }
        comm.allReduce(DirectBuffers.doubles(1), ReduceOp.SUM);
    }
}

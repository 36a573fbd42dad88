package org.jdistarray.comm.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.testing.MpiTestContext;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Deliberately broken, not in any suite: launched by {@link MpiLaunchTests}, which expects every rank's failure in
 * the job's output (reduce-then-assert, no {@code MPI_Abort}) and the ranks still in step afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class EveryRankFailsOnMpi {
    @Test
    @Order(1)
    void everyRankFailsWithItsOwnMessage() {
        Communicator comm = MpiTestContext.comm();
        long value = Collectives.sum(comm, 100L * (comm.rank() + 1)); // a collective first: all ranks get here
        assertEquals(-1, value, "deliberate failure: rank " + comm.rank() + " saw value " + (value + comm.rank()));
    }

    @Test
    @Order(2)
    void onlyTheLastRankFails() {
        Communicator comm = MpiTestContext.comm();
        assertTrue(comm.rank() != comm.size() - 1, "deliberate failure on the last rank only, rank " + comm.rank());
    }

    @Test
    @Order(3)
    void ranksStayInStepAfterFailures() {
        Communicator comm = MpiTestContext.comm();
        assertEquals(comm.size(), Collectives.sum(comm, 1L));
    }
}

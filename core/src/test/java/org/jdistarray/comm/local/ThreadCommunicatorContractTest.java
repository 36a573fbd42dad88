package org.jdistarray.comm.local;

import java.time.Duration;

import org.jdistarray.comm.CommunicatorContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** The communicator contract on {@link ThreadCommunicator}, in-process, for 1, 2, 3, 4 and 7 ranks. */
class ThreadCommunicatorContractTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Nested
    @ParameterizedClass(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    class OnThreads extends CommunicatorContract {
        @Parameter
        int ranks;

        @Override
        protected void onRanks(Spmd task) {
            LocalCluster.run(ranks, TIMEOUT, task::run);
        }
    }
}

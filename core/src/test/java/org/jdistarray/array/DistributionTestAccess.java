package org.jdistarray.array;

import java.time.Duration;
import java.util.List;

import org.jdistarray.comm.local.LocalCluster;

/** Runs a body on n thread ranks and returns each rank's outcome: "ok" or the exception's class and message. */
final class DistributionTestAccess {
    private DistributionTestAccess() {
    }

    static List<String> outcomes(int n, LocalCluster.RankFunction<Object> body) {
        return LocalCluster.call(n, Duration.ofSeconds(60), comm -> {
            try {
                Object o = body.apply(comm);
                if (o instanceof AutoCloseable c) {
                    c.close();
                }
                return "ok";
            } catch (RuntimeException e) {
                return e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        });
    }
}

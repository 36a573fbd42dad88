package org.jdistarray.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.local.LocalCluster;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CollectiveSteps} on thread ranks, with barriers standing for the collective C calls: a failure on one rank
 * (a local step's exception, or one seen after a collective call) is agreed before the next collective, so every rank
 * throws instead of waiting in it, and every rank runs the same releases in reverse order.
 */
class CollectiveStepsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Nested
    @ParameterizedClass(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    class OnThreads {
        @Parameter
        int ranks;

        /** The sequence: local, collective (a barrier), local, collective; {@code failAt} fails on the last rank. */
        private List<String> sequence(Communicator comm, String failAt, boolean throwsInBody) {
            List<String> log = new ArrayList<>();
            int failing = comm.size() - 1;
            Runnable maybeFail = () -> {
                if (throwsInBody && comm.rank() == failing) {
                    throw new ArrayFileException("f.h5: H5Xsomething failed on rank " + comm.rank());
                }
            };
            RuntimeException e = null;
            try (CollectiveSteps steps = new CollectiveSteps(comm, "f.h5")) {
                steps.run("prepare", () -> {
                    log.add("prepare");
                    steps.onClose(() -> log.add("close prepare"));
                    if ("prepare".equals(failAt)) {
                        maybeFail.run();
                    }
                });
                long h = steps.collective("open", () -> {
                    comm.barrier(); // stands for H5Fopen: every rank must enter it
                    log.add("open");
                    steps.onClose(() -> {
                        comm.barrier(); // stands for H5Fclose, collective too
                        log.add("close open");
                    });
                    if ("open".equals(failAt)) {
                        maybeFail.run();
                    }
                    return 42L;
                });
                assertEquals(42L, h);
                steps.run("select", () -> {
                    log.add("select");
                    if ("select".equals(failAt)) {
                        maybeFail.run();
                    }
                });
                steps.runCollective("read", () -> {
                    comm.barrier();
                    log.add("read");
                });
            } catch (RuntimeException x) {
                e = x;
            }
            if (failAt == null) {
                assertEquals(null, e);
            } else {
                assertTrue(e != null, "no failure at " + failAt + " on rank " + comm.rank());
                assertTrue(e.getMessage().contains(throwsInBody ? "H5Xsomething failed" : "injected at " + failAt),
                        e.getMessage());
                if (comm.rank() != failing) {
                    assertTrue(e.getMessage().contains("rank " + failing + " failed"), e.getMessage());
                    assertTrue(e instanceof ArrayFileException || !throwsInBody, e.getClass().toString());
                }
            }
            return log;
        }

        @Test
        void noFailureRunsEveryStepAndReleasesInReverse() {
            LocalCluster.run(ranks, TIMEOUT, comm -> assertEquals(
                    List.of("prepare", "open", "select", "read", "close open", "close prepare"),
                    sequence(comm, null, false)));
        }

        @Test
        void aFailureInOneRanksStepFailsEveryRankBeforeTheNextCollective() {
            LocalCluster.run(ranks, TIMEOUT, comm -> {
                assertEquals(List.of("prepare", "close prepare"), sequence(comm, "prepare", true));
                assertEquals(List.of("prepare", "open", "close open", "close prepare"), sequence(comm, "open", true));
                assertEquals(List.of("prepare", "open", "select", "close open", "close prepare"),
                        sequence(comm, "select", true));
            });
        }

        @Test
        void anInjectedFaultOnOneRankFailsEveryRank() {
            LocalCluster.run(ranks, TIMEOUT, comm -> {
                for (String at : List.of("prepare", "open", "select", "read")) {
                    comm.barrier();
                    CollectiveSteps.fault = (step, r) -> {
                        if (r == comm.size() - 1 && step.equals(at)) {
                            throw new IllegalStateException("injected at " + step);
                        }
                    };
                    try {
                        List<String> log = sequence(comm, at, false);
                        // a local step's fault comes before its work, a collective step's after its call
                        boolean local = at.equals("prepare") || at.equals("select");
                        assertEquals(!local || comm.rank() != comm.size() - 1, log.contains(at), at + " " + log);
                        assertTrue(at.equals("prepare") || log.get(log.size() - 1).equals("close prepare"),
                                log.toString());
                    } finally {
                        comm.barrier();
                        CollectiveSteps.fault = null;
                    }
                }
            });
        }
    }

    @Test
    void oneRankFailureMessageIsItsOwn() {
        LocalCluster.run(1, TIMEOUT, comm -> {
            CollectiveSteps steps = new CollectiveSteps(comm, "g.h5");
            ArrayFileException e = assertThrows(ArrayFileException.class, () -> steps.step("s", () -> {
                throw new ArrayFileException("g.h5: broken");
            }));
            assertEquals("g.h5: broken", e.getMessage());
        });
    }
}

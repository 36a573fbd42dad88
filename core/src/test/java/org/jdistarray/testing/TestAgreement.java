package org.jdistarray.testing;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiCommunicator;

/**
 * Reduce-then-assert for the MPI test ranks (as Tpetra's tests do): after each test every rank says whether it
 * passed, on the harness' own communicator (a duplicate of the world, so that no test message can match a harness
 * message); if any rank failed, every rank's failure text is all-gathered, written to every rank's log, and printed
 * by rank 0 on the console (what mpirun shows). The ranks stay in step and go on with the next test; the job ends
 * with every failure reported and no {@code MPI_Abort}.
 *
 * <p>The {@link Watchdog} is the last resort against a hang: a rank whose test failed while the others sit in that
 * test's collectives would wait in the agreement forever, so a rank that failed gives the others
 * {@code agreeSeconds} to arrive, and any test gets {@code testSeconds}; past either, the rank prints its own
 * failure (or where it hangs) to its log and the console and calls {@code MPI_Abort}.
 */
final class TestAgreement {
    private final Communicator harness;
    private final MpiCommunicator world;
    private final PrintStream log;
    private final PrintStream console;
    private final Watchdog watchdog;
    private final List<String> allFailures = new ArrayList<>();
    private int failedTests;

    TestAgreement(MpiCommunicator world, Communicator harness, PrintStream log, PrintStream console,
            Watchdog watchdog) {
        this.world = world;
        this.harness = harness;
        this.log = log;
        this.console = console;
        this.watchdog = watchdog;
    }

    /** A test (or class) started: the watchdog gives it the test time. */
    void started(String what) {
        watchdog.arm(what, watchdog.testSeconds(), null);
    }

    /**
     * <b>Collective</b> on the harness communicator. Agrees on the outcome of {@code what}; {@code localFailure} is
     * this rank's failure text, null if it passed here.
     *
     * @return whether every rank passed
     */
    boolean agree(String what, String localFailure) {
        String me = "rank " + world.rank() + " of " + world.size();
        if (localFailure != null) {
            log.println(me + ": FAILED " + what);
            log.println(localFailure);
            log.flush();
            watchdog.arm("the agreement after " + what, watchdog.agreeSeconds(), me + ": FAILED " + what + "\n"
                    + localFailure);
        } else {
            watchdog.arm("the agreement after " + what, watchdog.testSeconds(), null);
        }
        boolean all = Collectives.allTrue(harness, localFailure == null);
        if (!all) {
            List<String> texts = gatherTexts(localFailure == null ? "" : localFailure);
            for (int r = 0; r < texts.size(); r++) {
                if (!texts.get(r).isEmpty()) {
                    String line = "rank " + r + " of " + world.size() + ": FAILED " + what + "\n" + texts.get(r);
                    allFailures.add(line);
                    log.println("(gathered) " + line);
                    if (world.rank() == 0) {
                        console.println(line);
                    }
                }
            }
            failedTests++;
            log.flush();
            console.flush();
        }
        watchdog.disarm();
        return all;
    }

    /** Tests that failed on at least one rank. */
    int failedTests() {
        return failedTests;
    }

    /** Every rank's failures so far, as printed. */
    List<String> allFailures() {
        return allFailures;
    }

    private List<String> gatherTexts(String mine) {
        List<String> out = new ArrayList<>();
        for (byte[] b : Collectives.allGather(harness, mine.getBytes(StandardCharsets.UTF_8))) {
            out.add(new String(b, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The last resort: aborts the job when a rank waits too long, after printing what it knows. */
    static final class Watchdog {
        private final MpiCommunicator world;
        private final PrintStream log;
        private final PrintStream console;
        private final long testSeconds;
        private final long agreeSeconds;
        private String what;
        private long deadline;
        private String failure;

        Watchdog(MpiCommunicator world, PrintStream log, PrintStream console, long testSeconds, long agreeSeconds) {
            this.world = world;
            this.log = log;
            this.console = console;
            this.testSeconds = testSeconds;
            this.agreeSeconds = agreeSeconds;
            Thread t = new Thread(this::watch, "mpi-test-watchdog");
            t.setDaemon(true);
            t.start();
        }

        long testSeconds() {
            return testSeconds;
        }

        long agreeSeconds() {
            return agreeSeconds;
        }

        synchronized void arm(String what, long seconds, String failure) {
            this.what = what;
            this.deadline = System.nanoTime() + seconds * 1_000_000_000L;
            this.failure = failure;
        }

        synchronized void disarm() {
            what = null;
        }

        private void watch() {
            while (true) {
                String expired;
                String known;
                synchronized (this) {
                    expired = what != null && System.nanoTime() - deadline > 0 ? what : null;
                    known = failure;
                }
                if (expired != null) {
                    abort(expired, known);
                    return;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void abort(String expired, String known) {
            String me = "rank " + world.rank() + " of " + world.size();
            for (PrintStream out : List.of(log, console)) {
                if (known != null) {
                    out.println(known);
                    out.println(me + ": the other ranks did not reach " + expired + " within " + agreeSeconds
                            + " s (stuck in the failed test's collectives?)");
                } else {
                    out.println(me + ": " + expired + " did not finish within " + testSeconds + " s");
                }
                out.println(me + ": calling MPI_Abort (watchdog) so that the job ends instead of hanging");
                out.flush();
            }
            pauseForTheLauncher();
            world.abort(MpiTestMain.ABORT_CODE);
        }

        /**
         * Gives the launcher time to forward what this rank printed: MPICH's hydra kills the job on
         * {@code MPI_Abort} without draining the ranks' output pipes, so the failure would be lost from its output.
         */
        private static void pauseForTheLauncher() {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package org.jdistarray.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.CommunicationException;
import org.jdistarray.comm.mpi.MpiCommunicator;
import org.jdistarray.comm.mpi.MpiSession;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The program each {@code mpirun} rank runs: initialises MPI, runs the named JUnit classes through the JUnit Platform
 * Launcher with {@link MpiTestContext} set, and agrees with the other ranks on the result.
 *
 * <p>Each rank writes its output to {@code <dir>/rank-<r>.log} ({@code -Djdistarray.mpitest.dir}). A test that fails
 * on one rank would leave the others waiting in its collectives, so the first failure prints the error (to the rank
 * log and to stderr, which mpirun shows) and calls {@code MPI_Abort}: the job ends at once with the error printed.
 * Otherwise the ranks reduce their local success with a logical and, rank 0 prints one summary line
 * ({@code MPI-TESTS ... result=PASSED|FAILED}), and after {@code MPI_Finalize} each rank checks that using MPI fails
 * cleanly. Exit code 0 only if every rank passed.
 */
public final class MpiTestMain {
    /** Exit code of {@code MPI_Abort} after a failed test. */
    public static final int ABORT_CODE = 42;

    private MpiTestMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream console = System.out;
        boolean global;
        MpiCommunicator world;
        String summaryLine;
        try (MpiSession session = MpiSession.init()) {
            world = session.world();
            int rank = world.rank();
            PrintStream log = rankLog(rank);
            System.setOut(log);
            System.setErr(log);
            log.println("rank " + rank + " of " + world.size() + ": " + session + ", " + session.libraryVersion()
                    + ", java " + System.getProperty("java.version") + ", cpus " + Runtime.getRuntime().availableProcessors());
            MpiTestContext.set(session, world);
            TestExecutionSummary s = runTests(args, log, console, world);
            s.printTo(new PrintWriter(log, true));
            s.printFailuresTo(new PrintWriter(log, true), 40);
            boolean local = s.getTotalFailureCount() == 0 && s.getTestsFoundCount() > 0;
            global = Collectives.allTrue(world, local);
            long failed = Collectives.sum(world, s.getTotalFailureCount());
            summaryLine = "MPI-TESTS np=" + world.size() + " classes=" + args.length + " tests=" + s.getTestsFoundCount()
                    + " succeeded=" + s.getTestsSucceededCount() + " skipped=" + s.getTestsSkippedCount()
                    + " failed(all ranks)=" + failed + " result=" + (global ? "PASSED" : "FAILED");
            log.println(summaryLine);
            if (rank == 0) {
                console.println(summaryLine);
            }
        }
        boolean afterOk = checkUseAfterFinalize(world);
        System.out.println("after MPI_Finalize: use of the world communicator and re-initialisation fail cleanly: " + afterOk);
        System.out.flush();
        System.exit(global && afterOk ? 0 : 1);
    }

    private static TestExecutionSummary runTests(String[] classes, PrintStream log, PrintStream console,
            MpiCommunicator world) {
        List<ClassSelector> selectors = new ArrayList<>();
        for (String c : classes) {
            selectors.add(selectClass(c));
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener progress = new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier id) {
                if (id.isTest()) {
                    log.println("START " + id.getUniqueId());
                }
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                log.println("SKIPPED " + id.getDisplayName() + ": " + reason);
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                    if (id.isTest()) {
                        log.println("OK " + id.getDisplayName());
                    }
                    return;
                }
                String what = "rank " + world.rank() + " of " + world.size() + ": FAILED " + id.getUniqueId();
                for (PrintStream out : List.of(log, console)) {
                    out.println(what);
                    result.getThrowable().ifPresent(t -> t.printStackTrace(out));
                    out.println("rank " + world.rank() + ": calling MPI_Abort so that the other ranks do not wait in this test's collectives");
                    out.flush();
                }
                pauseForTheLauncher();
                world.abort(ABORT_CODE);
            }
        };
        launcher.execute(request, summary, progress);
        return summary.getSummary();
    }

    /**
     * Gives the launcher time to forward what this rank printed: MPICH's hydra kills the job on {@code MPI_Abort}
     * without draining the ranks' output pipes, so the failure would be lost from its output.
     */
    private static void pauseForTheLauncher() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean checkUseAfterFinalize(MpiCommunicator world) {
        try {
            world.barrier();
            return false;
        } catch (CommunicationException expected) {
            System.out.println("barrier after finalize: " + expected.getMessage());
        }
        try (MpiSession again = MpiSession.init()) {
            return false;
        } catch (CommunicationException expected) {
            System.out.println("init after finalize: " + expected.getMessage());
            return true;
        }
    }

    private static PrintStream rankLog(int rank) throws IOException {
        String dir = System.getProperty("jdistarray.mpitest.dir");
        if (dir == null) {
            return System.out;
        }
        Path d = Files.createDirectories(Path.of(dir));
        return new PrintStream(new FileOutputStream(d.resolve("rank-" + rank + ".log").toFile()), true,
                StandardCharsets.UTF_8);
    }
}

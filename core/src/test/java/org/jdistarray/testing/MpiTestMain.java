package org.jdistarray.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.CommunicationException;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiCommunicator;
import org.jdistarray.comm.mpi.MpiSession;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
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
 * <p>Each rank writes its output to {@code <dir>/rank-<r>.log} ({@code -Djdistarray.mpitest.dir}). Tests agree
 * before they fail ({@link TestAgreement}, reduce-then-assert as in Tpetra): after each test and each test class the
 * ranks all-reduce their success on a private duplicate of the world communicator; if any rank failed, every rank's
 * failure text is gathered, written to every rank's log and printed by rank 0, and the ranks go on with the next
 * test. A rank whose test failed while the others are stuck in that test's collectives cannot agree: a watchdog gives
 * them {@code -Djdistarray.mpitest.agreeSeconds} (default 10), any test {@code -Djdistarray.mpitest.testSeconds}
 * (default 100), then prints this rank's failure and calls {@code MPI_Abort} — the last resort against a hang. At
 * the end rank 0 prints one summary line ({@code MPI-TESTS ... result=PASSED|FAILED}), and after the session closed
 * each rank checks that using MPI fails cleanly. Exit code 0 only if every rank passed.
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
            TestAgreement.Watchdog watchdog = new TestAgreement.Watchdog(world, log, console,
                    Long.getLong("jdistarray.mpitest.testSeconds", 100), Long.getLong("jdistarray.mpitest.agreeSeconds", 10));
            try (Communicator harness = world.dup()) {
                TestAgreement agreement = new TestAgreement(world, harness, log, console, watchdog);
                TestExecutionSummary s = runTests(args, log, agreement);
                s.printTo(new PrintWriter(log, true));
                s.printFailuresTo(new PrintWriter(log, true), 40);
                agreement.started("the final summary");
                boolean local = s.getTotalFailureCount() == 0 && s.getTestsFoundCount() > 0;
                global = Collectives.allTrue(harness, local);
                long failed = Collectives.sum(harness, s.getTotalFailureCount());
                watchdog.disarm();
                summaryLine = "MPI-TESTS np=" + world.size() + " classes=" + args.length + " tests="
                        + s.getTestsFoundCount() + " succeeded=" + s.getTestsSucceededCount() + " skipped="
                        + s.getTestsSkippedCount() + " failed(all ranks)=" + failed + " failing tests="
                        + agreement.failedTests() + " result=" + (global ? "PASSED" : "FAILED");
            }
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

    private static TestExecutionSummary runTests(String[] classes, PrintStream log, TestAgreement agreement) {
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
                if (id.isTest() || isClass(id)) {
                    agreement.started(id.getUniqueId());
                }
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
                boolean failed = result.getStatus() == TestExecutionResult.Status.FAILED;
                if (!(id.isTest() || isClass(id))) {
                    if (failed) {
                        log.println("FAILED " + id.getUniqueId() + ": " + failureText(result));
                    }
                    return;
                }
                boolean everyRank = agreement.agree(id.getUniqueId(), failed ? failureText(result) : null);
                if (id.isTest() && everyRank) {
                    log.println("OK " + id.getDisplayName()
                            + (result.getStatus() == TestExecutionResult.Status.ABORTED ? " (aborted: assumption)" : ""));
                }
            }
        };
        launcher.execute(request, summary, progress);
        return summary.getSummary();
    }

    private static boolean isClass(TestIdentifier id) {
        return id.isContainer() && id.getSource().filter(ClassSource.class::isInstance).isPresent();
    }

    /** The failure's stack trace, at most 40 lines. */
    private static String failureText(TestExecutionResult result) {
        Throwable t = result.getThrowable().orElse(null);
        if (t == null) {
            return "(no exception)";
        }
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        List<String> lines = w.toString().lines().toList();
        return String.join("\n", lines.subList(0, Math.min(lines.size(), 40)));
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

package org.jdistarray.client;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The client program of {@link ClientEngineMpiIT}: {@code mpirun -np N+1 java ... ClientEngineMpiDriver [mode]}. Every
 * rank calls {@link Context#start}; ranks 1..N become engines and never return; rank 0 runs a mode and exits:
 * <ul>
 * <li>{@code contract} (default): {@link ContextOnMpi} through the JUnit launcher; prints
 * {@code CE-TESTS tests=.. failed=.. result=PASSED|FAILED}, exit code 0 only if all passed.</li>
 * <li>{@code throw}: throws out of the try-with-resources block (the engines must still end).</li>
 * <li>{@code noclose}: returns from main without closing the context (the exit hook stops the engines).</li>
 * <li>{@code hang}: prints {@code CE-READY pid=<pid>} and sleeps (the test kills this process).</li>
 * </ul>
 */
public final class ClientEngineMpiDriver {
    private ClientEngineMpiDriver() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "contract";
        if (mode.equals("noclose")) {
            Context ctx = Context.start(args);
            try (RemoteArray a = ctx.fromArray(new double[] {1, 2}, 2)) {
                System.out.println("CE-NOCLOSE sum=" + (a.toDoubleArray()[0] + a.toDoubleArray()[1]));
            }
            return;
        }
        try (Context ctx = Context.start(args)) {
            switch (mode) {
                case "contract" -> {
                    ContextOnMpi.context = ctx;
                    try {
                        Context.start(args);
                        System.out.println("CE-SECOND-START accepted");
                    } catch (IllegalStateException e) {
                        System.out.println("CE-SECOND-START refused: " + e.getMessage());
                    }
                    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                            .selectors(selectClass(ContextOnMpi.class)).build();
                    Launcher launcher = LauncherFactory.create();
                    SummaryGeneratingListener listener = new SummaryGeneratingListener();
                    launcher.execute(request, listener);
                    TestExecutionSummary s = listener.getSummary();
                    s.printFailuresTo(new PrintWriter(System.out, true), 30);
                    boolean ok = s.getTotalFailureCount() == 0 && s.getTestsSucceededCount() > 0;
                    System.out.println("CE-TESTS engines=" + ctx.engines() + " tests=" + s.getTestsFoundCount() + " failed="
                            + s.getTotalFailureCount() + " result=" + (ok ? "PASSED" : "FAILED"));
                    if (!ok) {
                        ctx.close();
                        System.exit(1);
                    }
                }
                case "throw" -> {
                    try (RemoteArray a = ctx.fromArray(new double[] {1, 2, 3}, 3)) {
                        System.out.println("CE-THROW size=" + a.size());
                        throw new IllegalStateException("the client fails on purpose");
                    }
                }
                case "hang" -> {
                    try (RemoteArray a = ctx.fromArray(new double[] {1, 2, 3}, 3)) {
                        System.out.println("CE-READY pid=" + ProcessHandle.current().pid() + " size=" + a.size());
                        System.out.flush();
                        Thread.sleep(600_000);
                    }
                }
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
        }
    }
}

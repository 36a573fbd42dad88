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
 * The client program of {@link RemoteApiMpiIT}: {@code mpirun -np N+1 java ... RemoteApiMpiDriver}. Ranks 1..N are
 * engines; rank 0 runs {@link RemoteApiOnMpi} through the JUnit launcher and prints
 * {@code API-TESTS engines=.. tests=.. failed=.. result=PASSED|FAILED} (exit code 0 only if all passed).
 */
public final class RemoteApiMpiDriver {
    private RemoteApiMpiDriver() {
    }

    public static void main(String[] args) {
        boolean ok;
        try (Context ctx = Context.start(args)) {
            RemoteApiOnMpi.context = ctx;
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(RemoteApiOnMpi.class)).build();
            Launcher launcher = LauncherFactory.create();
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            launcher.execute(request, listener);
            TestExecutionSummary s = listener.getSummary();
            s.printFailuresTo(new PrintWriter(System.out, true), 30);
            ok = s.getTotalFailureCount() == 0 && s.getTestsSucceededCount() > 0;
            System.out.println("API-TESTS engines=" + ctx.engines() + " tests=" + s.getTestsFoundCount() + " failed="
                    + s.getTotalFailureCount() + " result=" + (ok ? "PASSED" : "FAILED"));
        }
        System.exit(ok ? 0 : 1);
    }
}

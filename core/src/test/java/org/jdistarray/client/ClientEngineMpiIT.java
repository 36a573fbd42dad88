package org.jdistarray.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jdistarray.testing.EnabledIfMpirun;
import org.jdistarray.testing.MpiLauncher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client-engine runtime under Open MPI's {@code mpirun -np 2}: 1 client + 1 engine (the machine has 2 cores): the
 * contract, the MPMD launch, and the shutdown paths (client throws, client forgets to close, client killed).
 */
@Tag("mpi")
@EnabledIfMpirun
@Timeout(300)
class ClientEngineMpiIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    @Test
    void contractOnOneClientAndOneEngine() {
        MpiLauncher.Result r = MpiLauncher.openMpi().launchMain(2, TIMEOUT, ClientEngineMpiDriver.class, "contract");
        assertFalse(r.timedOut(), r.report());
        assertTrue(r.mpirunOutput().contains("CE-TESTS engines=1") && r.mpirunOutput().contains("result=PASSED"), r.report());
        assertTrue(r.mpirunOutput().contains("CE-SECOND-START refused: Context.start was already called"), r.report());
        assertEquals(0, r.exitCode(), r.report());
    }

    @Test
    void theReadmeDriverUnderMpirun() {
        MpiLauncher.Result r = MpiLauncher.openMpi().launchMain(2, TIMEOUT, ReadmeDriver.class);
        assertTrue(r.mpirunOutput().contains("[0.0, 3.0, 10.0, 21.0, 36.0, 55.0] sum=125.0 engine 0 holds 6"
                + " / Np.add failed on engine 0 of 1"), r.report());
        assertEquals(0, r.exitCode(), r.report());
    }

    @Test
    void mpmdLaunchWithTheEngineProgram() throws Exception {
        List<String> cmd = launcher();
        cmd.addAll(List.of("-np", "1"));
        cmd.addAll(java(ClientEngineMpiDriver.class.getName(), "contract"));
        cmd.add(":");
        cmd.addAll(List.of("-np", "1"));
        cmd.addAll(java(Engine.class.getName()));
        Run r = run(cmd, 180);
        assertTrue(r.output.contains("CE-TESTS engines=1") && r.output.contains("result=PASSED"), r.output);
        assertEquals(0, r.exitCode, r.output);
    }

    @Test
    void aClientThatThrowsOutOfTryWithResourcesEndsTheJob() throws Exception {
        Run r = run(mpirun2("throw"), 60);
        assertTrue(r.output.contains("CE-THROW size=3"), r.output);
        assertTrue(r.output.contains("the client fails on purpose"), r.output);
        assertNotEquals(0, r.exitCode, "the job must fail: " + r.output);
    }

    @Test
    void aSingleProcessIsRefusedWithAPointerToEmbedded() throws Exception {
        Run r = run(java(ClientEngineMpiDriver.class.getName(), "contract"), 60);
        assertTrue(r.output.contains("needs at least 2 MPI processes") && r.output.contains("Context.embedded"), r.output);
        assertNotEquals(0, r.exitCode, r.output);
    }

    @Test
    void aClientThatNeverClosesStopsTheEnginesAtExit() throws Exception {
        Run r = run(mpirun2("noclose"), 60);
        assertTrue(r.output.contains("CE-NOCLOSE sum=3.0"), r.output);
        assertEquals(0, r.exitCode, r.output);
    }

    @Test
    void killingTheClientTakesTheEnginesDown() throws Exception {
        Process p = new ProcessBuilder(mpirun2("hang")).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            long clientPid = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            String line;
            while (clientPid < 0 && System.nanoTime() < deadline && (line = in.readLine()) != null) {
                out.append(line).append('\n');
                int at = line.indexOf("CE-READY pid=");
                if (at >= 0) {
                    clientPid = Long.parseLong(line.substring(at + 13).split(" ")[0]);
                }
            }
            if (clientPid < 0) {
                fail("the client never became ready:\n" + out);
            }
            List<ProcessHandle> ranks = new ArrayList<>();
            p.toHandle().descendants().filter(h -> h.info().command().orElse("").endsWith("java")).forEach(ranks::add);
            assertEquals(2, ranks.size(), "two rank JVMs (client + engine) under mpirun: " + ranks);
            ProcessHandle client = ProcessHandle.of(clientPid).orElseThrow();
            assertTrue(client.destroyForcibly(), "kill -9 the client");
            Thread drain = new Thread(() -> {
                try {
                    in.transferTo(java.io.Writer.nullWriter());
                } catch (IOException e) {
                    // the job is gone
                }
            });
            drain.setDaemon(true);
            drain.start();
            boolean ended = p.waitFor(20, TimeUnit.SECONDS);
            for (ProcessHandle h : ranks) {
                long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (h.isAlive() && System.nanoTime() < wait) {
                    Thread.sleep(50);
                }
                assertFalse(h.isAlive(), "rank JVM " + h.pid() + " still alive after the client was killed:\n" + out);
            }
            assertTrue(ended, "mpirun still running 20 s after the client was killed:\n" + out);
        } finally {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    // ---- launching by hand (MpiLauncher waits for the end; these tests act during the run or use MPMD)

    private record Run(int exitCode, String output) {
    }

    private static Run run(List<String> cmd, int seconds) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.append("(output lost: ").append(e).append(')');
            }
        });
        reader.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            reader.join(5000);
            fail("timed out after " + seconds + " s: " + String.join(" ", cmd) + "\n" + out);
        }
        reader.join(10_000);
        return new Run(p.exitValue(), out.toString());
    }

    private static List<String> mpirun2(String mode) {
        List<String> cmd = launcher();
        cmd.addAll(List.of("-np", "2"));
        cmd.addAll(java(ClientEngineMpiDriver.class.getName(), mode));
        return cmd;
    }

    private static List<String> launcher() {
        List<String> cmd = new ArrayList<>();
        cmd.add(MpiLauncher.openMpi().launcher().orElseThrow().toString());
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.add("--allow-run-as-root");
        }
        return cmd;
    }

    private static List<String> java(String main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                "-Djdistarray.mpi=openmpi", "-cp", MpiLauncher.testClasspath(), main));
        cmd.addAll(List.of(args));
        return cmd;
    }
}

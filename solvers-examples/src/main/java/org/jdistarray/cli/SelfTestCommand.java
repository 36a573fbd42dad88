package org.jdistarray.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jdistarray selftest}: fast checks of the installed build, one line each, then
 * {@code N passed, N failed, N skipped}; exit 0 only when none failed.
 */
@Command(name = "selftest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check the installed build in well under a minute: protocol maps, collectives on thread ranks, "
                + "array operations, redistribution and ghosts, IO round trips in a temporary folder, pictures; "
                + "then, where mpirun is on the PATH, one 'mpirun -np 2' that checks MPI, PETSc and Trilinos "
                + "(each skipped, with the reason, when its library cannot be loaded).",
            "One line per check (ok, FAIL or skip, with its time), then 'N passed, N failed, N skipped'. "
                + "Exit code 0 when nothing failed, 1 otherwise."})
final class SelfTestCommand implements Callable<Integer> {
    @Option(names = "--no-mpi", description = "skip the mpirun checks")
    boolean noMpi;

    @Option(names = "--mpi-timeout", defaultValue = "45", paramLabel = "S",
            description = "seconds the mpirun checks may take (default ${DEFAULT-VALUE})")
    int mpiTimeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<SelfTest.Check> checks = new ArrayList<>(SelfTest.localChecks());
        MpiRun run = new MpiRun();
        List<String> titles = SelfTest.mpiCheckTitles();
        for (int k = 0; k < titles.size(); k++) {
            String name = SelfTest.MPI_CHECKS.get(k);
            checks.add(new SelfTest.Check(titles.get(k), () -> run.result(name)));
        }
        out.println("jdistarray selftest: Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.home") + ")");
        SelfTest.Summary s = SelfTest.run(checks, out);
        return s.failed() == 0 ? 0 : 1;
    }

    /** The one mpirun of all MPI checks, started by the first of them; the others read its results. */
    private final class MpiRun {
        private Map<String, String> results;
        private String whyNot;

        String result(String name) throws IOException, InterruptedException {
            if (results == null && whyNot == null) {
                start();
            }
            if (whyNot != null) {
                throw new SelfTest.Skip(whyNot);
            }
            String r = results.get(name);
            if (r == null) {
                throw new IllegalStateException("mpirun ended before this check: " + results.getOrDefault("", "no output"));
            }
            if (r.startsWith("ok ")) {
                return r.substring(3);
            }
            if (r.startsWith("skip ")) {
                throw new SelfTest.Skip(r.substring(5));
            }
            throw new IllegalStateException(r.startsWith("FAIL ") ? r.substring(5) : r);
        }

        private void start() throws IOException, InterruptedException {
            if (noMpi) {
                whyNot = "--no-mpi";
                return;
            }
            String mpirun = onPath("mpirun.openmpi") ? "mpirun.openmpi" : onPath("mpirun") ? "mpirun" : null;
            if (mpirun == null) {
                whyNot = "no mpirun on the PATH";
                return;
            }
            List<String> cmd = new ArrayList<>(List.of(mpirun));
            if ("root".equals(System.getProperty("user.name"))) {
                cmd.add("--allow-run-as-root");
            }
            cmd.addAll(List.of("--oversubscribe", "-np", "2",
                    System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                    "-Djdistarray.mpi=openmpi", "-cp", System.getProperty("java.class.path"),
                    SelfTestMpi.class.getName()));
            cmd.addAll(SelfTest.MPI_CHECKS);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            results = new LinkedHashMap<>();
            StringBuilder other = new StringBuilder();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null;) {
                        if (line.startsWith("CHECK ")) {
                            String[] parts = line.split(" ", 3);
                            synchronized (results) {
                                results.put(parts[1], parts.length > 2 ? parts[2] : "FAIL no result");
                            }
                        } else if (other.length() < 2000) {
                            other.append(line.strip()).append(' ');
                        }
                    }
                } catch (IOException e) {
                    other.append(e.getMessage());
                }
            }, "selftest-mpirun-output");
            reader.setDaemon(true);
            reader.start();
            boolean done = p.waitFor(mpiTimeout, TimeUnit.SECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            reader.join(5000);
            synchronized (results) {
                String tail = other.toString().strip();
                results.put("", (done ? "exit code " + p.exitValue() : "timed out after " + mpiTimeout + " s")
                        + (tail.isEmpty() ? "" : ", output: " + (tail.length() > 300 ? tail.substring(0, 300) + "..." : tail)));
            }
        }
    }

    static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, exe).canExecute()) {
                return true;
            }
        }
        return false;
    }
}

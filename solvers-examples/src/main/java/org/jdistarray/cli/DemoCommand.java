package org.jdistarray.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jdistarray demo}: the flagship example. Starts {@code mpirun -np 2} (Open MPI) of
 * {@code org.jdistarray.examples.PoissonDemo}: a 512 x 512 Poisson problem built from distributed arrays, handed to
 * the solvers without copies, and solved by each of them (PETSc CG + Jacobi and CG + GAMG), printed side by side
 * with iterations, times and errors. {@code demo --protocol} runs the former in-process protocol demo; {@code demo
 * --python} the mixed Java/Python job of {@code org.jdistarray.examples.PythonPoissonDemo}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the flagship example: a Poisson problem on distributed arrays solved with PETSc under mpirun "
                + "(--protocol: the protocol export demo; --python: Java, Python and PETSc on shared memory).")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--protocol", description = "run the protocol demo (one process) instead of the solver demo")
    boolean protocol;

    @Option(names = "--python", description = "run the mixed Java/Python demo: Python (NumPy) reads the right-hand side "
            + "and the solution from shared memory with no copy, PETSc solves on Python's blocks")
    boolean python;

    @Option(names = {"-N", "--grid"}, defaultValue = "512", description = "interior grid points per axis (default ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--np", defaultValue = "2", description = "MPI ranks (default ${DEFAULT-VALUE})")
    int np;

    @Option(names = "--rtol", defaultValue = "1e-8", description = "relative tolerance (default ${DEFAULT-VALUE})")
    double rtol;

    @Option(names = "--dry-run", description = "print the mpirun command instead of running it")
    boolean dryRun;

    @Option(names = "--shape", split = ",", defaultValue = "8,10", description = "--protocol: global shape (default ${DEFAULT-VALUE})")
    long[] shape;

    @Option(names = "--block-size", defaultValue = "2", description = "--protocol: block size of the cyclic axis 0 (default ${DEFAULT-VALUE})")
    long blockSize;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (protocol) {
            return ProtocolDemo.run(spec.commandLine(), out, shape, blockSize);
        }
        if (n < 1 || n > 46_340 || np < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "need 1 <= -N <= 46340 and --np >= 1, got N=" + n
                    + ", np=" + np);
        }
        List<String> cmd = command();
        if (dryRun) {
            out.println(String.join(" ", cmd));
            return 0;
        }
        out.println("jdistarray demo: " + String.join(" ", cmd.subList(0, cmd.indexOf("-np") + 2))
                + " java -cp <classpath> org.jdistarray.examples." + (python ? "PythonPoissonDemo" : "PoissonDemo")
                + " N=" + n + " rtol=" + rtol);
        out.flush();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                out.println(line);
                out.flush();
            }
        }
        return p.waitFor();
    }

    /** {@code mpirun [--allow-run-as-root] [--oversubscribe] -np N java -cp <this JVM's classpath> PoissonDemo N=...}. */
    List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(onPath("mpirun.openmpi") ? "mpirun.openmpi" : "mpirun");
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.add("--allow-run-as-root");
        }
        if (np > Runtime.getRuntime().availableProcessors()) {
            cmd.add("--oversubscribe");
        }
        cmd.add("-np");
        cmd.add(Integer.toString(np));
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        cmd.add("-Djdistarray.mpi=openmpi");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(python ? "org.jdistarray.examples.PythonPoissonDemo" : "org.jdistarray.examples.PoissonDemo");
        cmd.add("N=" + n);
        cmd.add("rtol=" + rtol);
        if (python) {
            cmd.add("python=" + pythonDir());
        }
        return cmd;
    }

    /** The repository's {@code python} directory (jdistarray_dap.py), found above this class's jar or classes. */
    static String pythonDir() {
        try {
            java.nio.file.Path p = java.nio.file.Path.of(DemoCommand.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).toAbsolutePath();
            for (; p != null; p = p.getParent()) {
                if (java.nio.file.Files.isRegularFile(p.resolve("python/jdistarray_dap.py"))) {
                    return p.resolve("python").toString();
                }
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // fall through
        }
        throw new IllegalStateException("python/jdistarray_dap.py not found above the jdistarray jar");
    }

    private static boolean onPath(String exe) {
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

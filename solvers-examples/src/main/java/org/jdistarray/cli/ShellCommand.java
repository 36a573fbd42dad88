package org.jdistarray.cli;

import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.jdistarray.client.Context;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jdistarray shell -n N [--threads] [script.jsh]}: a JShell session as the client of N engines (the Java
 * counterpart of DistArray's IPython.parallel integration). Without {@code --threads}, starts {@code mpirun -np N+1}
 * of {@link ShellSession}: rank 0 is the shell (the job's standard input is forwarded to it), ranks 1..N are the
 * engines. With {@code --threads}, the engines are threads of this JVM ({@link Context#embedded(int)}). The JDistArray
 * packages are imported and {@code ctx} is the context; a script file runs non-interactively.
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = "Start a JShell session as the client of N engines (mpirun -np N+1, or threads with --threads), "
                + "JDistArray imported and `ctx` ready; a script file runs non-interactively.")
final class ShellCommand implements Callable<Integer> {

    @Option(names = {"-n", "--engines"}, defaultValue = "2", description = "number of engines (default ${DEFAULT-VALUE})")
    int engines;

    @Option(names = "--threads", description = "engines as threads of this JVM (no MPI)")
    boolean threads;

    @Option(names = "--dry-run", description = "print the mpirun command instead of running it")
    boolean dryRun;

    @Parameters(arity = "0..1", paramLabel = "script.jsh", description = "a JShell script to run non-interactively")
    Path script;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (engines < 1) {
            throw new CommandLine.ParameterException(cl, "need -n >= 1 engine, got " + engines);
        }
        if (script != null && !script.toFile().isFile()) {
            throw new CommandLine.ParameterException(cl, "script " + script + " is not a readable file");
        }
        if (threads) {
            PrintWriter out = cl.getOut();
            PrintWriter err = cl.getErr();
            try (Context ctx = Context.embedded(engines);
                 PrintStream o = writerStream(out);
                 PrintStream e = writerStream(err)) {
                return ShellSession.run(ctx, script, System.in, o, e);
            }
        }
        List<String> cmd = command();
        if (dryRun) {
            cl.getOut().println(String.join(" ", cmd));
            return 0;
        }
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }

    /** {@code mpirun [--allow-run-as-root] [--oversubscribe] -np N+1 java -cp <this JVM's class path> ShellSession [script]}. */
    List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(onPath("mpirun.openmpi") ? "mpirun.openmpi" : "mpirun");
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.add("--allow-run-as-root");
        }
        if (engines + 1 > Runtime.getRuntime().availableProcessors()) {
            cmd.add("--oversubscribe");
        }
        cmd.add("-np");
        cmd.add(Integer.toString(engines + 1));
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        cmd.add("-Djdistarray.mpi=openmpi");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ShellSession.class.getName());
        if (script != null) {
            cmd.add(script.toAbsolutePath().toString());
        }
        return cmd;
    }

    /** A PrintStream onto picocli's writer (JShell writes to streams; tests capture the writers). */
    private static PrintStream writerStream(PrintWriter w) {
        OutputStream os = new OutputStream() {
            private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

            @Override
            public void write(int b) {
                line.write(b);
                if (b == '\n') {
                    flush();
                }
            }

            @Override
            public void flush() {
                w.print(line.toString(StandardCharsets.UTF_8));
                w.flush();
                line.reset();
            }

            @Override
            public void close() {
                flush();
            }
        };
        return new PrintStream(os, true, StandardCharsets.UTF_8);
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

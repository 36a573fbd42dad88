package org.jdistarray.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import jdk.jshell.tool.JavaShellToolBuilder;
import org.jdistarray.client.Context;

/**
 * The client side of {@code jdistarray shell}: a JShell session whose snippets run in this JVM ({@code --execution
 * local}, so they drive the engines of {@link #context()} directly), with the JDistArray packages imported and a
 * variable {@code ctx} bound to the context. Under {@code mpirun -np N+1} (what {@code jdistarray shell -n N}
 * starts) {@link #main} is every rank's entry point: rank 0 runs the shell, ranks 1..N run the engine loop.
 *
 * <p>The snippets see the class path of this JVM (the shell passes it to JShell's compiler), so the shell runs on
 * the class path, as {@code bin/jdistarray} starts it; on a module path the snippets would not compile.
 */
public final class ShellSession {
    /** What the startup snippet imports (the snippet also declares {@code Context ctx}). */
    static final List<String> IMPORTS = List.of("org.jdistarray.client.*", "org.jdistarray.array.*",
            "org.jdistarray.dist.*", "org.jdistarray.ops.*", "org.jdistarray.random.*", "org.jdistarray.io.*",
            "org.jdistarray.protocol.DType");

    private static volatile Context current;

    private ShellSession() {
    }

    /**
     * <b>Not collective.</b> The context of the running shell session (what the startup snippet binds to {@code ctx}).
     *
     * @throws IllegalStateException outside a shell session
     */
    public static Context context() {
        Context c = current;
        if (c == null) {
            throw new IllegalStateException("no jdistarray shell session is running in this JVM");
        }
        return c;
    }

    /**
     * <b>Collective</b> over the MPI job ({@link Context#start}): {@code mpirun -np N+1 java -cp ...
     * org.jdistarray.cli.ShellSession [script.jsh]}. Rank 0 runs the shell (interactive on the job's standard input, or
     * the script non-interactively) and exits with its exit code after closing the context; the other ranks are the
     * engines.
     */
    public static void main(String[] args) {
        int code;
        try (Context ctx = Context.start(args)) {
            Path script = args.length > 0 ? Path.of(args[0]) : null;
            code = run(ctx, script, System.in, System.out, System.err);
        } catch (Exception e) {
            System.err.println("jdistarray shell: " + JDistArrayCli.oneLine(e));
            code = 1;
        }
        System.exit(code);
    }

    /**
     * <b>Collective</b> (the snippets' commands go to every engine of {@code ctx}). Runs a JShell session on {@code ctx}:
     * the script non-interactively when {@code script} is not null (standard input is not read), else interactively on
     * {@code in}. Returns JShell's exit code (0 after {@code /exit} or the end of the input; a script's
     * {@code /exit n} gives {@code n}). While it runs, {@code System.out} and {@code System.err} are {@code out} and
     * {@code err} (the snippets run in this JVM). Does not close {@code ctx}.
     *
     * @throws IllegalStateException if another shell session runs in this JVM
     * @throws IOException           if the startup snippet cannot be written to a temporary file
     */
    static synchronized int run(Context ctx, Path script, InputStream in, PrintStream out, PrintStream err)
            throws Exception {
        if (current != null) {
            throw new IllegalStateException("a jdistarray shell session is already running in this JVM");
        }
        if (script != null && !Files.isRegularFile(script)) {
            throw new IllegalArgumentException("script " + script + " is not a readable file");
        }
        Path startup = Files.createTempFile("jdistarray-shell", ".jsh");
        current = ctx;
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        System.setOut(out); // snippets run in this JVM: their System.out is the shell's output
        System.setErr(err);
        try {
            Files.writeString(startup, startupSnippet(), StandardCharsets.UTF_8);
            List<String> args = new ArrayList<>(List.of("--execution", "local",
                    "--class-path", System.getProperty("java.class.path"),
                    "--startup", "DEFAULT", "--startup", startup.toString()));
            InputStream input = in;
            if (script != null) {
                args.add("--feedback");
                args.add("concise");
                args.add(script.toString());
                input = new ByteArrayInputStream(new byte[0]); // the script, then end of input: no prompt
            }
            return JavaShellToolBuilder.builder()
                    .in(input, null)
                    .out(out)
                    .err(err)
                    .persistence(new HashMap<>()) // no user preferences read or written
                    .start(args.toArray(String[]::new));
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
            current = null;
            Files.deleteIfExists(startup);
        }
    }

    /** The startup snippet: the imports and {@code Context ctx}. */
    static String startupSnippet() {
        StringBuilder s = new StringBuilder();
        for (String i : IMPORTS) {
            s.append("import ").append(i).append(";\n");
        }
        s.append("Context ctx = ").append(ShellSession.class.getName()).append(".context();\n");
        return s.toString();
    }
}

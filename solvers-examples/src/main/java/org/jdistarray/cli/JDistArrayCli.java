package org.jdistarray.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jdistarray} command-line tool. Each subcommand has {@code --help}. Exit codes: 0 success,
 * 1 a negative answer (for example {@code validate} found violations), 2 bad input (missing file, malformed
 * JSON, bad options), always with a one-line message and never a stack trace.
 */
@Command(name = "jdistarray", mixinStandardHelpOptions = true, version = "jdistarray 0.1.0",
        description = "Distributed arrays for Java: protocol tools, distribution pictures, examples.",
        subcommands = {ValidateCommand.class, DescribeCommand.class, InfoCommand.class, ConvertCommand.class,
            DemoCommand.class, PlotCommand.class, SelfTestCommand.class, ShellCommand.class})
public final class JDistArrayCli implements Runnable {

    /** Exit code for bad input: missing file, malformed JSON, impossible options. */
    static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (try --help)");
    }

    public static void main(String[] args) {
        int code;
        try {
            code = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            // the last resort behind the commands' own limits: still one line, never a stack trace
            System.err.println("error: out of memory (" + oneLine(e) + "); give the JVM more heap with"
                    + " JDIST_JAVA_OPTS=-Xmx... or describe a smaller layout");
            code = EXIT_BAD_INPUT;
        }
        System.exit(code);
    }

    /** The configured command line, for tests: bad input of any kind exits 2 with a one-line message. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new JDistArrayCli());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("error: " + oneLine(ex));
            return EXIT_BAD_INPUT;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("error: " + oneLine(ex) + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            return EXIT_BAD_INPUT;
        });
        return cl;
    }

    static String oneLine(Throwable ex) {
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        return msg.replace('\n', ' ').replaceAll("\\s+", " ").trim();
    }
}

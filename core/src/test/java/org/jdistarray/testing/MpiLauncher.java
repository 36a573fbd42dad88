package org.jdistarray.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.jdistarray.comm.mpi.MpiImplementation;
import org.opentest4j.AssertionFailedError;

/**
 * Starts JUnit classes on N MPI ranks: {@code mpirun -np N java -cp <test classpath> -Djdistarray.mpi=<impl>
 * MpiTestMain <classes>}, with the flags a root user and a small machine need (Open MPI: {@code --allow-run-as-root}
 * when root, {@code --oversubscribe} only when N exceeds the cores; never {@code mpi_yield_when_idle}; MPICH's hydra
 * {@code mpiexec.mpich} needs neither). One launch runs many classes, since every rank is a JVM start. Output goes to
 * {@code target/mpi-tests/<run>/}: {@code mpirun.log} and {@code rank-<r>.log} per rank. {@link #run} fails the
 * calling JUnit test with the failing rank's output tail.
 *
 * <p>The static methods use the {@linkplain #defaultImplementation() default implementation} (Open MPI unless
 * {@code -Djdistarray.mpi=mpich}); {@link #using}, {@link #mpich()} and {@link #openMpi()} pick one:
 * {@code MpiLauncher.mpich().run(2, timeout, SUITE)}.
 */
public final class MpiLauncher {
    private static final AtomicInteger LAUNCHES = new AtomicInteger();
    private static final int TAIL_LINES = 60;

    /** What one launch did. */
    public record Result(String label, List<String> command, int exitCode, boolean timedOut, Duration elapsed, Path dir,
            String mpirunOutput, List<String> rankLogs) {
        /** Whether the job exited 0 and rank 0 reported that every rank passed. */
        public boolean passed() {
            return !timedOut && exitCode == 0 && mpirunOutput.contains("result=PASSED");
        }

        /** The summary line rank 0 printed, if any. */
        public Optional<String> summary() {
            return mpirunOutput.lines().filter(l -> l.startsWith("MPI-TESTS ")).findFirst();
        }

        /** mpirun's output and the tail of every rank log, failing ranks first. */
        public String report() {
            StringBuilder sb = new StringBuilder(label).append(": ")
                    .append(timedOut ? "TIMED OUT after " + elapsed.toSeconds() + " s" : "exit code " + exitCode)
                    .append(" (").append(dir).append(")\n--- mpirun output ---\n").append(tail(mpirunOutput));
            List<Integer> order = new ArrayList<>();
            for (int r = 0; r < rankLogs.size(); r++) {
                (rankLogs.get(r).contains("FAILED") ? order.subList(0, 0) : order).add(r);
            }
            for (int r : order) {
                sb.append("\n--- rank ").append(r).append(" (tail) ---\n").append(tail(rankLogs.get(r)));
            }
            return sb.toString();
        }
    }

    private MpiLauncher() {
    }

    // ---- the default implementation's launcher (what the existing ITs use)

    /** Launches under the default implementation's launcher ({@link #defaultImplementation()}) and fails unless every rank passed. */
    public static Result run(int n, Duration timeout, Class<?>... testClasses) {
        return using(defaultImplementation()).run(n, timeout, testClasses);
    }

    /**
     * Launches {@code testClasses} on {@code n} ranks of the default implementation and fails, with every rank's
     * report, unless every rank passed and the summary names {@code np=n}.
     */
    public static void assertRuns(int n, Duration timeout, Class<?>... testClasses) {
        Result r = run(n, timeout, testClasses);
        if (!r.summary().orElseThrow().contains("np=" + n)) {
            throw new AssertionFailedError("the summary does not name np=" + n + ":\n" + r.report());
        }
    }

    /** Runs {@link MpiTestMain} as a plain {@code java} process (an MPI singleton, one rank) and fails unless it passed. */
    public static Result runSingleton(Duration timeout, Class<?>... testClasses) {
        return using(defaultImplementation()).runSingleton(timeout, testClasses);
    }

    /** Launches {@code testClasses} on {@code n} ranks ({@code n == 0}: singleton) of the default implementation. */
    public static Result launch(int n, Duration timeout, Class<?>... testClasses) {
        return using(defaultImplementation()).launch(n, timeout, testClasses);
    }

    /**
     * Open MPI's launcher with every rank JVM on the named binding ({@code "jna"} or {@code "jni"}:
     * {@code -Djdistarray.mpi.binding}), so that a suite runs on each binding explicitly rather than on whichever
     * {@code auto} picks. {@code "jni"} skips the calling test, with the reason, when Open MPI's Java bindings are not
     * on the class path. Check the binding each rank used with {@link #assertBinding}.
     */
    public static MpiRuns onBinding(String binding) {
        if (binding.equals("jni")) {
            org.junit.jupiter.api.Assumptions.assumeTrue(
                    MpiLauncher.class.getClassLoader().getResource("mpi/MPI.class") != null,
                    "Open MPI's Java bindings (org.open-mpi:mpi-java) are not on the class path: run bin/install-deps");
        } else if (!binding.equals("jna")) {
            throw new IllegalArgumentException("binding " + binding + ": expected jna or jni");
        }
        return openMpi().withJvmArgs("-Djdistarray.mpi.binding=" + binding);
    }

    /** Every rank's log names a session on {@code binding} (its first line is the {@code MpiSession[...]}). */
    public static void assertBinding(Result r, String binding) {
        String marker = ", " + binding.toUpperCase(java.util.Locale.ROOT) + ",";
        for (String log : r.rankLogs()) {
            if (!log.contains("MpiSession[") || !log.substring(log.indexOf("MpiSession[")).contains(marker)) {
                throw new AssertionFailedError("a rank did not run on the " + binding + " binding:\n" + log);
            }
        }
    }

    /** The default implementation's launcher on the PATH, if any. */
    public static Optional<Path> mpirun() {
        return using(defaultImplementation()).launcher();
    }

    /**
     * The implementation the default launcher uses: {@code -Djdistarray.mpi=openmpi|mpich} (Maven passes {@code -D} on
     * its command line to Failsafe's JVM), else the environment variable {@code JDISTARRAY_MPI}, else Open MPI.
     */
    public static MpiImplementation defaultImplementation() {
        String p = System.getProperty("jdistarray.mpi");
        if (p == null || p.isBlank()) {
            p = System.getenv("JDISTARRAY_MPI");
        }
        return p == null || p.isBlank() ? MpiImplementation.OPEN_MPI : MpiImplementation.fromKey(p);
    }

    // ---- a chosen implementation

    /** The launcher of {@code implementation}: {@code using(MpiImplementation.MPICH).run(2, timeout, SUITE)}. */
    public static MpiRuns using(MpiImplementation implementation) {
        return RUNS.computeIfAbsent(implementation, MpiRuns::new);
    }

    /** Short for {@code using(MpiImplementation.MPICH)}: {@code mpiexec.mpich}, and the rank JVMs load MPICH. */
    public static MpiRuns mpich() {
        return using(MpiImplementation.MPICH);
    }

    /** Short for {@code using(MpiImplementation.OPEN_MPI)}: {@code mpirun.openmpi}, and the rank JVMs load Open MPI. */
    public static MpiRuns openMpi() {
        return using(MpiImplementation.OPEN_MPI);
    }

    private static final Map<MpiImplementation, MpiRuns> RUNS = new ConcurrentHashMap<>();

    /**
     * Launches of one MPI implementation: its launcher, its flags, and {@code -Djdistarray.mpi=<key>} on every rank
     * JVM so that the ranks load the same implementation.
     */
    public static final class MpiRuns {
        private final MpiImplementation implementation;
        private final List<String> jvmArgs;
        private final List<String> classpath;
        private volatile Optional<Path> launcher;

        private MpiRuns(MpiImplementation implementation) {
            this(implementation, List.of(), List.of());
        }

        private MpiRuns(MpiImplementation implementation, List<String> jvmArgs, List<String> classpath) {
            this.implementation = implementation;
            this.jvmArgs = List.copyOf(jvmArgs);
            this.classpath = List.copyOf(classpath);
        }

        /** The same launches with extra options for every rank JVM (such as {@code -Djdistarray.mpi.binding=jni}). */
        public MpiRuns withJvmArgs(String... args) {
            List<String> all = new ArrayList<>(jvmArgs);
            all.addAll(List.of(args));
            return new MpiRuns(implementation, all, classpath);
        }

        /** The same launches with {@code entries} after the test classpath (such as classes compiled by a test). */
        public MpiRuns withClasspath(Path... entries) {
            List<String> all = new ArrayList<>(classpath);
            for (Path p : entries) {
                all.add(p.toAbsolutePath().toString());
            }
            return new MpiRuns(implementation, jvmArgs, all);
        }

        public MpiImplementation implementation() {
            return implementation;
        }

        /**
         * The launcher on the PATH, checked with {@code --version}: for Open MPI {@code mpirun.openmpi}, else an
         * {@code mpirun}/{@code mpiexec} that says "Open MPI"; for MPICH {@code mpiexec.mpich}, {@code mpirun.mpich},
         * else an {@code mpiexec.hydra}/{@code mpiexec}/{@code mpirun} that says "HYDRA".
         */
        public Optional<Path> launcher() {
            Optional<Path> l = launcher;
            if (l == null) {
                l = findLauncher(implementation);
                launcher = l;
            }
            return l;
        }

        /** How to get the launcher, for messages. */
        public String installHint() {
            return implementation == MpiImplementation.MPICH
                    ? "mpiexec.mpich (MPICH's launcher) not found on PATH: install mpich and libmpich-dev (bin/install-deps)"
                    : "mpirun of Open MPI not found on PATH: install openmpi-bin and libopenmpi-dev (bin/install-deps)";
        }

        /** Launches on {@code n} ranks and fails (AssertionFailedError) unless every rank passed. */
        public Result run(int n, Duration timeout, Class<?>... testClasses) {
            return check(launch(n, timeout, testClasses));
        }

        /** Runs {@link MpiTestMain} as an MPI singleton of this implementation and fails unless it passed. */
        public Result runSingleton(Duration timeout, Class<?>... testClasses) {
            return check(launch(0, timeout, testClasses));
        }

        /** Launches {@code testClasses} on {@code n} ranks ({@code n == 0}: singleton, no launcher) and reports. */
        public Result launch(int n, Duration timeout, Class<?>... testClasses) {
            String label = implementation.key() + "-" + (n == 0 ? "singleton" : "np" + n) + "-" + LAUNCHES.incrementAndGet();
            Path dir = baseDir().resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss")) + "-" + label);
            return execute(label, n, dir, command(n, dir, testClasses), timeout);
        }

        /**
         * Launches a program's own {@code main} (one that manages MPI itself) on {@code n} ranks with the test
         * classpath, and reports; {@link Result#mpirunOutput()} holds every rank's stdout and stderr.
         */
        public Result launchMain(int n, Duration timeout, Class<?> main, String... args) {
            return launchMain(n, timeout, main.getName(), args);
        }

        /** {@link #launchMain(int, Duration, Class, String...)} by class name (a class on {@link #withClasspath}). */
        public Result launchMain(int n, Duration timeout, String main, String... args) {
            String simple = main.substring(main.lastIndexOf('.') + 1);
            String label = implementation.key() + "-np" + n + "-" + simple + "-" + LAUNCHES.incrementAndGet();
            Path dir = baseDir().resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss")) + "-" + label);
            return execute(label, n, dir, command(n, dir, main, List.of(args)), timeout);
        }

        /** The command line: the launcher and its flags (unless singleton), the rank JVM and MpiTestMain with the classes. */
        List<String> command(int n, Path dir, Class<?>... testClasses) {
            List<String> names = new ArrayList<>();
            for (Class<?> c : testClasses) {
                names.add(c.getName());
            }
            return command(n, dir, MpiTestMain.class.getName(), names);
        }

        private List<String> command(int n, Path dir, String main, List<String> args) {
            List<String> cmd = new ArrayList<>();
            if (n > 0) {
                cmd.add(launcher().orElseThrow(() -> new AssertionFailedError(installHint())).toString());
                if (implementation == MpiImplementation.OPEN_MPI) {
                    if (isRoot()) {
                        cmd.add("--allow-run-as-root");
                    }
                    if (n > Runtime.getRuntime().availableProcessors()) {
                        cmd.add("--oversubscribe");
                    }
                }
                // hydra (MPICH) runs as root without a flag, places any number of ranks on localhost, and passes the
                // whole environment (-genvall is its default)
                cmd.add("-np");
                cmd.add(String.valueOf(n));
            }
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss4m", "-Djava.awt.headless=true"));
            cmd.add("-Djdistarray.mpi=" + implementation.key());
            cmd.add("-Djdistarray.checks=" + System.getProperty("jdistarray.checks", "false"));
            cmd.add("-Djdistarray.mpitest.dir=" + dir);
            cmd.addAll(jvmArgs);
            cmd.add("-cp");
            cmd.add(classpath.isEmpty() ? testClasspath()
                    : testClasspath() + java.io.File.pathSeparator + String.join(java.io.File.pathSeparator, classpath));
            cmd.add(main);
            cmd.addAll(args);
            return cmd;
        }
    }

    private static Result check(Result r) {
        if (!r.passed()) {
            throw new AssertionFailedError(r.report());
        }
        return r;
    }

    private static Result execute(String label, int n, Path dir, List<String> cmd, Duration timeout) {
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(dir);
            Path out = dir.resolve("mpirun.log");
            Files.writeString(dir.resolve("command.txt"), String.join(" ", cmd) + "\n");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                kill(p);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            List<String> logs = new ArrayList<>();
            for (int r = 0; r < Math.max(n, 1); r++) {
                Path f = dir.resolve("rank-" + r + ".log");
                logs.add(Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "(no log: rank " + r + " did not start MpiTestMain)");
            }
            return new Result(label, cmd, done ? p.exitValue() : -1, !done, elapsed, dir,
                    Files.readString(out, StandardCharsets.UTF_8), logs);
        } catch (IOException e) {
            throw new AssertionFailedError("cannot launch " + cmd + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted while waiting for " + label);
        }
    }

    /** The full test classpath of this JVM (Surefire/Failsafe set it; a manifest-only booter jar is resolved). */
    public static String testClasspath() {
        String cp = System.getProperty("java.class.path", "");
        String[] entries = cp.split(File.pathSeparator);
        boolean booterOnly = entries.length == 1 && entries[0].contains("surefirebooter");
        if (booterOnly) {
            String real = System.getProperty("surefire.test.class.path");
            if (real == null || real.isBlank()) {
                throw new AssertionFailedError("java.class.path is only Surefire's manifest jar " + entries[0]
                        + "; configure <useManifestOnlyJar>false</useManifestOnlyJar>");
            }
            return real;
        }
        return cp;
    }

    private static Optional<Path> findLauncher(MpiImplementation implementation) {
        List<String> named = implementation == MpiImplementation.MPICH
                ? List.of("mpiexec.mpich", "mpirun.mpich", "mpiexec.hydra", "mpiexec", "mpirun")
                : List.of("mpirun.openmpi", "mpirun", "mpiexec.openmpi", "mpiexec");
        for (String name : named) {
            Optional<Path> p = onPath(name);
            if (p.isPresent() && versionSays(p.get(), implementation)) {
                return p;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(s -> !s.isEmpty())
                .map(s -> Path.of(s, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static boolean versionSays(Path launcher, MpiImplementation implementation) {
        try {
            Process p = new ProcessBuilder(launcher.toString(), "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return implementation == MpiImplementation.MPICH ? v.contains("HYDRA")
                    : v.contains("Open MPI") || v.contains("OpenRTE");
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path baseDir() {
        try {
            Path classes = Path.of(MpiLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = classes.getParent();
            if (target != null && target.getFileName() != null && target.getFileName().toString().equals("target")) {
                return target.resolve("mpi-tests");
            }
        } catch (Exception e) {
            // fall through
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "jdistarray-mpi-tests");
    }

    private static void kill(Process p) throws InterruptedException {
        try (Stream<ProcessHandle> kids = p.descendants()) {
            kids.forEach(ProcessHandle::destroyForcibly);
        }
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }
}

package org.jdistarray.ops;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Compiles a fused expression's postfix program (the one the native expression machine interprets) into a C loop of
 * its own with the system's C compiler, in the background, and hands out its address once it is loaded: what numexpr
 * interprets, this compiles, as Numba does for Ramba. The interpreter ({@code libjdist_kernels}' machine) runs an
 * expression as a few element loops over L1-sized tiles; a long operation (sqrt, divide) then cannot overlap the
 * others, and every intermediate goes through L1. The compiled loop computes the whole expression per element in
 * registers, as a hand-fused loop does.
 *
 * <p><b>Same bits.</b> The generated loop performs the program's operations in its order, each rounded to the element
 * type (one C statement per operation), compiled with {@code -ffp-contract=off} (no FMA) and {@code -fno-math-errno}
 * (sqrt vectorises; it sets no errno anyway): the interpreter's and the Java loops' results, infinities, {@code -0.0}
 * and NaN included (which NaN an operation on two NaNs returns, its sign and payload, is the one freedom left: C
 * compilers may swap the operands of {@code +} and {@code *}; NumPy does not specify it either). So an expression may
 * switch from the interpreter to its compiled loop between two calls, or on one rank before another, without any
 * value changing.
 *
 * <p><b>When.</b> Once a shape has computed {@link #WORK_ELEMENTS} elements in this JVM (its evaluations on every
 * rank together: the first evaluation of a 2^20-element block, or the 256th of a 4096-element one), its compilation
 * is queued on one daemon thread (about 0.1-0.2 s of gcc) and the interpreter goes on; later evaluations use the
 * compiled loop once it is loaded. Shapes evaluated rarely on small blocks are not worth a compiler run and stay on
 * the interpreter. A failed compilation (no compiler, an error, {@link #COMPILE_SECONDS}) leaves the shape on the
 * interpreter and says why in {@link #status()}. {@code -Djdistarray.kernels.compile=off} turns it off, {@code =sync}
 * compiles at a shape's first evaluation, whatever its size, and waits (benchmarks, tests). At most
 * {@link #MAX_KERNELS} shapes are compiled per JVM. The compiler is {@code $CC} or {@code gcc} on the {@code PATH}
 * ({@code -Djdistarray.kernels.cc} overrides); the files go to a temporary directory removed at exit; the loaded loops
 * stay loaded until the JVM ends. Only while the native loops are loaded ({@link NativeKernels}): the compiled loop
 * is called through their library.
 */
final class ExprCompiler {
    /** Elements a shape computes (all its evaluations in this JVM) before its compilation is queued. */
    static final long WORK_ELEMENTS = 1L << 20;
    /** Shapes compiled at most per JVM; past it, new shapes stay on the interpreter. */
    static final int MAX_KERNELS = 64;
    /** Seconds a compilation may take before it is given up. */
    static final long COMPILE_SECONDS = 60;
    /**
     * {@code auto} (background), {@code sync} (wait at first use) or {@code off}: {@code -Djdistarray.kernels.compile};
     * settable only so that tests choose the path.
     */
    static volatile String mode = parseMode(System.getProperty("jdistarray.kernels.compile"));
    private static final String CC = findCompiler();
    private static final AtomicInteger STARTED = new AtomicInteger();
    private static final AtomicInteger LOADED = new AtomicInteger();
    private static final LongAdder CALLS = new LongAdder();
    private static final System.Logger LOG = System.getLogger(ExprCompiler.class.getName());
    private static volatile String lastFailure;
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jdistarray-expr-compiler");
        t.setDaemon(true);
        return t;
    });
    private static Path dir;
    /** The compiler process running now, if any: a JVM that exits stops it (its files are being deleted). */
    private static volatile Process running;

    private ExprCompiler() {
    }

    /** One program's compiled loop: its address once loaded (0 before, and for ever after a failure). */
    static final class Kernel {
        private final int[] program;
        private final boolean f32;
        private volatile long address;
        private volatile String failure;

        private Kernel(int[] program, boolean f32) {
            this.program = program.clone();
            this.f32 = f32;
        }

        /** The loop's address, or 0 while it is not (yet) loaded. */
        long address() {
            return address;
        }

        /** Why the compilation failed, or null. */
        String failure() {
            return failure;
        }
    }

    /**
     * The mode named by {@code -Djdistarray.kernels.compile} ({@code null}: {@code auto}).
     *
     * @throws IllegalArgumentException naming the value if it is not {@code auto}, {@code sync} or {@code off}
     */
    static String parseMode(String value) {
        String v = value == null ? "auto" : value.strip();
        if (!v.equals("auto") && !v.equals("sync") && !v.equals("off")) {
            throw new IllegalArgumentException("-Djdistarray.kernels.compile=" + value + ": expected auto, sync or off");
        }
        return v;
    }

    /** Whether compiling is possible and on here. */
    static boolean enabled() {
        return !mode.equals("off") && CC != null && NativeKernels.on();
    }

    /**
     * <b>Not collective.</b> Starts compiling {@code program} (in the background, or now with {@code sync}) and returns
     * its kernel; null when compiling is off, no compiler was found or {@link #MAX_KERNELS} are taken.
     */
    static Kernel request(int[] program, boolean f32) {
        if (!enabled() || STARTED.incrementAndGet() > MAX_KERNELS) {
            return null;
        }
        Kernel k = new Kernel(program, f32);
        if (mode.equals("sync")) {
            compile(k, CC);
        } else {
            WORKER.execute(() -> compile(k, CC));
        }
        return k;
    }

    /**
     * <b>Not collective.</b> Compiles now with {@code cc} and waits (tests; not counted in {@link #MAX_KERNELS}): the
     * kernel, loaded or with its failure.
     */
    static Kernel compileNow(int[] program, boolean f32, String cc) {
        Kernel k = new Kernel(program, f32);
        compile(k, cc);
        return k;
    }

    /**
     * <b>Not collective.</b> Compiles {@code sqrt(a*a + b*b)*c - d} now (not counted in {@link #MAX_KERNELS}), runs it
     * on 37 values (NaN, ±inf, -0.0 among them) and compares it with the machine: a sentence saying it worked, or
     * {@link #status()} when compiling is off, or why the compiler failed.
     *
     * @throws IllegalStateException if the compiled loop and the machine give different values
     */
    static String selfCheck() {
        if (!enabled()) {
            return status();
        }
        int[] p = EXPR5;
        long t0 = System.nanoTime();
        Kernel k = compileNow(p, false, CC);
        if (k.address() == 0) {
            return "expression compiler " + CC + " does not work here (the machine runs every expression): "
                    + k.failure();
        }
        int n = 37;
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE};
        ByteBuffer[] in = new ByteBuffer[4];
        long[] at = new long[4];
        for (int j = 0; j < 4; j++) {
            in[j] = ByteBuffer.allocateDirect(n * 8).order(ByteOrder.nativeOrder());
            for (int i = 0; i < n; i++) {
                in[j].putDouble(i * 8, i % 7 == j ? special[(i + j) % special.length] : (i - 11.5) * (j + 0.25));
            }
            at[j] = ReduceKernels.address(in[j]);
        }
        ByteBuffer want = ByteBuffer.allocateDirect(n * 8).order(ByteOrder.nativeOrder());
        ByteBuffer got = ByteBuffer.allocateDirect(n * 8).order(ByteOrder.nativeOrder());
        NativeKernels.evalF64(p, at, new double[0], ReduceKernels.address(want), n);
        NativeKernels.call(k.address(), false, at, new double[0], ReduceKernels.address(got), n);
        for (int i = 0; i < n; i++) {
            long w = Double.doubleToLongBits(want.getDouble(i * 8));
            long g = Double.doubleToLongBits(got.getDouble(i * 8));
            if (w != g) {
                throw new IllegalStateException("the compiled loop of sqrt(a*a + b*b)*c - d gave "
                        + got.getDouble(i * 8) + " where the machine gives " + want.getDouble(i * 8) + " (element " + i
                        + "; compiler " + CC + ")");
            }
        }
        return String.format(java.util.Locale.ROOT, "expression compiler %s: a test loop compiled in %.2f s, the machine's"
                + " values", CC, (System.nanoTime() - t0) / 1e9);
    }

    /** {@code sqrt(a*a + b*b)*c - d} over leaves a b c d, as FusedFloat64 writes it (the self-check's program). */
    static final int[] EXPR5 = {NativeKernels.OP_LEAF, NativeKernels.OP_LEAF, NativeKernels.OP_MUL,
        NativeKernels.OP_LEAF | 1 << 8, NativeKernels.OP_LEAF | 1 << 8, NativeKernels.OP_MUL, NativeKernels.OP_ADD,
        NativeKernels.OP_SQRT, NativeKernels.OP_LEAF | 2 << 8, NativeKernels.OP_MUL, NativeKernels.OP_LEAF | 3 << 8,
        NativeKernels.OP_SUB};

    /** The compiler found ({@code $CC}, {@code gcc}), or null. */
    static String compiler() {
        return CC;
    }

    /** Calls of compiled loops so far (every rank of the JVM): tests see the switch from the interpreter. */
    static long calls() {
        return CALLS.sum();
    }

    /** Counts one call of a compiled loop. */
    static void called() {
        CALLS.increment();
    }

    /** What this JVM does with expressions: compiles them (with which compiler, how many so far) or why not. */
    static String status() {
        if (mode.equals("off")) {
            return "expression compiler off (-Djdistarray.kernels.compile=off)";
        }
        if (CC == null) {
            return "expression compiler off (no C compiler: $CC or gcc on the PATH)";
        }
        if (!NativeKernels.on()) {
            return "expression compiler off (the native loops are not in use)";
        }
        String f = lastFailure;
        return "expression compiler " + CC + " (" + LOADED.get() + " loops loaded" + (f == null ? "" : "; last failure: " + f)
                + ")";
    }

    /** The C source of {@code program}'s loop: {@code void jdist_expr(leaves, scalars, out, n)}. */
    static String source(int[] program, boolean f32) {
        String t = f32 ? "float" : "double";
        String sfx = f32 ? "f" : "";
        BitSet leaves = new BitSet();
        BitSet scalars = new BitSet();
        StringBuilder body = new StringBuilder();
        String[] stack = new String[NativeKernels.MAX_DEPTH];
        int sp = 0;
        int temps = 0;
        for (int code : program) {
            int op = code & 0xff;
            int arg = code >> 8;
            if (op == NativeKernels.OP_LEAF || op == NativeKernels.OP_SCALAR) {
                if (sp == stack.length || arg < 0) {
                    throw new IllegalArgumentException("malformed program: stack or index at " + code);
                }
                if (op == NativeKernels.OP_LEAF) {
                    leaves.set(arg);
                    stack[sp++] = "l" + arg + "[i]";
                } else {
                    scalars.set(arg);
                    stack[sp++] = "s" + arg;
                }
                continue;
            }
            boolean unary = op >= NativeKernels.OP_SQRT;
            if (sp < (unary ? 1 : 2) || op > NativeKernels.OP_POS) {
                throw new IllegalArgumentException("malformed program at op " + op);
            }
            String x = stack[sp - (unary ? 1 : 2)];
            String y = unary ? null : stack[sp - 1];
            String e = switch (op) {
                case NativeKernels.OP_ADD -> x + " + " + y;
                case NativeKernels.OP_SUB -> x + " - " + y;
                case NativeKernels.OP_MUL -> x + " * " + y;
                case NativeKernels.OP_DIV -> x + " / " + y;
                case NativeKernels.OP_SQRT -> "sqrt" + sfx + "(" + x + ")";
                case NativeKernels.OP_ABS -> "fabs" + sfx + "(" + x + ")";
                case NativeKernels.OP_NEG -> "-" + x;
                case NativeKernels.OP_SQUARE -> x + " * " + x;
                default -> x; // OP_POS
            };
            String v = "t" + temps++;
            body.append("        const ").append(t).append(' ').append(v).append(" = ").append(e).append(";\n");
            sp -= unary ? 0 : 1;
            stack[sp - 1] = v;
        }
        if (sp != 1) {
            throw new IllegalArgumentException("malformed program: " + sp + " values left");
        }
        StringBuilder s = new StringBuilder(512);
        s.append("/* generated by org.jdistarray.ops.ExprCompiler: one statement per operation, no FMA */\n");
        s.append("#include <math.h>\n#include <stdint.h>\n");
        s.append("void jdist_expr(").append(t).append(" *const *L, const ").append(t).append(" *S, ").append(t)
                .append(" *out, int64_t n) {\n");
        for (int i = leaves.nextSetBit(0); i >= 0; i = leaves.nextSetBit(i + 1)) {
            s.append("    const ").append(t).append(" *l").append(i).append(" = L[").append(i).append("];\n");
        }
        for (int i = scalars.nextSetBit(0); i >= 0; i = scalars.nextSetBit(i + 1)) {
            s.append("    const ").append(t).append(" s").append(i).append(" = S[").append(i).append("];\n");
        }
        // element i of the output is written after every read of element i, and no element depends on another: an
        // output that is one of the leaves (in place) is safe, and ivdep spares the loop its overlap checks
        s.append("#pragma GCC ivdep\n    for (int64_t i = 0; i < n; i++) {\n").append(body);
        s.append("        out[i] = ").append(stack[0]).append(";\n    }\n}\n");
        return s.toString();
    }

    private static void compile(Kernel k, String cc) {
        try {
            String src = source(k.program, k.f32);
            Path d = directory();
            Path c = Files.createTempFile(d, "expr", ".c");
            String stem = c.getFileName().toString().replace(".c", "");
            Path so = d.resolve(stem + ".so");
            Path log = d.resolve(stem + ".log");
            so.toFile().deleteOnExit();
            log.toFile().deleteOnExit();
            c.toFile().deleteOnExit();
            Files.writeString(c, src, StandardCharsets.US_ASCII);
            ProcessBuilder pb = new ProcessBuilder(cc, "-std=c11", "-O3", "-march=native", "-ffp-contract=off",
                    "-fno-math-errno", "-fPIC", "-shared", "-o", so.toString(), c.toString(), "-lm");
            pb.redirectErrorStream(true);
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            running = p;
            try {
                if (!p.waitFor(COMPILE_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(cc + " took more than " + COMPILE_SECONDS + " s on " + c);
                }
            } finally {
                running = null;
            }
            if (p.exitValue() != 0) {
                throw new IOException(cc + " failed on " + c + ": " + Files.readString(log, StandardCharsets.UTF_8)
                        .strip());
            }
            k.address = NativeKernels.openExpr(so.toString());
            LOADED.incrementAndGet();
        } catch (IOException | RuntimeException | LinkageError e) {
            fail(k, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(k, "interrupted");
        }
    }

    private static void fail(Kernel k, String why) {
        k.failure = why;
        lastFailure = why;
        LOG.log(System.Logger.Level.DEBUG, "expression loop not compiled (the interpreter runs it): " + why);
    }

    private static synchronized Path directory() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("jdistarray-expr");
            dir.toFile().deleteOnExit(); // registered first: deleted after the files
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                Process p = running;
                if (p != null) {
                    p.destroyForcibly();
                }
            }, "jdistarray-expr-compiler-stop"));
        }
        return dir;
    }

    private static String findCompiler() {
        String cc = System.getProperty("jdistarray.kernels.cc", System.getenv("CC"));
        if (cc == null || cc.isBlank()) {
            cc = "gcc";
        }
        if (cc.contains(File.separator)) {
            return Files.isExecutable(Path.of(cc)) ? cc : null;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String p : path.split(File.pathSeparator)) {
            if (!p.isEmpty() && Files.isExecutable(Path.of(p, cc))) {
                return Path.of(p, cc).toString();
            }
        }
        return null;
    }
}

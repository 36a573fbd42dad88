package org.jdistarray.ops;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The vectorised element loops in {@code libjdist_kernels.so} (native-shims/kernels, built by core's Maven build with
 * gcc and packaged beside this class). Java 17's C2 compiles loops over off-heap memory to scalar code; these are the
 * same formulas as the Java loops, compiled for SSE2/AVX2/AVX-512, and give the same bits (no FMA; the sum's lanes
 * and final tree are {@link ReduceKernels#sumF64}'s). The library is optional: without it (no gcc at build time,
 * another OS or CPU, {@code -Djdistarray.kernels=java}) every operation runs its Java loop, with the same results.
 * {@code -Djdistarray.kernels=native} makes a library that cannot be loaded an error instead.
 * {@link #status()} says which is in use (the CLI's {@code selftest} prints it).
 */
final class NativeKernels {
    /** The version the C side reports ({@code Java_..._version}); a library of another version is not used. */
    static final int VERSION = 3;
    /** Whether the library is loaded (fixed at class initialisation). */
    static final boolean LOADED;
    private static final String STATUS;
    /** Whether the loaded library is used; settable only so that tests compare both paths in one JVM. */
    static volatile boolean enabled;

    /** Longest program, deepest stack and most leaves/scalars {@link #evalF64} takes (the C side's limits). */
    static final int MAX_OPS = 64;
    static final int MAX_DEPTH = 8;
    static final int MAX_LEAVES = 32;
    static final int MAX_SCALARS = 64;
    private static final int LEAVES_AT = MAX_OPS * 4;
    private static final int SCALARS_AT = LEAVES_AT + MAX_LEAVES * 8;
    /** Per thread: the argument block of {@link #evalF64} (program, leaf addresses, scalars), native order. */
    private static final ThreadLocal<ByteBuffer> ARGS = ThreadLocal.withInitial(
            () -> ByteBuffer.allocateDirect(SCALARS_AT + MAX_SCALARS * 8).order(ByteOrder.nativeOrder()));

    static {
        String mode = System.getProperty("jdistarray.kernels", "auto");
        boolean loaded = false;
        String status;
        if (mode.equals("java")) {
            status = "java loops (-Djdistarray.kernels=java)";
        } else {
            String why;
            try {
                Path lib = library();
                if (lib == null) {
                    why = "libjdist_kernels.so is not in this build (no gcc when core was built?)";
                } else {
                    System.load(lib.toString());
                    int v = version();
                    if (v != VERSION) {
                        why = lib + " is version " + v + ", this core needs " + VERSION;
                    } else {
                        loaded = true;
                        why = null;
                    }
                }
            } catch (IOException | URISyntaxException | UnsatisfiedLinkError | SecurityException e) {
                why = e.toString();
            }
            if (!loaded && mode.equals("native")) {
                throw new IllegalStateException("-Djdistarray.kernels=native: cannot use the native loops: " + why);
            }
            status = loaded ? "native loops (libjdist_kernels, SSE2/AVX2/AVX-512 chosen by the CPU)"
                    : "java loops (" + why + ")";
        }
        LOADED = loaded;
        enabled = loaded;
        STATUS = status;
    }

    private NativeKernels() {
    }

    /** Which loops run: {@code "native loops (...)"} or {@code "java loops (why)"}. */
    static String status() {
        return STATUS;
    }

    /**
     * The address of element 0 of {@code b} if it is a native-order direct buffer of at least {@code bytes} bytes
     * (what the native loops may read or write), else 0.
     */
    static long address(ByteBuffer b, long bytes) {
        return b.isDirect() && b.order() == ByteOrder.nativeOrder() && b.capacity() >= bytes
                ? ReduceKernels.address(b) : 0;
    }

    /** True when the native loops are loaded and enabled (read once per operation). */
    static boolean on() {
        return enabled;
    }

    /** The packaged library as a file: the build's own file, or a copy of the jar's entry in a temporary file. */
    private static Path library() throws IOException, URISyntaxException {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return null;
        }
        URL url = NativeKernels.class.getResource("libjdist_kernels.so");
        if (url == null) {
            return null;
        }
        if (url.getProtocol().equals("file")) {
            return Path.of(url.toURI());
        }
        Path tmp = Files.createTempFile("libjdist_kernels", ".so");
        tmp.toFile().deleteOnExit();
        try (InputStream in = url.openStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        return tmp;
    }

    /**
     * {@code out[i] = program(leaves[.][i], scalars)} for {@code i < n}, float64, through the C expression machine.
     * {@code program} is postfix ({@code op | index << 8}, the C side's opcodes); the caller has checked the limits
     * and that every leaf and the output hold {@code n} native-order doubles.
     */
    static void evalF64(int[] program, long[] leaves, double[] scalars, long out, long n) {
        long base = arguments(program, leaves, scalars, false);
        if (evalF64(base, program.length, base + LEAVES_AT, leaves.length, base + SCALARS_AT, out, n) != 0) {
            throw new IllegalStateException("malformed float64 program " + java.util.Arrays.toString(program));
        }
    }

    static native int evalF64(long program, int nops, long leaves, int nleaves, long scalars, long out, long n);

    /** {@link #evalF64} in float32: the scalars (already rounded to float32) are written as floats. */
    static void evalF32(int[] program, long[] leaves, double[] scalars, long out, long n) {
        long base = arguments(program, leaves, scalars, true);
        if (evalF32(base, program.length, base + LEAVES_AT, leaves.length, base + SCALARS_AT, out, n) != 0) {
            throw new IllegalStateException("malformed float32 program " + java.util.Arrays.toString(program));
        }
    }

    /**
     * {@link #evalF64} or {@link #evalF32} through the program's compiled loop at {@code fn} ({@link ExprCompiler}):
     * the same bits.
     */
    static void call(long fn, boolean f32, long[] leaves, double[] scalars, long out, long n) {
        long base = arguments(NO_PROGRAM, leaves, scalars, f32); // the loop is the program: only its operands go
        if (f32) {
            callF32(fn, base + LEAVES_AT, base + SCALARS_AT, out, n);
        } else {
            callF64(fn, base + LEAVES_AT, base + SCALARS_AT, out, n);
        }
    }

    /**
     * Loads the library at {@code path} (for the JVM's lifetime) and returns the address of its {@code jdist_expr}.
     *
     * @throws IllegalStateException with the dynamic loader's message if it cannot
     */
    static native long openExpr(String path);

    private static native void callF64(long fn, long leaves, long scalars, long out, long n);

    private static native void callF32(long fn, long leaves, long scalars, long out, long n);

    private static final int[] NO_PROGRAM = {};

    /** Writes this thread's argument block (program, leaf addresses, scalars as doubles or floats); its address. */
    private static long arguments(int[] program, long[] leaves, double[] scalars, boolean floats) {
        ByteBuffer a = ARGS.get();
        for (int i = 0; i < program.length; i++) {
            a.putInt(i << 2, program[i]);
        }
        for (int i = 0; i < leaves.length; i++) {
            a.putLong(LEAVES_AT + (i << 3), leaves[i]);
        }
        for (int i = 0; i < scalars.length; i++) {
            if (floats) {
                a.putFloat(SCALARS_AT + (i << 2), (float) scalars[i]);
            } else {
                a.putDouble(SCALARS_AT + (i << 3), scalars[i]);
            }
        }
        return ReduceKernels.address(a);
    }

    static native int evalF32(long program, int nops, long leaves, int nleaves, long scalars, long out, long n);

    /** {@link ReduceKernels#sumF64}'s sum of {@code n} native-order doubles at {@code address}. */
    static native double sumF64(long address, long n);

    /**
     * {@code out[r] = sumF64(row r)} for {@code rows} consecutive rows of {@code len} doubles at {@code x}: each row in
     * {@link #sumF64}'s order.
     */
    static native void sumRowsF64(long x, long rows, long len, long out);

    /** {@code StencilSweeps}' contiguous rows, on the arrays' memory (element offsets, as the Java loop). */
    static native void jacobi5Rows(long x, long y, long first, long s0, long n, long rows, long gFirst,
            long globalRows, long kLo, long kHi);

    /**
     * {@code FusedAxpy}'s forms over the operands' memory: {@code type} 0 float64, 1 float32, 2 int64; {@code op}
     * negative for {@code alpha*x + y}, else {@code OP_ADD/SUB/MUL} of two arrays, or (float64, {@code y == 0})
     * {@code OP_ADD/SUB/MUL/DIV} with the scalar {@code alpha} (first when {@code scalarFirst}).
     */
    static native void axpy(int type, int op, boolean scalarFirst, long x, long y, long r, double alpha,
            long alphaLong, long n);

    private static native int version();

    /**
     * The bytes of streams (the leaves and the result of one {@link #evalF64} call) above which the machine
     * prefetches (twice the last-level cache, at least 64 MiB, unless set); {@code bytes > 0} sets it, for tests that
     * reach the prefetching branch with small arrays. Returns the value before.
     */
    static native long prefetchFrom(long bytes);

    // the opcodes of the C machine
    static final int OP_LEAF = 0;
    static final int OP_SCALAR = 1;
    static final int OP_ADD = 2;
    static final int OP_SUB = 3;
    static final int OP_MUL = 4;
    static final int OP_DIV = 5;
    static final int OP_SQRT = 6;
    static final int OP_ABS = 7;
    static final int OP_NEG = 8;
    static final int OP_SQUARE = 9;
    static final int OP_POS = 10;
}

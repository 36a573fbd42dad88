package org.jdistarray.algo.internal;

import java.nio.DoubleBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * {@code cblas_dgemm} of the best BLAS this machine has, through JNA direct mapping, or nothing (then
 * {@link #available()} is false and the callers use their Java kernel). Libraries tried in order: the system
 * property {@code jdistarray.blas} (a library name or path; {@code none} disables BLAS), then {@code openblas}
 * (any {@code libopenblas.so*} on the library path, or Debian's {@code openblas-serial}/{@code openblas-pthread}
 * folders), then {@code blas} ({@code libblas.so.3}: Debian's alternative, OpenBLAS or the reference BLAS).
 * The first that exports {@code cblas_dgemm} is bound, once per JVM.
 *
 * <p>Calls are serialized by one lock: a serial OpenBLAS or the reference BLAS is not safe to call from several
 * threads at once (thread ranks), and under MPI each process has one caller, so the lock is never contended.
 */
public final class Blas {
    private static final Object LOCK = new Object();
    private static final String NAME;

    static {
        String name = null;
        String forced = System.getProperty("jdistarray.blas", "");
        if (!forced.equals("none")) {
            for (String candidate : candidates(forced)) {
                try {
                    NativeLibrary lib = NativeLibrary.getInstance(candidate);
                    lib.getFunction("cblas_dgemm");
                    Native.register(Cblas.class, lib);
                    name = describe(lib);
                    break;
                } catch (UnsatisfiedLinkError | IllegalArgumentException e) {
                    // not this one: try the next
                }
            }
        }
        NAME = name;
    }

    private Blas() {
    }

    private static List<String> candidates(String forced) {
        List<String> c = new ArrayList<>();
        if (!forced.isEmpty()) {
            c.add(forced);
            return c;
        }
        c.add("openblas");
        for (String dir : new String[] {"openblas-serial", "openblas-pthread", "openblas-openmp"}) {
            Path p = Path.of("/usr/lib/x86_64-linux-gnu", dir, "libopenblas.so.0");
            if (p.toFile().isFile()) {
                c.add(p.toString());
            }
        }
        c.add("blas");
        return c;
    }

    private static String describe(NativeLibrary lib) {
        String file = lib.getFile() == null ? lib.getName() : lib.getFile().getPath();
        try {
            file = lib.getFile().toPath().toRealPath().toString();
        } catch (Exception e) {
            // keep the unresolved name
        }
        try {
            Function config = lib.getFunction("openblas_get_config");
            Pointer p = (Pointer) config.invoke(Pointer.class, new Object[0]);
            return "OpenBLAS (" + p.getString(0).trim() + ") " + file;
        } catch (UnsatisfiedLinkError e) {
            return "BLAS " + file;
        }
    }

    /** <b>Not collective.</b> Whether a BLAS with {@code cblas_dgemm} was bound. */
    public static boolean available() {
        return NAME != null;
    }

    /** <b>Not collective.</b> Which BLAS was bound (library and, for OpenBLAS, its configuration), or null. */
    public static String name() {
        return NAME;
    }

    /**
     * <b>Not collective.</b> {@code C += A B} in row-major order: {@code A} is {@code m x k} (row stride
     * {@code lda}), {@code B} is {@code k x n} ({@code ldb}), {@code C} is {@code m x n} ({@code ldc}); all three
     * direct buffers, each matrix starting at its offset (in doubles, from the buffer's start; the position is
     * ignored). Borrows the buffers for the call.
     *
     * @throws IllegalStateException if no BLAS is available
     * @throws IllegalArgumentException if a buffer is not direct or too small
     */
    public static void dgemm(int m, int n, int k, DoubleBuffer a, int aOff, int lda, DoubleBuffer b, int bOff, int ldb,
            DoubleBuffer c, int cOff, int ldc) {
        if (NAME == null) {
            throw new IllegalStateException("no BLAS with cblas_dgemm was found");
        }
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        check("A", a, aOff, m, k, lda);
        check("B", b, bOff, k, n, ldb);
        check("C", c, cOff, m, n, ldc);
        synchronized (LOCK) {
            Cblas.cblas_dgemm(Cblas.ROW_MAJOR, Cblas.NO_TRANS, Cblas.NO_TRANS, m, n, k, 1.0, address(a) + 8L * aOff,
                    lda, address(b) + 8L * bOff, ldb, 1.0, address(c) + 8L * cOff, ldc);
        }
        // keep the buffers reachable until the native call has returned
        java.lang.ref.Reference.reachabilityFence(a);
        java.lang.ref.Reference.reachabilityFence(b);
        java.lang.ref.Reference.reachabilityFence(c);
    }

    private static void check(String what, DoubleBuffer x, int off, int rows, int cols, int ld) {
        if (!x.isDirect()) {
            throw new IllegalArgumentException(what + " is not a direct buffer");
        }
        if (off < 0 || ld < cols || off + (long) (rows - 1) * ld + cols > x.capacity()) {
            throw new IllegalArgumentException(what + ": " + rows + " x " + cols + " with row stride " + ld
                    + " from offset " + off + " does not fit in " + x.capacity() + " doubles");
        }
    }

    private static long address(DoubleBuffer x) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(x));
    }

    /** The direct-mapped CBLAS entry (pointers passed as addresses). */
    private static final class Cblas {
        static final int ROW_MAJOR = 101;
        static final int NO_TRANS = 111;

        private Cblas() {
        }

        static native void cblas_dgemm(int order, int transA, int transB, int m, int n, int k, double alpha, long a,
                int lda, long b, int ldb, double beta, long c, int ldc);
    }
}

package org.jdistarray.trilinos.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.nativelib.NativeLibraryException;
import org.jdistarray.trilinos.TrilinosException;

/**
 * The {@code jdist_tpetra} shim from Java: loads it once (after libmpi, which it links against), and wraps each entry
 * point so that a non-zero return code becomes a {@link TrilinosException} with the shim's message. Handles are {@code long}s
 * (0 = none). Callers validate arguments before calling: the shim checks handles and sizes it can see, not memory
 * ranges.
 *
 * <p>Library lookup: {@code -Djdistarray.tpetra.library=<path>}, else JNA's search for {@code jdist_tpetra}
 * ({@code jna.library.path}, then the classpath resource {@code linux-x86-64/libjdist_tpetra.so} that the Maven build
 * puts into {@code target/classes}).
 */
public final class Tpetra {
    public static final int OK = 0;
    public static final int ERR_ARG = 1;
    public static final int ERR_STATE = 2;
    public static final int ERR_TRILINOS = 3;
    public static final int ERR_UNSUPPORTED = 4;

    private static final String NAME = "jdist_tpetra";
    private static volatile String loadFailure;
    private static volatile boolean loaded;
    private static volatile int rank = -1;

    private Tpetra() {
    }

    /** Loads and registers the shim; throws {@link NativeLibraryException} with the reason if it cannot. */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        if (loadFailure != null) {
            throw new NativeLibraryException(loadFailure);
        }
        try {
            MpiSession.isMpiInitialized(); // libmpi first, RTLD_GLOBAL (the shim and Trilinos link against it)
            String forced = System.getProperty("jdistarray.tpetra.library");
            NativeLibrary lib = NativeLibrary.getInstance(forced != null ? forced : NAME,
                    Map.of(Library.OPTION_OPEN_FLAGS, 0x2)); // RTLD_NOW
            Native.register(TpetraNative.class, lib);
            loaded = true;
        } catch (UnsatisfiedLinkError | RuntimeException e) { // no shim, no Trilinos, or no libmpi
            loadFailure = "cannot load the jdist_tpetra shim (built by Maven when Trilinos is installed, see "
                    + "bin/install-deps and native-shims/README.md; or set -Djdistarray.tpetra.library=<path>): "
                    + e.getMessage();
            throw new NativeLibraryException(loadFailure, e);
        }
    }

    /** Null if the shim loads, else why not (loading does not initialise MPI or Tpetra). */
    public static String unavailableReason() {
        try {
            load();
            return null;
        } catch (NativeLibraryException e) {
            return e.getMessage();
        }
    }

    /** The rank (in the world communicator) named in exceptions; set when a session starts. */
    public static void setRank(int rank) {
        Tpetra.rank = rank;
    }

    static void check(int rc, String function) {
        if (rc != OK) {
            throw new TrilinosException(function, rc, lastError(), rank);
        }
    }

    /** The calling thread's last shim error message. */
    public static String lastError() {
        int[] needed = new int[1];
        byte[] buf = new byte[1024];
        TpetraNative.jdist_tpetra_last_error(buf, buf.length, needed);
        if (needed[0] >= buf.length) {
            buf = new byte[needed[0] + 1];
            TpetraNative.jdist_tpetra_last_error(buf, buf.length, needed);
        }
        return cString(buf);
    }

    private static String cString(byte[] buf) {
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    public static int[] typeSizes() {
        int[] s = new int[4];
        check(TpetraNative.jdist_tpetra_type_sizes(s), "jdist_tpetra_type_sizes");
        return s;
    }

    public static boolean hasIfpack2() {
        int[] f = new int[1];
        check(TpetraNative.jdist_tpetra_has_ifpack2(f), "jdist_tpetra_has_ifpack2");
        return f[0] != 0;
    }

    public static String version() {
        byte[] buf = new byte[256];
        check(TpetraNative.jdist_tpetra_version(buf, buf.length), "jdist_tpetra_version");
        return cString(buf);
    }

    public static void initialize() {
        check(TpetraNative.jdist_tpetra_initialize(), "jdist_tpetra_initialize");
    }

    public static void finalizeSession() {
        check(TpetraNative.jdist_tpetra_finalize(), "jdist_tpetra_finalize");
    }

    public static boolean isInitialized() {
        int[] f = new int[1];
        check(TpetraNative.jdist_tpetra_is_initialized(f), "jdist_tpetra_is_initialized");
        return f[0] != 0;
    }

    public static long mapContiguous(long comm, long globalN, int localN) {
        long[] out = new long[1];
        check(TpetraNative.jdist_tpetra_map_create_contiguous(comm, globalN, localN, out),
                "jdist_tpetra_map_create_contiguous");
        return out[0];
    }

    public static long mapFromIds(long comm, long globalN, long[] gids) {
        long[] out = new long[1];
        check(TpetraNative.jdist_tpetra_map_create(comm, globalN, gids, gids.length, out), "jdist_tpetra_map_create");
        return out[0];
    }

    /** {global size, local size, contiguous (1/0), smallest local id or -1}. */
    public static long[] mapInfo(long map) {
        long[] g = new long[1];
        int[] l = new int[1];
        int[] c = new int[1];
        long[] m = new long[1];
        check(TpetraNative.jdist_tpetra_map_info(map, g, l, c, m), "jdist_tpetra_map_info");
        return new long[] {g[0], l[0], c[0], m[0]};
    }

    public static boolean mapSame(long a, long b) {
        int[] s = new int[1];
        check(TpetraNative.jdist_tpetra_map_same(a, b, s), "jdist_tpetra_map_same");
        return s[0] != 0;
    }

    public static long mvWrap(long map, long address, int ld, int ncols) {
        long[] out = new long[1];
        check(TpetraNative.jdist_tpetra_mv_wrap(map, address, ld, ncols, out), "jdist_tpetra_mv_wrap");
        return out[0];
    }

    public static long mvCreate(long map, int ncols) {
        long[] out = new long[1];
        check(TpetraNative.jdist_tpetra_mv_create(map, ncols, out), "jdist_tpetra_mv_create");
        return out[0];
    }

    /** The address Tpetra's host view of the multivector starts at. */
    public static long mvData(long mv) {
        long[] d = new long[1];
        int[] ld = new int[1];
        check(TpetraNative.jdist_tpetra_mv_data(mv, d, ld), "jdist_tpetra_mv_data");
        return d[0];
    }

    public static double[] mvNorm2(long mv, int ncols) {
        double[] n = new double[ncols];
        check(TpetraNative.jdist_tpetra_mv_norm2(mv, n), "jdist_tpetra_mv_norm2");
        return n;
    }

    public static double[] mvDot(long a, long b, int ncols) {
        double[] d = new double[ncols];
        check(TpetraNative.jdist_tpetra_mv_dot(a, b, d), "jdist_tpetra_mv_dot");
        return d;
    }

    public static void mvScale(long mv, double alpha) {
        check(TpetraNative.jdist_tpetra_mv_scale(mv, alpha), "jdist_tpetra_mv_scale");
    }

    public static void mvUpdate(long y, double alpha, long x, double beta) {
        check(TpetraNative.jdist_tpetra_mv_update(y, alpha, x, beta), "jdist_tpetra_mv_update");
    }

    public static void mvPutScalar(long mv, double alpha) {
        check(TpetraNative.jdist_tpetra_mv_put_scalar(mv, alpha), "jdist_tpetra_mv_put_scalar");
    }

    public static long crsCreate(long map, int nrows, int[] rowPtr, long[] cols, double[] vals) {
        long[] out = new long[1];
        check(TpetraNative.jdist_tpetra_crs_create(map, nrows, rowPtr, cols, vals, out), "jdist_tpetra_crs_create");
        return out[0];
    }

    public static void crsFillComplete(long a, long domain, long range) {
        check(TpetraNative.jdist_tpetra_crs_fill_complete(a, domain, range), "jdist_tpetra_crs_fill_complete");
    }

    /** {global rows, global columns (-1 before fill-complete), global entries (-1 before), fill-complete (1/0)}. */
    public static long[] crsInfo(long a) {
        long[] r = new long[1];
        long[] c = new long[1];
        long[] n = new long[1];
        int[] f = new int[1];
        check(TpetraNative.jdist_tpetra_crs_info(a, r, c, n, f), "jdist_tpetra_crs_info");
        return new long[] {r[0], c[0], n[0], f[0]};
    }

    public static void crsApply(long a, long x, long y, double alpha, double beta, boolean transpose) {
        check(TpetraNative.jdist_tpetra_crs_apply(a, x, y, alpha, beta, transpose ? 1 : 0), "jdist_tpetra_crs_apply");
    }

    public static long solverCreate(long a, String solver, String prec, double tol, int maxIters, int restart) {
        long[] out = new long[1];
        check(TpetraNative.jdist_tpetra_solver_create(a, solver, prec, tol, maxIters, restart, out),
                "jdist_tpetra_solver_create");
        return out[0];
    }

    /** {iterations, converged (1/0)} and the achieved tolerance in {@code tol[0]}. */
    public static int[] solverSolve(long s, long x, long b, double[] tol) {
        int[] its = new int[1];
        int[] conv = new int[1];
        check(TpetraNative.jdist_tpetra_solver_solve(s, x, b, its, tol, conv), "jdist_tpetra_solver_solve");
        return new int[] {its[0], conv[0]};
    }

    /** Destroys a handle of the given kind; never throws (returns the shim's message, or null). */
    public static String destroy(Kind kind, long handle) {
        int rc = switch (kind) {
            case MAP -> TpetraNative.jdist_tpetra_map_destroy(handle);
            case MULTIVECTOR -> TpetraNative.jdist_tpetra_mv_destroy(handle);
            case MATRIX -> TpetraNative.jdist_tpetra_crs_destroy(handle);
            case SOLVER -> TpetraNative.jdist_tpetra_solver_destroy(handle);
        };
        return rc == OK ? null : lastError();
    }

    /** Kinds of shim handles. */
    public enum Kind {
        MAP, MULTIVECTOR, MATRIX, SOLVER
    }

    /** A native-order view of {@code count} doubles at {@code address} (memory Tpetra owns); no copy. */
    public static DoubleBuffer doubles(long address, int count) {
        if (count == 0) {
            return ByteBuffer.allocateDirect(0).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        }
        return new Pointer(address).getByteBuffer(0, 8L * count).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    /** The address of a direct buffer's element at its position. */
    public static long address(DoubleBuffer buffer) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(buffer)) + 8L * buffer.position();
    }

}

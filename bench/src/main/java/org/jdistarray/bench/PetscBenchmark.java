package org.jdistarray.bench;

import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.numbering.BlockNumbering;
import org.jdistarray.dist.numbering.GlobalNumbering;
import org.jdistarray.petsc.Ksp;
import org.jdistarray.petsc.KspNormType;
import org.jdistarray.petsc.KspType;
import org.jdistarray.petsc.PcType;
import org.jdistarray.petsc.PetscMat;
import org.jdistarray.petsc.PetscSession;
import org.jdistarray.petsc.PetscVec;
import org.jdistarray.protocol.DType;
import org.jdistarray.solve.SolveResult;
import org.jdistarray.sparse.CsrRows;
import org.jdistarray.sparse.Stencil;
import org.jdistarray.sparse.Stencils;

/**
 * PETSc through the bridge, in the shared baseline line format, matching {@code petsc4py_bench.py} and the C twin
 * {@code bench/c/petsc_bench.c}:
 * <ul>
 * <li>{@code cg}: KSP CG, no preconditioner, {@code KSP_NORM_NONE}, exactly {@code PEER_CG_ITERS} iterations on the
 * 5-point Laplacian of {@code PEER_CG_N} unknowns; seconds per iteration (184 N bytes);</li>
 * <li>{@code matmult}: {@code MatMult} with the same matrix (80 N bytes);</li>
 * <li>{@code axpy}, {@code dot}: {@code VecAXPY} / {@code VecDot} on wrapped Java buffers (note {@code wrapped}, with
 * automatic state tracking), on wrapped float64 {@code DistArray}s (note {@code on_DistArray}) and on
 * PETSc-allocated vectors (note {@code petsc_alloc}), {@code PEER_N} entries;</li>
 * <li>{@code wrap}: {@code PetscVec.wrap} + {@code close} of Java buffers of 2^10 .. {@code PEER_N} doubles;</li>
 * <li>{@code baseline}: MPI and PETSc initialised, nothing else (the JVM's own memory, for the RSS comparison).</li>
 * </ul>
 * Each run ends with one {@code RSS impl=jdistarray ... vmhwm_mb=<max over ranks>} line (peak resident memory).
 */
public final class PetscBenchmark {
    private static final String IMPL = "jdistarray";

    private PetscBenchmark() {
    }

    public static void main(String[] args) {
        int n = env("PEER_N", 1 << 25);
        int reps = env("PEER_REPS", 10);
        String[] ops = args.length > 0 ? args : new String[] {"cg", "matmult", "axpy", "dot", "wrap"};
        try (MpiSession mpi = MpiSession.init(); PetscSession petsc = PetscSession.init(mpi.world())) {
            Communicator comm = mpi.world();
            for (String op : ops) {
                switch (op) {
                    case "cg" -> cg(comm, env("PEER_CG_N", n), env("PEER_CG_ITERS", 50), env("PEER_CG_REPS", 5));
                    case "matmult" -> matmult(comm, env("PEER_CG_N", n), reps);
                    case "axpy", "dot" -> vectorOps(comm, op, n, reps);
                    case "wrap" -> wrap(comm, n, reps);
                    case "assembly" -> assembly(comm, env("PEER_CG_N", n), Math.min(reps, 5));
                    case "baseline" -> comm.barrier();
                    default -> throw new IllegalArgumentException("unknown op " + op);
                }
            }
            double rss = Collectives.max(comm, peakRssMb());
            if (comm.rank() == 0) {
                System.out.printf(Locale.ROOT, "RSS impl=%s ops=%s ranks=%d vmhwm_mb=%.1f%n", IMPL, String.join(",", ops),
                        comm.size(), rss);
            }
        }
    }

    /**
     * The 5-point Laplacian of the ny x nx grid of {@code n} unknowns (as petsc4py_bench.py), row blocks: by default
     * streamed row by row into PETSc ({@code PetscMat.laplacian} over a row-block distribution, like the C twin's
     * row-by-row assembly, no Java garbage); with {@code -Djdistarray.bench.assembly=chunks} from chunks of
     * {@code jdistarray.bench.chunkRows} (16) grid rows ({@code fromRowChunks}, phase 1's path).
     */
    private static PetscMat laplacian(Communicator comm, int n) {
        int k = 31 - Integer.numberOfLeadingZeros(n);
        if (1 << k != n) {
            throw new IllegalArgumentException("sizes must be powers of two: " + n);
        }
        int ny = 1 << (k / 2);
        int nx = n / ny;
        if (!"chunks".equals(System.getProperty("jdistarray.bench.assembly", "stream"))) {
            // rows streamed into PETSc (no Java garbage): the row-block distribution of a DistArray
            Distribution rows = Distribution.builder(comm).shape(ny, nx).grid(comm.size(), 1).build();
            return PetscMat.laplacian(Stencil.FIVE_POINT_2D, GlobalNumbering.of(rows), 1.0);
        }
        return laplacianChunks(comm, n);
    }

    private static PetscMat laplacianChunks(Communicator comm, int n) {
        int k = 31 - Integer.numberOfLeadingZeros(n);
        int ny = 1 << (k / 2);
        int nx = n / ny;
        BlockNumbering grid = BlockNumbering.rowBlocks(new int[] {ny, nx}, comm.size());
        int[] lo = grid.lo(comm.rank());
        int[] hi = grid.hi(comm.rank());
        int per = Integer.getInteger("jdistarray.bench.chunkRows", 16);
        int chunks = (hi[0] - lo[0] + per - 1) / per;
        return PetscMat.fromRowChunks(comm, chunks, c -> Stencils.laplacian(Stencil.FIVE_POINT_2D,
                grid, new int[] {lo[0] + c * per, 0}, new int[] {Math.min(hi[0], lo[0] + (c + 1) * per), nx}),
                grid.rowCount(comm.rank()), n);
    }

    private static String grid(int n) {
        int k = 31 - Integer.numberOfLeadingZeros(n);
        int ny = 1 << (k / 2);
        return ny + "x" + (n / ny);
    }

    private static void cg(Communicator comm, int n, int iters, int reps) {
        try (PetscMat A = laplacian(comm, n)) {
            cg(comm, A, n, iters, reps);
        }
    }

    private static void cg(Communicator comm, PetscMat A, int n, int iters, int reps) {
        int m = (int) (A.ownershipRange()[1] - A.ownershipRange()[0]);
        DoubleBuffer xb = DirectBuffers.doubles(m);
        DoubleBuffer bb = DirectBuffers.doubles(m);
        try (PetscVec x = PetscVec.wrap(comm, xb, n);
                PetscVec b = PetscVec.wrap(comm, bb, n);
                Ksp ksp = Ksp.create(comm).operators(A).type(KspType.CG).preconditioner(PcType.NONE)) {
            ksp.normType(KspNormType.NONE).tolerances(0, 0, 1e300, iters).setUp();
            b.set(1.0);
            SolveResult[] last = new SolveResult[1];
            double[] t = time(comm, () -> {
                x.set(0.0);
                last[0] = ksp.solve(b, x);
            }, reps);
            if (last[0].iterations() != iters) {
                throw new IllegalStateException("CG ran " + last[0]);
            }
            report(comm, "cg_lap5_per_iter", n, scale(t, 1.0 / iters), 184.0 * n, reps,
                    "KSPCG_PCNONE_" + iters + "it_" + grid(n) + "_wrapped");
        }
    }

    /** The assembly paths of the same Laplacian: stencil rows, CSR call, row by row, chunked (stencil included). */
    private static void assembly(Communicator comm, int n, int reps) {
        int k = 31 - Integer.numberOfLeadingZeros(n);
        int ny = 1 << (k / 2);
        int nx = n / ny;
        BlockNumbering grid = BlockNumbering.rowBlocks(new int[] {ny, nx}, comm.size());
        int[] lo = grid.lo(comm.rank());
        int[] hi = grid.hi(comm.rank());
        CsrRows[] rows = new CsrRows[1];
        report(comm, "assemble", n, time(comm, () -> rows[0] = Stencils.laplacian(
                Stencil.FIVE_POINT_2D, grid, lo, hi), reps), 0, reps, "StencilBuilder_rows_only");
        int m = rows[0].rowCount();
        report(comm, "assemble", n, time(comm, () -> PetscMat.fromCsr(comm, rows[0], m, n, PetscMat.Assembly.CSR).close(),
                reps), 0, reps, "fromCsr_CSR");
        report(comm, "assemble", n, time(comm, () -> PetscMat.fromCsr(comm, rows[0], m, n, PetscMat.Assembly.ROWS).close(),
                reps), 0, reps, "fromCsr_ROWS");
        report(comm, "assemble", n, time(comm, () -> laplacianChunks(comm, n).close(), reps), 0, reps,
                "fromRowChunks_incl_stencil_twice");
        Distribution dist = Distribution.builder(comm).shape(ny, nx).grid(comm.size(), 1).build();
        report(comm, "assemble", n, time(comm, () -> PetscMat.laplacian(Stencil.FIVE_POINT_2D,
                GlobalNumbering.of(dist), 1.0).close(), reps), 0, reps, "laplacian_streamed_incl_numbering");
    }

    private static void matmult(Communicator comm, int n, int reps) {
        try (PetscMat A = laplacian(comm, n); PetscVec x = PetscVec.create(comm, (int) (A.ownershipRange()[1]
                - A.ownershipRange()[0]), n);
                PetscVec y = x.duplicate()) {
            x.set(1.0);
            report(comm, "matmult_lap5", n, time(comm, () -> A.mult(x, y), reps), 80.0 * n, reps,
                    "MatMult_AIJ_" + grid(n));
        }
    }

    private static void vectorOps(Communicator comm, String op, int n, int reps) {
        int local = n / comm.size() + (comm.rank() < n % comm.size() ? 1 : 0);
        DoubleBuffer xb = DirectBuffers.doubles(local);
        DoubleBuffer yb = DirectBuffers.doubles(local);
        Distribution dist = Distribution.builder(comm).shape(n).build();
        try (DistArray xa = DistArrays.zeros(dist, DType.FLOAT64); DistArray ya = DistArrays.zeros(dist, DType.FLOAT64);
                PetscVec xd = PetscVec.wrap(xa); PetscVec yd = PetscVec.wrap(ya);
                PetscVec xw = PetscVec.wrap(comm, xb, n); PetscVec yw = PetscVec.wrap(comm, yb, n);
                PetscVec xp = PetscVec.create(comm, local, n); PetscVec yp = xp.duplicate()) {
            for (PetscVec[] pair : new PetscVec[][] {{xw, yw}, {xp, yp}, {xd, yd}, {xw, yw}, {xp, yp}, {xd, yd}}) {
                pair[0].set(1.5);
                pair[1].set(2.0);
                PetscVec x = pair[0];
                PetscVec y = pair[1];
                double[] t = op.equals("axpy") ? time(comm, () -> y.axpy(0.5, x), reps)
                        : time(comm, () -> y.dot(x), reps);
                report(comm, op, n, t, (op.equals("axpy") ? 24.0 : 16.0) * n, reps,
                        (op.equals("axpy") ? "VecAXPY_" : "VecDot_") + (x == xd ? "on_DistArray" : x.isWrapped() ? "wrapped" : "petsc_alloc"));
            }
        }
    }

    private static void wrap(Communicator comm, int maxN, int reps) {
        for (int n = 1 << 10; n <= maxN; n <<= 3) {
            int local = n / comm.size();
            DoubleBuffer b = DirectBuffers.doubles(local);
            long global = (long) local * comm.size();
            double[] t = time(comm, () -> PetscVec.wrap(comm, b, global).close(), Math.max(reps, 20));
            report(comm, "wrap", (int) global, t, 0, Math.max(reps, 20), "PetscVec.wrap+close");
        }
    }

    /** {median, min} over reps of the slowest rank's time, after one warm-up. */
    private static double[] time(Communicator comm, Runnable body, int reps) {
        body.run();
        double[] t = new double[reps];
        for (int r = 0; r < reps; r++) {
            comm.barrier();
            long t0 = System.nanoTime();
            body.run();
            t[r] = Collectives.max(comm, (System.nanoTime() - t0) * 1e-9);
        }
        Arrays.sort(t);
        double median = reps % 2 == 1 ? t[reps / 2] : 0.5 * (t[reps / 2 - 1] + t[reps / 2]);
        return new double[] {median, t[0]};
    }

    private static double[] scale(double[] t, double f) {
        return new double[] {t[0] * f, t[1] * f};
    }

    private static void report(Communicator comm, String op, long n, double[] t, double bytes, int reps, String note) {
        if (comm.rank() == 0) {
            String gbs = bytes > 0 ? String.format(Locale.ROOT, "%.2f", bytes / t[0] / 1e9) : "-";
            System.out.printf(Locale.ROOT, "PEER impl=%s op=%s ranks=%d N=%d seconds=%.6g gbs=%s reps=%d min=%.6g note=%s%n",
                    IMPL, op, comm.size(), n, t[0], gbs, reps, t[1], note);
            System.out.flush();
        }
    }

    /** VmHWM of /proc/self/status in MB (0 if unavailable). */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static int env(String name, int dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : Integer.parseInt(v.trim());
    }
}

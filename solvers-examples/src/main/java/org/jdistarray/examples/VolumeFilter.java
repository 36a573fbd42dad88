package org.jdistarray.examples;

import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.DistributionBuilder;
import org.jdistarray.dist.Redistribution;
import org.jdistarray.io.ArrayIO;
import org.jdistarray.io.Hdf5Mode;
import org.jdistarray.ops.Np;
import org.jdistarray.plot.Plots;
import org.jdistarray.protocol.DType;
import org.jdistarray.random.Generator;

/**
 * A 3-D volume read from HDF5 in slabs (axis 0 in blocks, the way a file is cut), redistributed to pencils along the
 * filter axis (that axis whole on every rank, the two others in blocks), smoothed along it by a binomial filter of
 * radius r — each rank's lines are whole, so the filter is a plain local loop, no ghost cells — and written back into
 * the same file as a second dataset. The pattern of every separable filter, FFT or line solve of a distributed volume.
 *
 * <pre>java -cp ... org.jdistarray.examples.VolumeFilter [NZ=64] [NY=64] [NX=64] [axis=2] [radius=2] [ranks=4]
 *     [file=volume.h5] [in=/volume] [out=/filtered] [plan=plan.png] [mpi=false]</pre>
 *
 * When {@code file} has no dataset {@code in}, the example first writes one (a smooth field plus NumPy-Philox
 * Gaussian noise, {@link Hdf5Mode#TRUNCATE}). The output dataset replaces nothing: an existing {@code out} in the
 * file is an error ({@link Hdf5Mode#APPEND}). Runs on {@code ranks} thread ranks, or under {@code mpirun} with
 * {@code mpi=true}; prints one line of timings (slowest rank): read, plan, redistribute, filter, write. With
 * {@code plan=}, draws the redistribution plan ({@link Plots#redistribution}).
 */
public final class VolumeFilter {
    private VolumeFilter() {
    }

    /**
     * What one run did: shape, axis, radius, rank count, the seconds of each phase (slowest rank), the bytes the
     * redistribution sent (all ranks), and the sums of the volume before and after (equal up to the edges' weight).
     */
    public record Result(long[] shape, int axis, int radius, int ranks, double readSeconds, double planSeconds,
            double redistributeSeconds, double filterSeconds, double writeSeconds, long bytesMoved, double sumIn,
            double sumOut) {
        /** The line {@link #main} prints. */
        public String line(Path file, String out) {
            return String.format(Locale.ROOT, "VOLUME %dx%dx%d ranks=%d axis=%d radius=%d read=%.3fs plan=%.3fs "
                    + "redistribute=%.3fs (%.1f MiB moved) filter=%.3fs write=%.3fs sum_in=%.6g sum_out=%.6g wrote %s:%s",
                    shape[0], shape[1], shape[2], ranks, axis, radius, readSeconds, planSeconds, redistributeSeconds,
                    bytesMoved / 1048576.0, filterSeconds, writeSeconds, sumIn, sumOut, file, out);
        }
    }

    /** <b>Not collective.</b> The binomial weights {@code C(2r, r+k) / 4^r}, {@code k = -r..r} (they sum to 1). */
    public static double[] binomial(int radius) {
        if (radius < 0 || radius > 30) {
            throw new IllegalArgumentException("radius must be in [0, 30], got " + radius);
        }
        double[] w = new double[2 * radius + 1];
        w[0] = 1;
        for (int i = 1; i < w.length; i++) {
            w[i] = w[i - 1] * (w.length - i) / i;          // C(2r, i)
        }
        double scale = Math.pow(4, radius);
        for (int i = 0; i < w.length; i++) {
            w[i] /= scale;
        }
        return w;
    }

    /**
     * <b>Collective.</b> The slab layout the file is read in: axis 0 in blocks over {@code comm}, the others whole.
     */
    public static Distribution slabs(Communicator comm, long... shape) {
        return Distribution.builder(comm).shape(shape).block(0).undistributed(1).undistributed(2).build();
    }

    /**
     * <b>Collective.</b> The pencil layout for a filter along {@code axis}: that axis whole on every rank, the two
     * others in blocks over a 2-D process grid ({@code MPI_Dims_create}'s choice).
     */
    public static Distribution pencils(Communicator comm, int axis, long... shape) {
        DistributionBuilder b = Distribution.builder(comm).shape(shape);
        for (int k = 0; k < shape.length; k++) {
            if (k == axis) {
                b.undistributed(k);
            } else {
                b.block(k);
            }
        }
        return b.build();
    }

    /**
     * <b>Not collective.</b> Filters this rank's block of {@code pencils} (float64, C order, no padding, {@code axis}
     * undistributed so every line along it is whole here) with the weights {@code w} (odd length, centred) into the
     * block of {@code out} (the same distribution): scipy.ndimage's {@code correlate1d(a, w, axis, mode='nearest')}:
     * beyond the ends the edge value repeats.
     */
    public static void filterLocal(DistArray pencils, DistArray out, int axis, double[] w) {
        if (pencils.distribution().isPadded() || pencils.dtype() != DType.FLOAT64 || out.dtype() != DType.FLOAT64
                || !out.distribution().equals(pencils.distribution())) {
            throw new IllegalArgumentException("filterLocal needs two unpadded float64 arrays of one distribution");
        }
        long[] s = pencils.local().shape();
        long n = pencils.shape()[axis];
        if (s[axis] != n) {
            throw new IllegalArgumentException("axis " + axis + " must be undistributed (whole on every rank): "
                    + pencils.distribution());
        }
        long outer = 1;
        for (int k = 0; k < axis; k++) {
            outer *= s[k];
        }
        long inner = 1;
        for (int k = axis + 1; k < s.length; k++) {
            inner *= s[k];
        }
        DoubleBuffer in = pencils.local().asDoubles();
        DoubleBuffer o = out.local().asDoubles();
        int r = w.length / 2;
        for (long p = 0; p < outer; p++) {
            for (long q = 0; q < inner; q++) {
                long base = p * n * inner + q;
                for (long k = 0; k < n; k++) {
                    double acc = 0;
                    for (int j = -r; j <= r; j++) {
                        long at = Math.min(n - 1, Math.max(0, k + j));
                        acc += w[j + r] * in.get((int) (base + at * inner));
                    }
                    o.put((int) (base + k * inner), acc);
                }
            }
        }
    }

    /**
     * <b>Not collective.</b> The same filter over a whole C-order volume held in one Java array (the serial
     * reference of the tests), the same arithmetic in the same order.
     */
    public static double[] filterSerial(double[] a, long[] shape, int axis, double[] w) {
        long outer = 1;
        for (int k = 0; k < axis; k++) {
            outer *= shape[k];
        }
        long inner = 1;
        for (int k = axis + 1; k < shape.length; k++) {
            inner *= shape[k];
        }
        long n = shape[axis];
        int r = w.length / 2;
        double[] o = new double[a.length];
        for (long p = 0; p < outer; p++) {
            for (long q = 0; q < inner; q++) {
                long base = p * n * inner + q;
                for (long k = 0; k < n; k++) {
                    double acc = 0;
                    for (int j = -r; j <= r; j++) {
                        long at = Math.min(n - 1, Math.max(0, k + j));
                        acc += w[j + r] * a[(int) (base + at * inner)];
                    }
                    o[(int) (base + k * inner)] = acc;
                }
            }
        }
        return o;
    }

    /**
     * <b>Collective.</b> Writes the example's input volume to {@code file} (replacing the file): a smooth field
     * {@code sin(2 pi z/NZ) cos(2 pi y/NY) + x/NX} plus 0.1 times standard normal noise from NumPy's Philox stream
     * (seed 2026: the same volume for any rank count).
     */
    public static void writeInput(Communicator comm, Path file, String dataset, long nz, long ny, long nx) {
        Distribution d = slabs(comm, nz, ny, nx);
        try (DistArray smooth = DistArrays.fromFunction(d, DType.FLOAT64,
                g -> Math.sin(2 * Math.PI * g[0] / nz) * Math.cos(2 * Math.PI * g[1] / ny) + (double) g[2] / nx);
                DistArray noise = Generator.philox(2026).normal(d, 0.0, 0.1);
                DistArray v = Np.add(smooth, noise)) {
            ArrayIO.saveHdf5(file, dataset, v, Hdf5Mode.TRUNCATE);
        }
    }

    /**
     * <b>Collective.</b> Reads {@code in} from {@code file} in slabs, redistributes it to pencils along {@code axis},
     * filters it there with {@link #binomial}{@code (radius)}, and appends it to the file as {@code out}.
     */
    public static Result run(Communicator comm, Path file, String in, String out, int axis, int radius) {
        return run(comm, file, in, out, axis, radius, null);
    }

    /**
     * <b>Collective.</b> {@link #run(Communicator, Path, String, String, int, int)}, and when {@code planPicture} is
     * not null rank 0 writes there the picture of the slab-to-pencil plan ({@link Plots#redistribution}: who sends
     * how much to whom; {@code .png} or {@code .svg}).
     */
    public static Result run(Communicator comm, Path file, String in, String out, int axis, int radius,
            Path planPicture) {
        double[] w = binomial(radius);
        long[] shape = ArrayIO.listHdf5(file).stream().filter(i -> i.path().equals(in.startsWith("/") ? in : "/" + in))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(file + " has no dataset " + in)).shape();
        if (shape.length != 3 || axis < 0 || axis > 2) {
            throw new IllegalArgumentException("a 3-D volume and an axis in 0..2 are needed, got shape "
                    + java.util.Arrays.toString(shape) + " and axis " + axis);
        }
        comm.barrier();
        long t0 = System.nanoTime();
        DistArray slab = ArrayIO.loadHdf5(file, in, slabs(comm, shape));
        if (slab.dtype() != DType.FLOAT64) {
            DistArray f = slab.astype(DType.FLOAT64);
            slab.close();
            slab = f;
        }
        double read = Collectives.max(comm, (System.nanoTime() - t0) * 1e-9);
        try (DistArray a = slab) {
            long t1 = System.nanoTime();
            Redistribution plan = Redistribution.plan(a.distribution(), pencils(comm, axis, shape));
            double planS = Collectives.max(comm, (System.nanoTime() - t1) * 1e-9);
            if (planPicture != null && comm.rank() == 0) {       // not collective: the plan knows every rank's counts
                Plots.redistribution(plan, "slabs to pencils along axis " + axis).write(planPicture);
            }
            long t2 = System.nanoTime();
            try (DistArray p = a.redistribute(plan); DistArray f = DistArrays.emptyLike(p)) {
                double redist = Collectives.max(comm, (System.nanoTime() - t2) * 1e-9);
                long t3 = System.nanoTime();
                filterLocal(p, f, axis, w);
                double filter = Collectives.max(comm, (System.nanoTime() - t3) * 1e-9);
                long t4 = System.nanoTime();
                ArrayIO.saveHdf5(file, out, f, Hdf5Mode.APPEND);
                double write = Collectives.max(comm, (System.nanoTime() - t4) * 1e-9);
                long moved = Collectives.sum(comm, plan.bytesSent(comm.rank(), 8));
                double sumIn;
                double sumOut;
                try (DistArray s0 = Np.sum(a); DistArray s1 = Np.sum(f)) {
                    sumIn = s0.item();
                    sumOut = s1.item();
                }
                return new Result(shape, axis, radius, comm.size(), read, planS, redist, filter, write, moved, sumIn,
                        sumOut);
            }
        }
    }

    public static void main(String[] args) {
        long nz = 64;
        long ny = 64;
        long nx = 64;
        int axis = 2;
        int radius = 2;
        int ranks = 4;
        boolean mpi = false;
        Path file = Path.of("volume.h5");
        String in = "/volume";
        String out = "/filtered";
        Path plan = null;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("arguments are key=value, got " + a);
            }
            switch (kv[0]) {
                case "NZ" -> nz = Long.parseLong(kv[1]);
                case "NY" -> ny = Long.parseLong(kv[1]);
                case "NX" -> nx = Long.parseLong(kv[1]);
                case "axis" -> axis = Integer.parseInt(kv[1]);
                case "radius" -> radius = Integer.parseInt(kv[1]);
                case "ranks" -> ranks = Integer.parseInt(kv[1]);
                case "mpi" -> mpi = Boolean.parseBoolean(kv[1]);
                case "file" -> file = Path.of(kv[1]);
                case "in" -> in = kv[1];
                case "out" -> out = kv[1];
                case "plan" -> plan = Path.of(kv[1]).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown argument " + a
                        + " (NZ=, NY=, NX=, axis=, radius=, ranks=, file=, in=, out=, plan=, mpi=)");
            }
        }
        Path f = file.toAbsolutePath();
        String fin = in.startsWith("/") ? in : "/" + in;
        String fout = out;
        int fa = axis;
        int fr = radius;
        long[] size = {nz, ny, nx};
        Path fp = plan;
        if (mpi) {
            try (var session = org.jdistarray.comm.mpi.MpiSession.init()) {
                go(session.world(), f, fin, fout, fa, fr, size, fp);
            }
        } else {
            LocalCluster.run(ranks, Duration.ofMinutes(10), comm -> go(comm, f, fin, fout, fa, fr, size, fp));
        }
    }

    private static void go(Communicator comm, Path file, String in, String out, int axis, int radius, long[] size,
            Path plan) {
        long missing = 0;                                        // rank 0 looks, every rank agrees
        String problem = null;
        if (comm.rank() == 0) {
            try {
                missing = !Files.exists(file) || ArrayIO.listHdf5(file).stream().noneMatch(i -> i.path().equals(in))
                        ? 1 : 0;
            } catch (RuntimeException e) {
                missing = 2;
                problem = e.getMessage();
            }
        }
        missing = Collectives.broadcast(comm, missing, 0);
        if (missing == 2) {                                      // a file that is not HDF5: an error on every rank
            throw new IllegalArgumentException(file + " exists but cannot be read as HDF5"
                    + (problem == null ? "" : ": " + problem));
        }
        if (missing == 1) {
            long t = System.nanoTime();
            writeInput(comm, file, in, size[0], size[1], size[2]);
            double s = Collectives.max(comm, (System.nanoTime() - t) * 1e-9);
            if (comm.rank() == 0) {
                System.out.printf(Locale.ROOT, "VOLUME wrote the input %s:%s %s in %.3fs%n", file, in,
                        List.of(size[0], size[1], size[2]), s);
            }
        }
        Result r = run(comm, file, in, out, axis, radius, plan);
        if (comm.rank() == 0) {
            System.out.println(r.line(file, out) + (plan == null ? "" : " and the plan's picture " + plan));
        }
    }
}

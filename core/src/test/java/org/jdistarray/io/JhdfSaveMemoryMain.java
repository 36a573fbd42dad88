package org.jdistarray.io;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * Run by {@link JhdfSaveMemoryTest} in a JVM with a 64 MiB heap: 2 thread ranks save a 1-D float64 array of
 * {@code args[1]} MiB (so one block is half of it) with the jHDF engine, and the process's peak resident memory
 * ({@code VmHWM}) is read before and after the save; then the file is read back and checked. {@code args[2]} is
 * what is measured: {@code contiguous} (the default), {@code gzip} (a chunked, compressed dataset) or {@code append}
 * (the array is saved first, and the save measured is the append of a second dataset, which copies the first).
 * Prints {@code OK block B grew G file F} (bytes).
 */
public final class JhdfSaveMemoryMain {
    private JhdfSaveMemoryMain() {
    }

    static long peakResident() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/self/status");
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long n = (Long.parseLong(args[1]) << 20) / 8;
        String what = args.length > 2 ? args[2] : "contiguous";
        Hdf5Options jhdf = Hdf5Options.defaults().engine(Hdf5Engine.JHDF);
        Hdf5Options options = what.equals("gzip") ? jhdf.gzip(1) : jhdf;
        long[] peaks = new long[2];
        boolean[] ok = {true};
        LocalCluster.run(2, java.time.Duration.ofMinutes(10), comm -> {
            Distribution d = Distribution.builder(comm).shape(n).build();
            try (DistArray a = DistArrays.arange(d, 0, 1, DType.FLOAT64)) { // every page touched
                if (what.equals("append")) {
                    ArrayIO.saveHdf5(file, "/x", a, Hdf5Mode.TRUNCATE, jhdf);
                }
                comm.barrier();
                if (comm.rank() == 0) {
                    peaks[0] = peakResident();
                }
                comm.barrier();
                if (what.equals("append")) {
                    ArrayIO.saveHdf5(file, "/y", a, Hdf5Mode.APPEND, jhdf.chunks(1 << 17).gzip(1));
                } else {
                    ArrayIO.saveHdf5(file, "/x", a, Hdf5Mode.TRUNCATE, options);
                }
                comm.barrier();
                if (comm.rank() == 0) {
                    peaks[1] = peakResident();
                }
            }
            for (String ds : what.equals("append") ? new String[] {"/x", "/y"} : new String[] {"/x"}) {
                try (DistArray b = ArrayIO.loadHdf5(file, ds, Distribution.builder(comm).shape(n).build())) {
                    long first = comm.rank() * (n / 2);
                    for (long k = 0; k < b.local().elementCount(); k += 4099) {
                        if (b.local().getDouble(k) != first + k) {
                            ok[0] = false;
                        }
                    }
                }
            }
        });
        if (!ok[0]) {
            System.out.println("FAILED: wrong values read back");
            System.exit(1);
        }
        System.out.println("OK block " + n * 8 / 2 + " grew " + (peaks[1] - peaks[0]) + " file " + Files.size(file));
    }
}

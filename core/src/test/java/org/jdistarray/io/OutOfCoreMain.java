package org.jdistarray.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.jdistarray.array.DistArray;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.ops.Np;
import org.jdistarray.protocol.DType;

/**
 * Run by {@link OutOfCoreTest} in a JVM whose heap and direct-memory limits are smaller than the file: a float64
 * array of {@code args[1]} MiB memory-mapped from a new {@code .npy} file on 2 thread ranks, filled, updated in place
 * and summed through the ordinary operations, then mapped again read-only and summed; prints {@code OK ...}.
 */
public final class OutOfCoreMain {
    private OutOfCoreMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long mib = Long.parseLong(args[1]);
        long cols = 4096;
        long rows = (mib << 20) / 8 / cols;
        double[] sums = new double[2];
        LocalCluster.run(2, java.time.Duration.ofMinutes(10), comm -> {
            Distribution d = Distribution.builder(comm).shape(rows, cols).build();
            DistArray a = ArrayIO.memmapNpy(file, d, NpyMapMode.CREATE, DType.FLOAT64);
            a.fill(1.0);
            a.addInPlace(0.5);
            a.multiplyInPlace(2.0); // 3.0 everywhere
            if (comm.rank() == 0) {
                a.local().setDoubleAt(10.0, 0, 0); // +7
            }
            try (DistArray s = Np.sum(a)) {
                if (comm.rank() == 0) {
                    sums[0] = s.item();
                }
            }
            a.close();
            comm.barrier();
            DistArray b = ArrayIO.memmapNpy(file, Distribution.builder(comm).shape(rows, cols).build(),
                    NpyMapMode.READ_ONLY);
            try (DistArray s = Np.sum(b)) {
                if (comm.rank() == 0) {
                    sums[1] = s.item();
                }
            }
            b.close();
        });
        double expected = 3.0 * rows * cols + 7.0;
        NpyHeader h = ArrayIO.readNpyHeader(file);
        ByteBuffer last = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.read(last, h.dataOffset());
            last.putDouble(8, 0);
            ByteBuffer end = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(end, ch.size() - 8);
            last.putDouble(8, end.getDouble(0));
        }
        long max = Runtime.getRuntime().maxMemory();
        if (sums[0] != expected || sums[1] != expected || last.getDouble(0) != 10.0 || last.getDouble(8) != 3.0) {
            System.out.println("FAILED sums " + sums[0] + " " + sums[1] + " expected " + expected + ", first "
                    + last.getDouble(0) + ", last " + last.getDouble(8));
            System.exit(1);
        }
        System.out.println("OK file " + java.nio.file.Files.size(file) + " bytes, heap limit " + max + " bytes, sum "
                + sums[0]);
    }
}

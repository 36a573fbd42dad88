package org.jdistarray.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jdistarray.array.Cases;
import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.LocalBlock;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/** Helpers of the I/O tests: a directory every rank sees, reference arrays, a serial reader of whole files. */
final class IoTesting {
    private IoTesting() {
    }

    /** Every distribution of {@link Cases#all()} plus replicated and 0-d ones. */
    static List<Cases.Case> cases() {
        List<Cases.Case> c = new ArrayList<>(Cases.all());
        c.add(new Cases.Case("replicated2d", comm -> Distribution.builder(comm).shape(3, 4).undistributed(0)
                .undistributed(1).build()));
        c.add(new Cases.Case("zeroD", comm -> Distribution.builder(comm).shape().build()));
        c.add(new Cases.Case("zeroDonLast", comm -> Distribution.builder(comm).shape().onRank(comm.size() - 1).build()));
        c.add(new Cases.Case("onRank0", comm -> Distribution.builder(comm).shape(3, 4).onRank(0).build()));
        c.add(new Cases.Case("periodicPadded1d", comm -> Distribution.builder(comm).shape(3L * comm.size() + 2)
                .padding(0, 1, 1).periodic(0).build()));
        return c;
    }

    /** A directory made by rank 0, the same path on every rank (one shared file system). */
    static Path sharedDir(Communicator comm) throws IOException {
        byte[] mine = comm.rank() == 0 ? Files.createTempDirectory("jdistarray-io").toString()
                .getBytes(StandardCharsets.UTF_8) : new byte[0];
        byte[][] all = Collectives.allGather(comm, mine);
        return Path.of(new String(all[0], StandardCharsets.UTF_8));
    }

    /** The reference array ({@link Cases#valueAs}) on {@code dist}. */
    static DistArray reference(Distribution dist, DType dtype) {
        long[] shape = dist.shape();
        return DistArrays.fromFunction(dist, dtype, g -> Cases.valueAs(Cases.flat(shape, g), dtype));
    }

    /** Checks every cell of the local block, padding included, against the reference of its global index. */
    static void assertHoldsReference(DistArray a, DType dtype, String what) {
        LocalBlock b = a.local();
        if (a.distribution().localMap().holdsNothing()) {
            return;
        }
        long[] shape = a.shape();
        long[] local = b.shape();
        long n = b.elementCount();
        long[] idx = new long[local.length];
        for (long k = 0; k < n; k++) {
            long rest = k;
            for (int i = local.length - 1; i >= 0; i--) {
                idx[i] = rest % local[i];
                rest /= local[i];
            }
            long[] g = b.globalFromLocal(idx);
            assertEquals(Cases.valueAs(Cases.flat(shape, g), dtype), b.getDoubleAt(idx), what + ": local "
                    + java.util.Arrays.toString(idx) + " = global " + java.util.Arrays.toString(g));
        }
    }

    /** Checks that two arrays of one distribution hold the same cells, padding included. */
    static void assertSameCells(DistArray a, DistArray b, String what) {
        LocalBlock x = a.local();
        LocalBlock y = b.local();
        assertEquals(x.elementCount(), y.elementCount(), what);
        for (long k = 0; k < x.elementCount(); k++) {
            assertEquals(x.getDouble(k), y.getDouble(k), what + ": local offset " + k);
        }
    }

    /** The values of a whole little-endian C-order .npy file, read serially (the test's oracle reader). */
    static double[] readWhole(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        NpyHeader h = NpyHeader.parse(bytes, bytes.length, file.toString());
        ByteBuffer b = ByteBuffer.wrap(bytes).order(h.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[(int) h.elementCount()];
        int item = h.dtype().itemSize();
        for (int i = 0; i < out.length; i++) {
            out[i] = element(b, (int) h.dataOffset() + i * item, h.dtype());
        }
        return out;
    }

    static double element(ByteBuffer b, int p, DType t) {
        return switch (t) {
            case FLOAT64 -> b.getDouble(p);
            case FLOAT32 -> b.getFloat(p);
            case INT64, UINT64 -> b.getLong(p);
            case INT32 -> b.getInt(p);
            case UINT32 -> b.getInt(p) & 0xffffffffL;
            case INT16 -> b.getShort(p);
            case UINT16 -> b.getShort(p) & 0xffff;
            case INT8 -> b.get(p);
            case UINT8, BOOL -> b.get(p) & 0xff;
        };
    }
}

package org.jdistarray.io;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.CommContext;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/** {@link ArrayIO#memmapNpy}: local blocks as memory-mapped runs of one {@code .npy} file. */
final class NpyMemmap {
    private NpyMemmap() {
    }

    static DistArray map(Path path, Distribution dist, NpyMapMode mode, DType dtype) {
        if (path == null || dist == null || mode == null) {
            throw new IllegalArgumentException("memmapNpy: the path, the distribution and the mode are required");
        }
        CommContext ctx = dist.context();
        ctx.verify("memmapNpy", 0, ArrayIO.nameHash(path), mode.ordinal());
        Communicator lib = ctx.comm();
        String name = path.toString();
        if (mode == NpyMapMode.CREATE) {
            IoAgreement.agree(lib, name, () -> {
                if (dtype == null) {
                    throw new IllegalArgumentException("memmapNpy: a new file (CREATE) needs a dtype");
                }
                if (lib.rank() == 0) {
                    byte[] header = NpyHeader.encode(dtype, dist.shape());
                    try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
                        f.setLength(0);
                        f.write(header);
                        f.setLength(header.length + dist.globalSize() * dtype.itemSize()); // zeros, sparse
                    }
                }
                return null;
            });
        }
        Object[] mapped = IoAgreement.agree(lib, name, () -> {
            NpyHeader h = ArrayIO.readNpyHeader(path);
            if (!Arrays.equals(h.shape(), dist.shape())) {
                throw new ArrayFileException(name + ": the file holds an array of shape "
                        + NpyHeader.shapeString(h.shape()) + ", the distribution has shape "
                        + NpyHeader.shapeString(dist.shape()));
            }
            if (dtype != null && h.dtype() != dtype) {
                throw new ArrayFileException(name + ": the file holds dtype " + h.dtype().numpyName() + ", "
                        + dtype.numpyName() + " was asked for");
            }
            if (h.bigEndian() || h.fortranOrder()) {
                throw new ArrayFileException(name + ": memmapNpy maps little-endian C-order files only, this one is "
                        + (h.bigEndian() ? "big-endian" : "in Fortran order") + " (use loadNpy)");
            }
            long item = h.dtype().itemSize();
            long bytes = dist.localElementCount() * item;
            if (bytes > Integer.MAX_VALUE) {
                throw new ArrayFileException(name + ": rank " + dist.rank() + "'s block of " + bytes + " bytes is more"
                        + " than one mapping holds (2^31 - 1 bytes)");
            }
            long[] run = {-1, -1, 0};
            int[] runs = {0};
            FileRuns.forEach(dist.dimData(), dist.localMap().holdsNothing(), true, 0,
                    strides(dist.localShape()), FileRuns.fileStrides(h.shape(), false), (f, l, n) -> {
                        runs[0]++;
                        run[0] = f;
                        run[1] = l;
                        run[2] = n;
                    });
            if (bytes == 0) {
                return new Object[] {ByteBuffer.allocateDirect(0), h.dtype()};
            }
            if (runs[0] != 1 || run[1] != 0 || run[2] != dist.localElementCount()) {
                throw new ArrayFileException(name + ": rank " + dist.rank() + "'s block is " + runs[0] + " runs of the"
                        + " file, not one contiguous run; memmapNpy needs blocks of whole rows (a block distribution"
                        + " of axis 0, the other axes undistributed): use loadNpy for this distribution");
            }
            boolean write = mode != NpyMapMode.READ_ONLY;
            try (FileChannel ch = write ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(path, StandardOpenOption.READ)) {
                return new Object[] {ch.map(write ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY,
                        h.dataOffset() + run[0] * item, bytes).order(ByteOrder.nativeOrder()), h.dtype()};
            }
        });
        return DistArrays.view(dist, (DType) mapped[1], (ByteBuffer) mapped[0]);
    }

    private static long[] strides(long[] shape) {
        return FileRuns.fileStrides(shape, false);
    }
}

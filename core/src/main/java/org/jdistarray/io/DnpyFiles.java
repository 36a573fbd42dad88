package org.jdistarray.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.LocalBlock;
import org.jdistarray.comm.CommContext;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.ArrayDescriptor;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DimDistribution;
import org.jdistarray.protocol.DistributionException;
import org.jdistarray.protocol.DnpyHeader;
import org.jdistarray.protocol.ProtocolException;
import org.jdistarray.protocol.Undistributed;

/** DistArray 0.5's per-rank {@code .dnpy} files (distarray-0.5.md §11), on top of {@link DnpyHeader}. */
final class DnpyFiles {
    static final byte[] MAGIC = {(byte) 0x93, 'D', 'A', 'R', 'R', 'Y'};

    private DnpyFiles() {
    }

    static Path fileOf(String prefix, int rank) {
        return Path.of(prefix + "_" + rank + ".dnpy");
    }

    static void save(String prefix, DistArray array) {
        if (prefix == null || array == null) {
            throw new IllegalArgumentException("saveDnpy: " + (prefix == null ? "the prefix" : "the array")
                    + " is null");
        }
        Distribution dist = array.distribution();
        CommContext ctx = dist.context();
        ctx.verify("saveDnpy", 0, prefix.hashCode());
        Communicator lib = ctx.comm();
        Path target = fileOf(prefix, lib.rank()).toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        String name = target.toString();
        RuntimeException failure = null;
        try {
            if (dist.localMap().holdsNothing()) {
                throw new IllegalArgumentException("saveDnpy: rank " + lib.rank() + " holds no part of this 0-d array"
                        + " (held on rank " + dist.holder() + "); a .dnpy set needs a block on every rank:"
                        + " use saveNpy");
            }
            writeRank(tmp, dist, array);
        } catch (IOException e) {
            failure = new ArrayFileException(name + ": " + e, e);
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            IoAgreement.agree(lib, failure);
            IoAgreement.agree(lib, name, () -> Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING));
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static void writeRank(Path tmp, Distribution dist, DistArray array) throws IOException {
        byte[] dict = DnpyHeader.encodePadded(DnpyHeader.write(ArrayDescriptor.PROTOCOL_VERSION, dist.dimData()));
        long[] localShape = dist.localShape();
        byte[] npy = NpyHeader.encode(array.dtype(), localShape);
        ByteBuffer head = ByteBuffer.allocate(DnpyHeader.PREAMBLE_LENGTH + dict.length + npy.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        head.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) dict.length).put(dict).put(npy).flip();
        LocalBlock block = array.local();
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            while (head.hasRemaining()) {
                ch.write(head, head.position());
            }
            long data = head.limit();
            long bytes = block.elementCount() * array.dtype().itemSize();
            if (bytes > 0) {
                ch.write(ByteBuffer.allocate(1), data + bytes - 1);
            }
            RunTransfer t = new RunTransfer(ch, true, data, block, tmp.toString());
            FileRuns.forEach(whole(localShape), false, false, block.offset(), block.strides(),
                    FileRuns.fileStrides(localShape, false), t);
            t.flush();
        }
    }

    /** The whole local block as undistributed axes (every local index "owned"). */
    private static List<DimDistribution> whole(long[] shape) {
        List<DimDistribution> dims = new ArrayList<>();
        for (long s : shape) {
            dims.add(new Undistributed(s));
        }
        return dims;
    }

    static DistArray load(Communicator comm, String prefix) {
        if (comm == null || prefix == null) {
            throw new IllegalArgumentException("loadDnpy: " + (comm == null ? "the communicator" : "the prefix")
                    + " is null");
        }
        CommContext ctx = CommContext.of(comm);
        ctx.verify("loadDnpy", 0, prefix.hashCode());
        Communicator lib = ctx.comm();
        Path path = fileOf(prefix, lib.rank());
        String name = path.toString();
        DnpyFileInfo f = IoAgreement.agree(lib, name, () -> readHeader(path));
        int[] types = Collectives.allGather(lib, f.npy().dtype().ordinal());
        for (int r = 0; r < types.length; r++) {
            if (types[r] != types[0]) {
                throw new ArrayFileException(fileOf(prefix, r) + ": dtype " + DType.values()[types[r]].numpyName()
                        + ", but " + fileOf(prefix, 0) + " has " + DType.values()[types[0]].numpyName());
            }
        }
        Distribution dist;
        try {
            dist = Distribution.fromLocalDimData(comm, f.dimData());
        } catch (DistributionException | ProtocolException e) {
            throw new ArrayFileException(prefix + "_*.dnpy: the " + comm.size() + " rank files do not form one"
                    + " distribution: " + e.getMessage(), e);
        }
        DistArray a = DistArrays.empty(dist, f.npy().dtype());
        try {
            IoAgreement.agree(lib, name, () -> {
                LocalBlock block = a.local();
                try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                    long[] shape = f.npy().shape();
                    RunTransfer t = new RunTransfer(ch, false, f.npy().dataOffset(), block, name);
                    FileRuns.forEach(whole(shape), false, false, block.offset(), block.strides(),
                            FileRuns.fileStrides(shape, f.npy().fortranOrder()), t);
                    t.flush();
                }
                if (f.npy().bigEndian()) {
                    RunTransfer.swapBytes(block);
                }
                return null;
            });
            return a;
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
    }

    /**
     * <b>Not collective.</b> Reads and checks one rank file's headers (the {@code .dnpy} dict and the embedded
     * {@code .npy} header).
     *
     * @throws ArrayFileException naming the file and the problem
     */
    static DnpyFileInfo readHeader(Path path) {
        String name = path.toString();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < DnpyHeader.PREAMBLE_LENGTH) {
                throw new ArrayFileException(name + ": not a .dnpy file: " + size + " bytes, shorter than the"
                        + " 10-byte preamble");
            }
            ByteBuffer pre = NpyHeader.readFully(ch, 0, DnpyHeader.PREAMBLE_LENGTH);
            for (int i = 0; i < MAGIC.length; i++) {
                if (pre.get(i) != MAGIC[i]) {
                    throw new ArrayFileException(name + ": not a .dnpy file: the magic string \\x93DARRY is missing");
                }
            }
            if (pre.get(6) != 1 || pre.get(7) != 0) {
                throw new ArrayFileException(name + ": unsupported .dnpy format version " + (pre.get(6) & 0xff) + "."
                        + (pre.get(7) & 0xff) + " (supported: 1.0)");
            }
            int len = pre.getShort(8) & 0xffff;
            if (DnpyHeader.PREAMBLE_LENGTH + (long) len > size) {
                throw new ArrayFileException(name + ": the header length field says " + len + " bytes, but the file"
                        + " has only " + (size - DnpyHeader.PREAMBLE_LENGTH) + " after the preamble");
            }
            ByteBuffer text = NpyHeader.readFully(ch, DnpyHeader.PREAMBLE_LENGTH, len);
            String dict = new String(text.array(), StandardCharsets.ISO_8859_1);
            NpyHeader npy = NpyHeader.read(ch, DnpyHeader.PREAMBLE_LENGTH + len, name + " (embedded .npy)");
            DnpyHeader.ParsedHeader parsed;
            try {
                parsed = DnpyHeader.read(dict, npy.shape());
            } catch (ProtocolException e) {
                throw new ArrayFileException(name + ": corrupt .dnpy header: " + e.getMessage());
            }
            return new DnpyFileInfo(path, parsed.version(), parsed.dimData(), npy);
        } catch (NoSuchFileException e) {
            throw new ArrayFileException(name + ": no such file (a .dnpy set has one file per rank, <prefix>_<rank>"
                    + ".dnpy)");
        } catch (IOException e) {
            throw new ArrayFileException(name + ": " + e, e);
        }
    }
}

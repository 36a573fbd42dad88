package org.jdistarray.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.LocalBlock;
import org.jdistarray.comm.CommContext;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * Parallel reading and writing of distributed arrays in NumPy's {@code .npy} format (one file shared by every rank)
 * and DistArray 0.5's {@code .dnpy} format (one file per rank). Every rank reads and writes only its own elements, at
 * their offsets in the file, with positional I/O of contiguous runs (and memory-mapped windows for runs shorter than
 * 64 KiB); the ranks must see one shared file system. Every method that takes an array or a distribution is
 * <b>collective</b> over its communicator, and any failure (a missing, truncated or corrupt file, another dtype or
 * shape, an I/O error on one rank) is an {@link ArrayFileException} on every rank, naming the file and the problem.
 *
 * <p><b>Atomic saves.</b> {@link #saveNpy} writes a temporary file in the target's directory and renames it over the
 * target only when every rank wrote its part: a failed save leaves the previous file (if any) untouched and no
 * temporary file behind. The save does not {@code fsync}: it is atomic against a failing rank, not a power cut.
 */
public final class ArrayIO {
    /** Test hook: called with the rank after it wrote its runs of a {@code .npy} save, before the agreement. */
    static volatile IntConsumer saveFault;

    private ArrayIO() {
    }

    /**
     * <b>Not collective.</b> The header of a {@code .npy} file (format version, dtype, byte order, order, shape).
     *
     * @throws ArrayFileException if the file is missing, is not a {@code .npy} file or its header is corrupt
     */
    public static NpyHeader readNpyHeader(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return NpyHeader.read(ch, 0, path.toString());
        } catch (NoSuchFileException e) {
            throw new ArrayFileException(path + ": no such file");
        } catch (IOException e) {
            throw new ArrayFileException(path + ": " + e, e);
        }
    }

    /**
     * <b>Collective.</b> NumPy's {@code np.load} of a {@code .npy} file into a new array of the file's dtype with
     * distribution {@code dist}: every rank reads only the cells of its local block (padding cells read the elements
     * they mirror, so no ghost exchange is needed; the file's boundary cells are kept as stored). Reads format versions
     * 1.0, 2.0 and 3.0, little- and
     * big-endian data (converted to native order), C and Fortran order. The caller owns (must close) the result.
     *
     * @throws ArrayFileException on every rank if the file is missing, truncated or corrupt, or its shape is not
     *     {@code dist}'s
     */
    public static DistArray loadNpy(Path path, Distribution dist) {
        return loadNpy(path, dist, null);
    }

    /**
     * <b>Collective.</b> {@link #loadNpy(Path, Distribution)}, requiring the file's dtype to be {@code dtype}.
     *
     * @throws ArrayFileException on every rank also if the file holds another dtype
     */
    public static DistArray loadNpy(Path path, Distribution dist, DType dtype) {
        if (path == null || dist == null) {
            throw new IllegalArgumentException("loadNpy: " + (path == null ? "the path" : "the distribution")
                    + " is null");
        }
        CommContext ctx = dist.context();
        ctx.verify("loadNpy", 0, nameHash(path));
        Communicator lib = ctx.comm();
        String name = path.toString();
        NpyHeader h = IoAgreement.agree(lib, name, () -> {
            NpyHeader header = readNpyHeader(path);
            if (!Arrays.equals(header.shape(), dist.shape())) {
                throw new ArrayFileException(name + ": the file holds an array of shape "
                        + NpyHeader.shapeString(header.shape()) + ", the distribution has shape "
                        + NpyHeader.shapeString(dist.shape()));
            }
            if (dtype != null && header.dtype() != dtype) {
                throw new ArrayFileException(name + ": the file holds dtype " + header.dtype().numpyName() + " ('"
                        + header.descr() + "'), " + dtype.numpyName() + " was asked for");
            }
            return header;
        });
        DistArray a = DistArrays.empty(dist, h.dtype());
        try {
            IoAgreement.agree(lib, name, () -> {
                readOwned(path, name, h, a);
                return null;
            });
            return a;
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
    }

    /**
     * <b>Collective.</b> {@link #loadNpy(Path, Distribution)} into an existing array: its block is overwritten with the
     * file's cells (a time-stepping code re-reading a checkpoint, or any reader that keeps its memory: a new array's
     * fresh pages cost the kernel as much as the read itself). The file's shape and dtype must be {@code out}'s.
     * Returns {@code out}. After a failure {@code out}'s contents are unspecified; no rank keeps a half-read
     * header.
     *
     * @throws ArrayFileException on every rank if the file is missing, truncated or corrupt, or its shape or dtype is
     *     not {@code out}'s
     * @throws IllegalArgumentException on every rank if {@code out} is a slicing view (load into its base, or a copy)
     */
    public static DistArray loadNpy(Path path, DistArray out) {
        if (path == null || out == null) {
            throw new IllegalArgumentException("loadNpy: " + (path == null ? "the path" : "the output array")
                    + " is null");
        }
        Distribution dist = out.distribution();
        CommContext ctx = dist.context();
        ctx.verify("loadNpy(out)", 0, nameHash(path), org.jdistarray.array.internal.ArrayAccess.get().number(out));
        if (out.isView()) {
            throw new IllegalArgumentException("loadNpy: the output array is a slicing view; load into its base array"
                    + " or into a copy");
        }
        Communicator lib = ctx.comm();
        String name = path.toString();
        NpyHeader h = IoAgreement.agree(lib, name, () -> {
            NpyHeader header = readNpyHeader(path);
            if (!Arrays.equals(header.shape(), dist.shape())) {
                throw new ArrayFileException(name + ": the file holds an array of shape "
                        + NpyHeader.shapeString(header.shape()) + ", the output array has shape "
                        + NpyHeader.shapeString(dist.shape()));
            }
            if (header.dtype() != out.dtype()) {
                throw new ArrayFileException(name + ": the file holds dtype " + header.dtype().numpyName() + " ('"
                        + header.descr() + "'), the output array is " + out.dtype().numpyName());
            }
            return header;
        });
        IoAgreement.agree(lib, name, () -> {
            readOwned(path, name, h, out);
            return null;
        });
        return out;
    }

    private static void readOwned(Path path, String name, NpyHeader h, DistArray a) throws IOException {
        Distribution dist = a.distribution();
        LocalBlock block = a.local();
        long mine = block.elementCount() * h.dtype().itemSize();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
                Progress p = Progress.start(dist.context().comm(), "loadNpy " + name, mine, h.dataBytes())) {
            RunTransfer t = new RunTransfer(ch, false, h.dataOffset(), block, name).progress(p);
            FileRuns.forEach(dist.dimData(), dist.localMap().holdsNothing(), true, block.offset(), block.strides(),
                    FileRuns.fileStrides(h.shape(), h.fortranOrder()), t);
            t.flush();
        }
        if (h.bigEndian()) {
            RunTransfer.swapBytes(block);
        }
    }

    /**
     * <b>Collective.</b> NumPy's {@code np.save}: one {@code .npy} file (format 1.0, or 2.0 for a header over 64 KiB;
     * little-endian, C order) written in parallel, rank 0 writing the header and every rank its owned elements at their
     * offsets (a replicated array is written by rank 0 alone). Atomic: written under a temporary name in the same
     * directory and renamed over {@code path} when every rank succeeded; after a failure the previous file is intact
     * and no temporary file is left.
     *
     * @throws ArrayFileException on every rank if some rank could not write
     */
    public static void saveNpy(Path path, DistArray array) {
        if (path == null || array == null) {
            throw new IllegalArgumentException("saveNpy: " + (path == null ? "the path" : "the array") + " is null");
        }
        Distribution dist = array.distribution();
        CommContext ctx = dist.context();
        ctx.verify("saveNpy", 0, nameHash(path));
        Communicator lib = ctx.comm();
        int rank = lib.rank();
        Path target = path.toAbsolutePath();
        String name = path.toString();
        long token = Collectives.broadcast(lib, rank == 0 ? ThreadLocalRandom.current().nextLong() >>> 1 : 0L, 0);
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(token) + ".tmp");
        byte[] header = NpyHeader.encode(array.dtype(), dist.shape());
        long total = header.length + dist.globalSize() * array.dtype().itemSize();
        try {
            IoAgreement.agree(lib, name, () -> {
                if (array.isClosed()) {
                    throw new IllegalStateException("saveNpy: the array is closed");
                }
                if (rank == 0) {
                    createSized(tmp, header, total);
                }
                return null;
            });
            RuntimeException failure = null;
            try {
                if (rank == 0 || !dist.isReplicated()) {
                    writeOwned(tmp, name, header.length, array);
                }
                IntConsumer fault = saveFault;
                if (fault != null) {
                    fault.accept(rank);
                }
            } catch (IOException e) {
                failure = new ArrayFileException(name + ": " + e, e);
            } catch (RuntimeException e) {
                failure = e;
            }
            IoAgreement.agree(lib, failure);
            IoAgreement.agree(lib, name, () -> {
                if (rank == 0) {
                    try {
                        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        throw new ArrayFileException(name + ": the file system cannot rename atomically: " + e);
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            if (rank == 0) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** The temporary file with its header, sized to the whole array (the ranks fill it in). */
    private static void createSized(Path tmp, byte[] header, long total) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(header);
            while (b.hasRemaining()) {
                ch.write(b, b.position());
            }
            if (total > header.length) {
                ch.write(ByteBuffer.allocate(1), total - 1);
            }
        }
    }

    private static void writeOwned(Path tmp, String name, long dataOffset, DistArray array) throws IOException {
        writeOwned(tmp, "saveNpy " + name, name, dataOffset, array);
    }

    /** This rank's owned elements into {@code tmp} at their C-order offsets after {@code dataOffset}. Not collective. */
    static void writeOwned(Path tmp, String label, String name, long dataOffset, DistArray array) throws IOException {
        Distribution dist = array.distribution();
        LocalBlock block = array.local();
        long mine = block.elementCount() * array.dtype().itemSize();
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.READ);
                Progress p = Progress.start(dist.context().comm(), label, mine,
                        dist.globalSize() * array.dtype().itemSize())) {
            RunTransfer t = new RunTransfer(ch, true, dataOffset, block, name).progress(p);
            FileRuns.forEach(dist.dimData(), dist.localMap().holdsNothing(), false, block.offset(), block.strides(),
                    FileRuns.fileStrides(dist.shape(), false), t);
            t.flush();
        }
    }

    /**
     * <b>Collective.</b> DistArray's {@code save_dnpy}: rank {@code r} writes {@code <prefix>_<r>.dnpy} (magic
     * {@code \x93DARRY}, version 1.0, the header dict with this rank's dimension data, then its local block, padding
     * included, as a {@code .npy} stream), byte-compatible with DistArray 0.5; unstructured axes are written with their
     * indices as a list, which DistArray 0.5 itself could not store. Each rank's file is written under a temporary name
     * and renamed when every rank succeeded (each file atomically; the set as a whole is not one atomic step).
     *
     * @throws ArrayFileException on every rank if some rank could not write
     */
    public static void saveDnpy(String prefix, DistArray array) {
        DnpyFiles.save(prefix, array);
    }

    /**
     * <b>Collective.</b> DistArray's {@code load_dnpy}: rank {@code r} reads {@code <prefix>_<r>.dnpy}, and the
     * distribution is rebuilt from every rank's dimension data ({@link Distribution#fromLocalDimData}). The caller owns
     * the result.
     *
     * @throws ArrayFileException on every rank, naming the file, if a rank's file is missing, is not a {@code .dnpy}
     *     file, is corrupt, or the files do not agree (dtypes, shapes, one distribution over {@code comm})
     */
    public static DistArray loadDnpy(Communicator comm, String prefix) {
        return DnpyFiles.load(comm, prefix);
    }

    /**
     * <b>Collective.</b> NumPy's {@code open_memmap}: an array whose local blocks are memory-mapped runs of one
     * {@code .npy} file, so that an array larger than memory is paged in and out by the OS. Possible only where every
     * rank's block (padding included) is one contiguous run of the file: a block distribution of axis 0 with every
     * other axis undistributed, a replicated array, a 0-d array; little-endian, C order; at most 2^31 - 1 bytes per
     * rank. With {@link NpyMapMode#READ_WRITE} and {@link NpyMapMode#CREATE} writes to the array are writes to the
     * shared file (the OS writes them back; other ranks' mappings see them at once, so padding cells alias the
     * neighbours' elements). The mappings live until the array is unreachable; closing it frees nothing. The caller
     * owns (must close) the result.
     *
     * @param dtype the dtype of a new file ({@link NpyMapMode#CREATE}), or {@code null} to take the file's (else it
     *     is checked against the file's)
     * @throws ArrayFileException on every rank if the file is bad, or some rank's block is not one run of the file
     */
    public static DistArray memmapNpy(Path path, Distribution dist, NpyMapMode mode, DType dtype) {
        return NpyMemmap.map(path, dist, mode, dtype);
    }

    /** <b>Collective.</b> {@link #memmapNpy(Path, Distribution, NpyMapMode, DType)} of an existing file. */
    public static DistArray memmapNpy(Path path, Distribution dist, NpyMapMode mode) {
        return NpyMemmap.map(path, dist, mode, null);
    }

    /**
     * <b>Not collective.</b> The headers of one {@code .dnpy} file (the rank's dimension data, dtype and local shape).
     *
     * @throws ArrayFileException naming the file if it is missing, not a {@code .dnpy} file, or corrupt
     */
    public static DnpyFileInfo readDnpyHeader(Path file) {
        return DnpyFiles.readHeader(file);
    }

    /**
     * <b>Not collective.</b> The files of a {@code .dnpy} set that exist: {@code <prefix>_0.dnpy},
     * {@code <prefix>_1.dnpy}, ... up to the first missing rank (an empty list if there is no rank 0 file).
     */
    public static java.util.List<Path> dnpyFiles(String prefix) {
        java.util.List<Path> out = new java.util.ArrayList<>();
        for (int r = 0; Files.isRegularFile(DnpyFiles.fileOf(prefix, r)); r++) {
            out.add(DnpyFiles.fileOf(prefix, r));
        }
        return out;
    }

    // ---- HDF5 --------------------------------------------------------------------------------------------------

    /**
     * <b>Collective.</b> h5py's {@code f[dataset][...]}: a dataset of an HDF5 file as a new array of the dataset's
     * dtype with distribution {@code dist}; every rank reads only the cells of its local block (padding cells read the
     * elements they mirror). Engine {@link Hdf5Engine#AUTO}. Reads contiguous, chunked and compressed (gzip, lzf,
     * shuffle) datasets, little- and big-endian; h5py's bools (an enum) load as {@code bool}. The caller owns the
     * result.
     *
     * @param dataset the dataset's path in the file ({@code "/group/data"}; a leading {@code /} is optional)
     * @throws ArrayFileException on every rank if the file is missing or not HDF5, there is no such dataset, its
     *     dtype is not supported or its shape is not {@code dist}'s
     */
    public static DistArray loadHdf5(Path path, String dataset, Distribution dist) {
        return Hdf5Files.load(path, dataset, dist, null, Hdf5Options.defaults());
    }

    /**
     * <b>Collective.</b> {@link #loadHdf5(Path, String, Distribution)} with a required {@code dtype} (null: the
     * file's) and the engine of {@code options}.
     */
    public static DistArray loadHdf5(Path path, String dataset, Distribution dist, DType dtype,
            Hdf5Options options) {
        return Hdf5Files.load(path, dataset, dist, dtype, options);
    }

    /**
     * <b>Collective.</b> h5py's {@code File(path, mode).create_dataset(dataset, data=array)}: writes the array as a
     * dataset (contiguous, native little-endian; bool as 8-bit unsigned with the attribute
     * {@code jdistarray_dtype="bool"}), with attributes carrying its distribution ({@code jdistarray_dtype},
     * {@code jdistarray_dist} — one letter per axis, {@code jdistarray_grid}, {@code jdistarray_ranks}); groups on
     * the path are created. Engine {@link Hdf5Engine#AUTO}.
     *
     * <p>With the jHDF engine rank 0 writes the file's metadata and every rank its own elements: a contiguous
     * dataset's at their offsets in the file, a chunked or compressed one's into a scratch file beside it, from which
     * rank 0 cuts, filters and writes one chunk at a time; no rank holds more than its own block (plus a window of
     * 16 MiB, and on rank 0 one chunk). Every mode is atomic: the file is written under a temporary name and renamed
     * over {@code path}, so a failed save leaves the previous file intact; {@link Hdf5Mode#APPEND} with jHDF
     * rewrites the previous file's groups, datasets and attributes into the new one (datasets over 8 MiB streamed
     * chunk by chunk or as bytes; the smaller ones, and types it cannot stream, through rank 0's memory, at most a
     * quarter of its heap and 2 GiB together unless {@code -Djdistarray.hdf5.jhdfMaxBytes} says otherwise).
     *
     * @throws ArrayFileException on every rank if the file cannot be written, exists ({@link Hdf5Mode#CREATE}),
     *     already has the dataset ({@link Hdf5Mode#APPEND}) or, in append mode, the previous file's datasets copied
     *     whole are too large for the jHDF engine
     */
    public static void saveHdf5(Path path, String dataset, DistArray array, Hdf5Mode mode) {
        Hdf5Files.save(path, dataset, array, mode, Hdf5Options.defaults());
    }

    /** <b>Collective.</b> {@link #saveHdf5(Path, String, DistArray, Hdf5Mode)} with engine, chunks, gzip. */
    public static void saveHdf5(Path path, String dataset, DistArray array, Hdf5Mode mode, Hdf5Options options) {
        Hdf5Files.save(path, dataset, array, mode, options);
    }

    /**
     * <b>Not collective.</b> Every dataset of an HDF5 file (h5py's {@code visititems}), in the file's order.
     *
     * @throws ArrayFileException if the file is missing, not HDF5 or corrupt
     */
    public static java.util.List<Hdf5DatasetInfo> listHdf5(Path path) {
        return Hdf5Files.list(path);
    }

    static long nameHash(Path path) {
        Path f = path.getFileName();
        return f == null ? 0 : f.toString().hashCode();
    }
}

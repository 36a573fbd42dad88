package org.jdistarray.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.Constants;
import io.jhdf.ObjectHeader;
import io.jhdf.dataset.chunked.Chunk;
import io.jhdf.dataset.chunked.indexing.ChunkImpl;
import io.jhdf.dataset.chunked.indexing.FixedArrayIndexWriter;
import io.jhdf.object.message.AttributeInfoMessage;
import io.jhdf.object.message.AttributeMessage;
import io.jhdf.object.message.DataLayoutMessage.ChunkedDataLayoutMessageV4;
import io.jhdf.object.message.DataSpace;
import io.jhdf.object.message.DataSpaceMessage;
import io.jhdf.object.message.DataTypeMessage;
import io.jhdf.object.message.FillValueMessage;
import io.jhdf.object.message.FilterPipelineMessage;
import io.jhdf.object.message.FilterPipelineMessage.FilterInfo;
import io.jhdf.object.message.Message;
import io.jhdf.storage.HdfFileChannel;

import org.jdistarray.protocol.DType;

/**
 * Writes one HDF5 file with jHDF from rank 0, with bounded memory. jHDF's writer takes whole Java arrays and writes the
 * file when it is closed; here only small datasets go to it that way. The new dataset is either contiguous, with its
 * place reserved ({@link Reserved}) so that every rank writes its own elements there afterwards, or chunked, written
 * by {@link StreamedChunks} one chunk at a time from a {@link ChunkSource} (the ranks' elements in a scratch file).
 * In append mode the previous file's datasets are copied the same way: small or unusual ones (an unsupported dtype,
 * compact or never written) whole, contiguous ones reserved and then copied as bytes in windows, chunked ones chunk by
 * chunk. No dataset larger than {@link #wholeCopyBytes} is in memory at once. Not collective.
 */
final class JhdfWriter {
    /** jHDF's own attribute on the root group (its version); not copied in append mode (it writes its own). */
    private static final String JHDF_ATTR = "_jHDF";
    /**
     * Previous datasets up to this size (decoded bytes) are copied through jHDF's Java arrays, larger ones streamed
     * (8 MiB; a test hook, 0 streams every dataset that can be).
     */
    static volatile long wholeCopyBytes = 8L << 20;
    /** The window of byte copies and the largest slab {@link ScratchChunks} keeps. */
    private static final int WINDOW = 16 << 20;

    private JhdfWriter() {
    }

    /** One chunk of a dataset: its elements in C order within the chunk, in native byte order. */
    @FunctionalInterface
    interface ChunkSource {
        /**
         * Writes the elements of the chunk at {@code offset} (element offsets) into {@code chunk} (the whole chunk,
         * position 0); cells past the dataset's edge are zero when called and stay untouched.
         */
        void fill(long[] offset, ByteBuffer chunk) throws IOException;
    }

    /**
     * Writes {@code tmp}: the groups and datasets of {@code previous} (if not null), then the new dataset: from
     * {@code whole} if that is not null (its C-order native bytes, for a 0-d dataset), chunked from {@code chunks}
     * when the options chunk it (then {@code chunks} is not null), otherwise contiguous and reserved. Returns the new
     * dataset's data address when it is reserved (the ranks then write their elements there), otherwise -1.
     */
    static long write(Path tmp, Path previous, String dataset, DType dtype, long[] shape, Hdf5Options options,
            Map<String, Object> attrs, ChunkSource chunks, ByteBuffer whole) {
        long[] chunkShape = Hdf5Paths.chunkShape(shape, dtype.itemSize(), options);
        List<Pending> pending = new ArrayList<>();
        String name = tmpName(previous, tmp);
        try (HdfFile in = previous != null ? new HdfFile(previous) : null;
                WritableHdfFile out = HdfFile.write(tmp)) {
            if (in != null) {
                copyGroup(in, out, pending);
            }
            String[] parts = Hdf5Paths.split(dataset);
            WritableGroup g = parent(out, parts, name);
            String leaf = parts[parts.length - 1];
            WritableDataset d;
            if (whole != null) {
                d = g.putDataset(leaf, JhdfTypes.nested(whole, dtype, shape), creation(dtype, shape, options));
            } else if (chunkShape != null) {
                d = new StreamedChunks(g, leaf, dtype, shape, creation(dtype, shape, options), chunks);
                g.putDataset(leaf, d);
            } else {
                d = reserved(g, leaf, dtype, shape, creation(dtype, shape, options), tmp);
            }
            for (Map.Entry<String, Object> e : attrs.entrySet()) {
                d.putAttribute(e.getKey(), e.getValue());
            }
        } catch (java.io.UncheckedIOException e) {
            throw new ArrayFileException(name + ": " + e.getCause(), e);
        } catch (ArrayFileException e) {
            throw e;
        } catch (RuntimeException e) {
            if (previous == null) {
                throw e;
            }
            // jHDF reading a corrupt previous file (its groups are read lazily while they are copied)
            throw new ArrayFileException(name + ": corrupt HDF5 file, cannot append: " + e, e);
        }
        for (Pending p : pending) {
            p.copy(previous, tmp);
        }
        return whole != null || chunkShape != null ? -1
                : reservedAddress(tmp, Hdf5Paths.normalize(dataset), shape, dtype.itemSize());
    }

    /** A dataset of {@code shape} whose data jHDF only reserves (see {@link Reserved}). */
    private static WritableDataset reserved(WritableGroup g, String leaf, DType dtype, long[] shape,
            DatasetCreationOptions options, Path tmp) {
        WritableDataset d = g.putDataset(leaf, placeholder(dtype, shape.length), unsignedOnly(options));
        Reserved.reserve(d, shape, tmp);
        return d;
    }

    /** A one-element array of {@code ndim} axes of {@code dtype}: what jHDF's dataset is made from before its shape. */
    private static Object placeholder(DType dtype, int ndim) {
        long[] one = new long[ndim];
        Arrays.fill(one, 1);
        return JhdfTypes.nested(ByteBuffer.allocate(dtype.itemSize()).order(ByteOrder.nativeOrder()), dtype, one);
    }

    /** The creation options of a placeholder: only the unsigned flag of {@code options} (no chunks, no filters). */
    private static DatasetCreationOptions unsignedOnly(DatasetCreationOptions options) {
        return options.isUnsigned() ? DatasetCreationOptions.builder().unsigned().build()
                : DatasetCreationOptions.DEFAULT;
    }

    /** The data address of the reserved contiguous dataset {@code path} of {@code tmp}, checked. Rank 0. */
    static long reservedAddress(Path tmp, String path, long[] shape, int item) {
        long bytes = item;
        for (long n : shape) {
            bytes *= n;
        }
        try (HdfFile in = new HdfFile(tmp)) {
            Dataset d = in.getDatasetByPath(path);
            if (!(d instanceof io.jhdf.api.dataset.ContiguousDataset c) || !Arrays.equals(d.getDimensionsAsLong(),
                    shape)) {
                throw new ArrayFileException(tmp + ": jHDF did not write the reserved dataset " + path
                        + " as expected (" + d.getDataLayout() + ", " + Arrays.toString(d.getDimensionsAsLong()) + ")");
            }
            long address = c.getDataAddress();
            if (address < 0 || Files.size(tmp) < address + bytes) {
                throw new ArrayFileException(tmp + ": jHDF reserved no room for dataset " + path + " (address "
                        + address + ", file size " + Files.size(tmp) + ")");
            }
            return address;
        } catch (IOException e) {
            throw new ArrayFileException(tmp + ": " + e, e);
        }
    }

    /**
     * A chunked dataset written one chunk at a time from a {@link ChunkSource}, as jHDF 0.13 writes a chunked dataset
     * (version 4 layout; one chunk: a single-chunk index, more: a fixed array index; the same filter pipeline) but
     * without jHDF's encoding of the whole dataset into one buffer first (which also limits it to 2 GiB). Only the
     * object header is jHDF's; the chunk loop is ours. Memory: one chunk and its filtered form.
     */
    static final class StreamedChunks extends io.jhdf.WritableDatasetImpl {
        private final long[] shape;
        private final int[] chunkDims;
        private final int item;
        private final DataSpace space;
        private final List<DatasetCreationOptions.RequestedFilter> filters;
        private final ChunkSource source;

        StreamedChunks(WritableGroup parent, String name, DType dtype, long[] shape, DatasetCreationOptions options,
                ChunkSource source) {
            super(placeholder(dtype, shape.length), name, parent, unsignedOnly(options));
            this.shape = shape.clone();
            this.chunkDims = options.getChunkDimensions().clone();
            this.item = dtype.itemSize();
            this.space = DataSpace.modifyDimensions(DataSpace.fromObject(getData()), this.shape);
            this.filters = options.getFilters();
            this.source = source;
            if (source == null || chunkDims.length != shape.length) {
                throw new IllegalArgumentException("a chunked dataset needs a chunk source and " + shape.length
                        + "-d chunks");
            }
        }

        @Override
        public int[] getDimensions() {
            int[] d = new int[shape.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = Math.toIntExact(shape[i]);
            }
            return d;
        }

        @Override
        public long[] getDimensionsAsLong() {
            return shape.clone();
        }

        @Override
        public long write(HdfFileChannel channel, long position) {
            List<FilterInfo> infos = new ArrayList<>();
            for (DatasetCreationOptions.RequestedFilter f : filters) {
                int[] data = f.getFilterData();
                if (f.getFilter().getId() == io.jhdf.filter.ByteShuffleFilter.ID && data.length == 0) {
                    data = new int[] {item}; // as jHDF (and H5Z_shuffle's set_local) do
                }
                infos.add(new FilterInfo(f.getFilter().getId(), f.getFilter().getName(), false, data));
            }
            boolean filtered = !infos.isEmpty();
            long total = io.jhdf.Utils.totalChunks(shape, chunkDims);
            if (total > Integer.MAX_VALUE) {
                throw new ArrayFileException(getPath() + ": " + total + " chunks exceed jHDF's index (use larger "
                        + "chunks)");
            }
            List<Message> messages = new ArrayList<>();
            messages.add(DataTypeMessage.create(getDataType()));
            messages.add(DataSpaceMessage.create(space));
            messages.add(FillValueMessage.NO_FILL);
            if (filtered) {
                messages.add(FilterPipelineMessage.create(infos));
            }
            Message placeholder = layout(Constants.UNDEFINED_ADDRESS, 0, filtered, (int) total);
            messages.add(placeholder);
            if (!getAttributes().isEmpty()) {
                messages.add(AttributeInfoMessage.create());
                for (Map.Entry<String, Attribute> a : getAttributes().entrySet()) {
                    messages.add(AttributeMessage.create(a.getKey(), a.getValue()));
                }
            }
            long dataAddress = position + new ObjectHeader.ObjectHeaderV2(position, messages).toBuffer().limit();
            long chunkBytes = item;
            for (int c : chunkDims) {
                chunkBytes *= c;
            }
            byte[] raw = new byte[Math.toIntExact(chunkBytes)];
            ByteBuffer view = ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder());
            List<Chunk> chunks = new ArrayList<>((int) total);
            long address = dataAddress;
            for (long k = 0; k < total; k++) {
                long[] offset = io.jhdf.Utils.chunkIndexToChunkOffset(k, chunkDims, shape);
                if (edge(offset)) {
                    Arrays.fill(raw, (byte) 0);
                }
                try {
                    source.fill(offset, view);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                byte[] encoded = raw;
                for (int i = 0; i < infos.size(); i++) {
                    encoded = filters.get(i).getFilter().encode(encoded, infos.get(i).getData());
                }
                writeFully(channel, ByteBuffer.wrap(encoded), address);
                chunks.add(new ChunkImpl(address, encoded.length, offset));
                address += encoded.length;
            }
            Message real;
            long end = address;
            if (total == 1) {
                real = layout(chunks.get(0).getAddress(), chunks.get(0).getSize(), filtered, 1);
            } else {
                ByteBuffer index = FixedArrayIndexWriter.createFixedArray(chunks, address, raw.length, filtered,
                        pageBits((int) total));
                writeFully(channel, index, address);
                real = layout(address, 0, filtered, (int) total);
                end = address + index.limit();
            }
            channel.position(end);
            messages.set(messages.indexOf(placeholder), real);
            channel.write(new ObjectHeader.ObjectHeaderV2(position, messages).toBuffer(), position);
            return end;
        }

        private boolean edge(long[] offset) {
            for (int i = 0; i < shape.length; i++) {
                if (offset[i] + chunkDims[i] > shape[i]) {
                    return true;
                }
            }
            return false;
        }

        private Message layout(long address, int filteredSize, boolean filtered, int total) {
            int[] dims = Arrays.copyOf(chunkDims, chunkDims.length + 1); // HDF5 appends the element size
            dims[chunkDims.length] = item;
            if (total == 1) {
                return filtered ? ChunkedDataLayoutMessageV4.createFilteredSingleChunk(address, dims, filteredSize)
                        : ChunkedDataLayoutMessageV4.createSingleChunk(address, dims);
            }
            return ChunkedDataLayoutMessageV4.createFixedArray(address, dims, pageBits(total));
        }

        /** jHDF's (and the C library's) fixed-array page size: 2^10 elements, grown so the array is never paged. */
        private static int pageBits(int total) {
            return Math.max(10, 32 - Integer.numberOfLeadingZeros(total - 1));
        }

        private static void writeFully(HdfFileChannel channel, ByteBuffer b, long at) {
            while (b.hasRemaining()) {
                at += channel.write(b, at);
            }
        }
    }

    /**
     * The chunks of an array whose elements lie in C order, native byte order, from {@code dataOffset} of a file (the
     * scratch file every rank wrote its own elements to). Chunks are asked for in C order of their index, so all
     * chunks of one slab of the leading axis come together: a slab of up to {@link #WINDOW} bytes is read once and
     * its chunks cut from memory; larger slabs are read run by run. Not collective.
     */
    static final class ScratchChunks implements ChunkSource {
        private final FileChannel channel;
        private final long dataOffset;
        private final long[] shape;
        private final int[] chunkDims;
        private final int item;
        private final long[] strides;
        private ByteBuffer slab;
        private long slabRow = -1;
        private Progress progress = Progress.NONE;

        ScratchChunks(FileChannel channel, long dataOffset, long[] shape, int[] chunkDims, int item) {
            this.channel = channel;
            this.dataOffset = dataOffset;
            this.shape = shape.clone();
            this.chunkDims = chunkDims.clone();
            this.item = item;
            this.strides = new long[shape.length];
            long s = 1;
            for (int i = shape.length - 1; i >= 0; i--) {
                strides[i] = s;
                s *= shape[i];
            }
        }

        /** Counts the bytes read from the scratch file on {@code p} (rank 0's progress line). */
        ScratchChunks progress(Progress p) {
            this.progress = p;
            return this;
        }

        @Override
        public void fill(long[] offset, ByteBuffer chunk) throws IOException {
            int n = shape.length;
            int run = (int) Math.min(chunkDims[n - 1], shape[n - 1] - offset[n - 1]) * item;
            if (n == 1) {
                read(chunk.duplicate().limit(run), dataOffset + offset[0] * item);
                return;
            }
            long rows = Math.min(chunkDims[0], shape[0] - offset[0]);
            long slabBytes = rows * strides[0] * item;
            boolean cached = slabBytes <= WINDOW;
            if (cached && slabRow != offset[0]) {
                if (slab == null || slab.capacity() < slabBytes) {
                    slab = ByteBuffer.allocateDirect((int) Math.max(slabBytes, Math.min(WINDOW,
                            (long) chunkDims[0] * strides[0] * item)));
                }
                read(slab.duplicate().limit((int) slabBytes), dataOffset + offset[0] * strides[0] * item);
                slabRow = offset[0];
            }
            int[] ext = new int[n - 1];
            for (int d = 0; d < n - 1; d++) {
                ext[d] = (int) Math.min(chunkDims[d], shape[d] - offset[d]);
            }
            int[] at = new int[n - 1];
            while (true) {
                long element = offset[n - 1];
                int cell = 0;
                for (int d = 0; d < n - 1; d++) {
                    element += (offset[d] + at[d] - (cached && d == 0 ? offset[0] : 0)) * strides[d];
                    cell = cell * chunkDims[d] + at[d];
                }
                int to = cell * chunkDims[n - 1] * item;
                if (cached) {
                    chunk.put(to, slab, (int) (element * item), run);
                } else {
                    read(chunk.duplicate().position(to).limit(to + run), dataOffset + element * item);
                }
                int d = n - 2;
                while (d >= 0 && ++at[d] == ext[d]) {
                    at[d] = 0;
                    d--;
                }
                if (d < 0) {
                    return;
                }
            }
        }

        private void read(ByteBuffer into, long at) throws IOException {
            progress.add(into.remaining());
            while (into.hasRemaining()) {
                int got = channel.read(into, at);
                if (got < 0) {
                    throw new java.io.EOFException(channel + ": scratch file ends at " + at);
                }
                at += got;
            }
        }
    }

    /** A previous chunked dataset's chunks, decompressed by jHDF (big-endian ones swapped to native order). */
    private record PreviousChunks(ChunkedDataset d, boolean big, int item) implements ChunkSource {
        @Override
        public void fill(long[] offset, ByteBuffer chunk) {
            int[] at = new int[offset.length];
            for (int i = 0; i < at.length; i++) {
                at[i] = Math.toIntExact(offset[i]);
            }
            byte[] raw = d.getDecompressedChunk(at);
            int need = chunk.limit();
            if (raw == null || raw.length == 0) {
                Object fill = d.getFillValue();
                if (fill != null && !(fill instanceof Number v && v.doubleValue() == 0)) {
                    throw new ArrayFileException(d.getFileAsPath() + ": dataset " + d.getPath() + " has unwritten "
                            + "chunks and fill value " + fill + ", which append with the jHDF engine does not copy");
                }
                return; // zero
            }
            if (raw.length < need) {
                throw new ArrayFileException(d.getFileAsPath() + ": dataset " + d.getPath() + ": chunk at "
                        + Arrays.toString(offset) + " decompresses to " + raw.length + " bytes, " + need + " expected");
            }
            chunk.put(0, raw, 0, need);
            if (big) {
                RunTransfer.swapBytes(chunk, item);
            }
        }
    }

    /**
     * A previous contiguous dataset reserved in the new file, its bytes copied there after jHDF closed it (in the
     * kernel, or for a big-endian dataset swapped in windows of 4 MiB).
     */
    private record Pending(String path, long from, long bytes, int item, boolean big, long[] shape) {
        void copy(Path previous, Path tmp) {
            long to = reservedAddress(tmp, path, shape, item);
            try (FileChannel in = FileChannel.open(previous, StandardOpenOption.READ);
                    FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                if (in.size() < from + bytes) {
                    throw new ArrayFileException(previous + ": truncated: dataset " + path + " needs " + (from + bytes)
                            + " bytes, the file has " + in.size());
                }
                if (!big) { // file to file in the kernel, no buffer here
                    for (long done = 0; done < bytes; ) {
                        out.position(to + done);
                        long n = in.transferTo(from + done, bytes - done, out);
                        if (n <= 0) {
                            throw new java.io.EOFException(previous.toString());
                        }
                        done += n;
                    }
                    return;
                }
                ByteBuffer window = ByteBuffer.allocateDirect((int) Math.min(WINDOW / 4, bytes));
                for (long done = 0; done < bytes; ) {
                    int n = (int) Math.min(window.capacity(), bytes - done);
                    window.clear().limit(n);
                    while (window.hasRemaining()) {
                        if (in.read(window, from + done + window.position()) < 0) {
                            throw new java.io.EOFException(previous.toString());
                        }
                    }
                    RunTransfer.swapBytes(window.slice(0, n), item);
                    window.flip();
                    while (window.hasRemaining()) {
                        out.write(window, to + done + window.position());
                    }
                    done += n;
                }
            } catch (IOException e) {
                throw new ArrayFileException(tmp + ": append with the jHDF engine: copying dataset " + path + ": " + e,
                        e);
            }
        }
    }

    private static WritableGroup parent(WritableGroup out, String[] parts, String name) {
        WritableGroup g = out;
        for (int i = 0; i < parts.length - 1; i++) {
            Node child = g.getChild(parts[i]);
            if (child == null) {
                g = g.putGroup(parts[i]);
            } else if (child instanceof WritableGroup wg) {
                g = wg;
            } else {
                throw new ArrayFileException(name + ": " + child.getPath() + " is a dataset, not a group");
            }
        }
        return g;
    }

    /** jHDF's datatype with the same encoding that writes no element (the ranks write them). */
    static final class Reserved extends io.jhdf.object.datatype.DataType {
        private final io.jhdf.object.datatype.DataType real;

        Reserved(io.jhdf.object.datatype.DataType real) {
            super(real.toBuffer());
            this.real = real;
        }

        static void reserve(WritableDataset d, long[] shape, Path tmp) {
            try {
                java.lang.reflect.Field space = io.jhdf.WritableDatasetImpl.class.getDeclaredField("dataSpace");
                java.lang.reflect.Field type = io.jhdf.WritableDatasetImpl.class.getDeclaredField("dataType");
                space.setAccessible(true);
                type.setAccessible(true);
                space.set(d, io.jhdf.object.message.DataSpace.modifyDimensions(
                        (io.jhdf.object.message.DataSpace) space.get(d), shape));
                type.set(d, new Reserved((io.jhdf.object.datatype.DataType) type.get(d)));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new ArrayFileException(tmp + ": this jHDF version cannot reserve a dataset (WritableDatasetImpl"
                        + ".dataSpace/dataType: " + e + ")", e);
            }
        }

        @Override
        public Class<?> getJavaType() {
            return real.getJavaType();
        }

        @Override
        public Object fillData(ByteBuffer buffer, int[] dimensions, io.jhdf.storage.HdfBackingStorage storage) {
            return real.fillData(buffer, dimensions, storage);
        }

        @Override
        public ByteBuffer toBuffer() {
            return real.toBuffer();
        }

        @Override
        public ByteBuffer encodeData(Object data) {
            return real.encodeData(data);
        }

        @Override
        public void writeData(Object data, int[] dimensions, io.jhdf.storage.HdfFileChannel channel) {
            // no element: the file is only extended over the data's place (jHDF takes the file's end-of-file
            // address from its size when it closes), sparse until the ranks write their elements there
            long bytes = getSize();
            for (int n : dimensions) {
                bytes *= n;
            }
            if (bytes == 0) {
                return;
            }
            try {
                FileChannel fc = channel.getFileChannel();
                long end = fc.position() + bytes;
                fc.write(ByteBuffer.allocate(1), end - 1);
                // past the data, as jHDF's own writeData leaves it: whatever jHDF writes next at the channel's
                // position (0.13 writes a stray copy of the root attribute's string there at close; the attribute
                // itself is inline) lands after the data, not in its place
                fc.position(end);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static String tmpName(Path previous, Path tmp) {
        return String.valueOf(previous != null ? previous : tmp);
    }

    static DatasetCreationOptions creation(DType dtype, long[] shape, Hdf5Options options) {
        long[] chunks = Hdf5Paths.chunkShape(shape, dtype.itemSize(), options);
        boolean unsigned = dtype.name().startsWith("UINT");
        if (chunks == null && !unsigned) {
            return DatasetCreationOptions.DEFAULT;
        }
        DatasetCreationOptions.Builder b = DatasetCreationOptions.builder();
        if (unsigned) {
            b.unsigned();
        }
        if (chunks != null) {
            int[] c = new int[chunks.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = (int) chunks[i];
            }
            b.chunkDimensions(c);
            if (options.gzip() >= 0) {
                b.deflate(options.gzip());
            }
        }
        return b.build();
    }

    private static void copyGroup(Group in, WritableGroup out, List<Pending> pending) {
        copyAttributes(in, out);
        for (Node n : in) {
            if (n.isLink()) {
                throw new ArrayFileException(n.getFileAsPath() + ": append with the jHDF engine cannot keep link "
                        + n.getPath() + " (use the native engine)");
            }
            if (n instanceof Group g) {
                copyGroup(g, out.putGroup(n.getName()), pending);
            } else if (n instanceof Dataset d) {
                copyDataset(d, out, pending);
            }
        }
    }

    /** Whether append copies {@code d} streamed (chunk by chunk, or reserved and copied as bytes), not whole. */
    static boolean streamedCopy(Dataset d) {
        DType t = JhdfTypes.dtypeOf(d);
        if (t == null || d.isEmpty() || d.isScalar() || decodedBytes(d) <= wholeCopyBytes) {
            return false;
        }
        return d instanceof ChunkedDataset
                || d instanceof io.jhdf.api.dataset.ContiguousDataset c && c.getDataAddress() >= 0;
    }

    /** The bytes of {@code d}'s elements decoded (8 per element where the dtype is not one of ours). */
    static long decodedBytes(Dataset d) {
        DType t = JhdfTypes.dtypeOf(d);
        long n = t != null ? t.itemSize() : 8;
        for (long s : d.isScalar() ? new long[0] : d.getDimensionsAsLong()) {
            n *= s;
        }
        return n;
    }

    private static void copyDataset(Dataset d, WritableGroup out, List<Pending> pending) {
        DType t = JhdfTypes.dtypeOf(d);
        WritableDataset w;
        try {
            if (t != null && !d.isEmpty()) {
                long[] shape = d.isScalar() ? new long[0] : d.getDimensionsAsLong();
                Hdf5Options o = Hdf5Options.defaults();
                if (d instanceof ChunkedDataset c) {
                    int[] cd = c.getChunkDimensions();
                    long[] lc = new long[cd.length];
                    for (int i = 0; i < cd.length; i++) {
                        lc[i] = cd[i];
                    }
                    o = o.chunks(lc);
                    for (var f : d.getFilters()) {
                        if (f.getId() == 1) {
                            int[] fd = f.getFilterData();
                            o = o.gzip(fd.length > 0 ? fd[0] : 4);
                        }
                    }
                }
                boolean big = JhdfTypes.bigEndian(d);
                if (!streamedCopy(d)) {
                    ByteBuffer bytes = JhdfTypes.flatToBytes(d.isScalar() ? scalarArray(d.getData())
                            : d.getDataFlat(), t);
                    w = out.putDataset(d.getName(), JhdfTypes.nested(bytes, t, shape), creation(t, shape, o));
                } else if (d instanceof ChunkedDataset c) {
                    w = new StreamedChunks(out, d.getName(), t, shape, creation(t, shape, o),
                            new PreviousChunks(c, big, t.itemSize()));
                    out.putDataset(d.getName(), w);
                } else {
                    w = reserved(out, d.getName(), t, shape, creation(t, shape, o), d.getFileAsPath());
                    pending.add(new Pending(d.getPath(), ((io.jhdf.api.dataset.ContiguousDataset) d).getDataAddress(),
                            decodedBytes(d), t.itemSize(), big, shape));
                }
            } else {
                w = out.putDataset(d.getName(), d.getData());
            }
        } catch (ArrayFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ArrayFileException(d.getFileAsPath() + ": append with the jHDF engine cannot copy dataset "
                    + d.getPath() + " (" + JhdfTypes.describe(d) + "): " + e.getMessage()
                    + " (use the native engine, or another file)", e);
        }
        copyAttributes(d, w);
        if (t == DType.BOOL && JhdfTypes.stringAttr(d, JhdfTypes.DTYPE_ATTR) == null) {
            w.putAttribute(JhdfTypes.DTYPE_ATTR, "bool"); // h5py's enum bool is written as jHDF's 8-bit type
        }
    }

    private static Object scalarArray(Object v) {
        Object a = java.lang.reflect.Array.newInstance(v.getClass(), 1);
        java.lang.reflect.Array.set(a, 0, v);
        return a;
    }

    private static void copyAttributes(Node in, WritableNode out) {
        for (Attribute a : in.getAttributes().values()) {
            if (a.getName().equals(JHDF_ATTR) && in instanceof HdfFile) {
                continue;
            }
            try {
                out.putAttribute(a.getName(), a.getData());
            } catch (RuntimeException e) {
                throw new ArrayFileException(in.getFileAsPath() + ": append with the jHDF engine cannot copy "
                        + "attribute " + a.getName() + " of " + in.getPath() + ": " + e.getMessage(), e);
            }
        }
    }

    static boolean exists(Path file, String dataset) {
        if (!Files.exists(file)) {
            return false;
        }
        try (HdfFile in = new HdfFile(file)) {
            in.getByPath(dataset);
            return true;
        } catch (io.jhdf.exceptions.HdfInvalidPathException e) {
            return false;
        }
    }
}

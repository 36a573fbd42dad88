package org.jdistarray.io;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
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

import org.jdistarray.protocol.DType;

/**
 * Writes one HDF5 file with jHDF from rank 0: jHDF's writer takes whole Java arrays and writes the file when it is
 * closed, so the dataset (and, in append mode, every dataset of the previous file, which is copied into the new one)
 * is in rank 0's memory. Not collective.
 */
final class JhdfWriter {
    /** jHDF's own attribute on the root group (its version); not copied in append mode (it writes its own). */
    private static final String JHDF_ATTR = "_jHDF";

    private JhdfWriter() {
    }

    /** Writes {@code tmp}: the groups and datasets of {@code previous} (if not null), then the new dataset. */
    static void write(Path tmp, Path previous, String dataset, ByteBuffer data, DType dtype, long[] shape,
            Hdf5Options options, Map<String, Object> attrs) {
        try (WritableHdfFile out = HdfFile.write(tmp)) {
            if (previous != null) {
                try (HdfFile in = new HdfFile(previous)) {
                    copyGroup(in, out);
                }
            }
            String[] parts = Hdf5Paths.split(dataset);
            WritableGroup g = parent(out, parts, tmpName(previous, tmp));
            Object nested = JhdfTypes.nested(data, dtype, shape);
            WritableDataset d = g.putDataset(parts[parts.length - 1], nested, creation(dtype, shape, options));
            for (Map.Entry<String, Object> e : attrs.entrySet()) {
                d.putAttribute(e.getKey(), e.getValue());
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

    /**
     * Writes {@code tmp} with a contiguous dataset of {@code shape} whose data jHDF only reserves (it writes the
     * metadata, the attributes and the dataset's place in the file, no element), and returns the data's file address,
     * where the ranks then write their own elements in parallel ({@code .npy}'s positional writes): no rank holds more
     * than its block. jHDF has no API for this: its dataset is made from a one-element array, then its dataspace is
     * given the real shape and its datatype one that writes nothing ({@link Reserved}), by reflection on jHDF 0.13's
     * {@code WritableDatasetImpl} (checked by every jHDF test of the suite; another jHDF version that changes those
     * fields fails here with an error naming them). Not collective (rank 0).
     */
    static long writeReserved(Path tmp, String dataset, DType dtype, long[] shape, Hdf5Options options,
            Map<String, Object> attrs) {
        long[] one = new long[shape.length];
        java.util.Arrays.fill(one, 1);
        try (WritableHdfFile out = HdfFile.write(tmp)) {
            String[] parts = Hdf5Paths.split(dataset);
            WritableGroup g = parent(out, parts, tmp.toString());
            ByteBuffer zero = ByteBuffer.allocate(dtype.itemSize()).order(java.nio.ByteOrder.nativeOrder());
            WritableDataset d = g.putDataset(parts[parts.length - 1], JhdfTypes.nested(zero, dtype, one),
                    creation(dtype, one, options));
            Reserved.reserve(d, shape, tmp);
            for (Map.Entry<String, Object> e : attrs.entrySet()) {
                d.putAttribute(e.getKey(), e.getValue());
            }
        }
        long bytes = dtype.itemSize();
        for (long n : shape) {
            bytes *= n;
        }
        try (HdfFile in = new HdfFile(tmp)) {
            Dataset d = in.getDatasetByPath(dataset);
            if (!(d instanceof io.jhdf.api.dataset.ContiguousDataset c) || !java.util.Arrays.equals(
                    d.getDimensionsAsLong(), shape)) {
                throw new ArrayFileException(tmp + ": jHDF did not write the reserved dataset " + dataset
                        + " as expected (" + d.getDataLayout() + ", " + java.util.Arrays.toString(
                        d.getDimensionsAsLong()) + ")");
            }
            long address = c.getDataAddress();
            if (address < 0 || java.nio.file.Files.size(tmp) < address + bytes) {
                throw new ArrayFileException(tmp + ": jHDF reserved no room for dataset " + dataset + " (address "
                        + address + ", file size " + java.nio.file.Files.size(tmp) + ")");
            }
            return address;
        } catch (java.io.IOException e) {
            throw new ArrayFileException(tmp + ": " + e, e);
        }
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
                java.nio.channels.FileChannel fc = channel.getFileChannel();
                fc.write(ByteBuffer.allocate(1), fc.position() + bytes - 1);
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

    private static void copyGroup(Group in, WritableGroup out) {
        copyAttributes(in, out);
        for (Node n : in) {
            if (n.isLink()) {
                throw new ArrayFileException(n.getFileAsPath() + ": append with the jHDF engine cannot keep link "
                        + n.getPath() + " (use the native engine)");
            }
            if (n instanceof Group g) {
                copyGroup(g, out.putGroup(n.getName()));
            } else if (n instanceof Dataset d) {
                copyDataset(d, out);
            }
        }
    }

    private static void copyDataset(Dataset d, WritableGroup out) {
        DType t = JhdfTypes.dtypeOf(d);
        WritableDataset w;
        try {
            if (t != null && !d.isEmpty()) {
                long[] shape = d.getDimensionsAsLong();
                ByteBuffer bytes = JhdfTypes.flatToBytes(d.isScalar() ? scalarArray(d.getData()) : d.getDataFlat(),
                        t);
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
                w = out.putDataset(d.getName(), JhdfTypes.nested(bytes, t, shape), creation(t, shape, o));
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

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
            WritableGroup g = out;
            for (int i = 0; i < parts.length - 1; i++) {
                Node child = g.getChild(parts[i]);
                if (child == null) {
                    g = g.putGroup(parts[i]);
                } else if (child instanceof WritableGroup wg) {
                    g = wg;
                } else {
                    throw new ArrayFileException(tmpName(previous, tmp) + ": " + child.getPath()
                            + " is a dataset, not a group");
                }
            }
            Object nested = JhdfTypes.nested(data, dtype, shape);
            WritableDataset d = g.putDataset(parts[parts.length - 1], nested, creation(dtype, shape, options));
            for (Map.Entry<String, Object> e : attrs.entrySet()) {
                d.putAttribute(e.getKey(), e.getValue());
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

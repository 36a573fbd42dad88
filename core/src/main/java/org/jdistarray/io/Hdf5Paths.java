package org.jdistarray.io;

import java.util.ArrayList;
import java.util.List;

/** Dataset paths in HDF5 files and chunk shapes of new datasets. Not collective. */
final class Hdf5Paths {
    /** The chunk size h5py aims at for compressed datasets without a chunk shape (about 1 MiB). */
    static final long AUTO_CHUNK_BYTES = 1 << 20;

    private Hdf5Paths() {
    }

    /** The absolute form of a dataset path: {@code "a/b"} and {@code "/a//b/"} are {@code "/a/b"}. */
    static String normalize(String dataset) {
        String[] parts = split(dataset);
        return "/" + String.join("/", parts);
    }

    /** The names along a dataset path. */
    static String[] split(String dataset) {
        if (dataset == null) {
            throw new IllegalArgumentException("the dataset path is null");
        }
        List<String> out = new ArrayList<>();
        for (String s : dataset.split("/")) {
            if (s.isEmpty()) {
                continue;
            }
            if (s.equals(".") || s.equals("..")) {
                throw new IllegalArgumentException("dataset path '" + dataset + "': '" + s + "' is not a name");
            }
            out.add(s);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("dataset path '" + dataset + "' names no dataset (the root is a group)");
        }
        return out.toArray(new String[0]);
    }

    /**
     * The chunk shape of a new dataset: the options' (checked), or for a compressed dataset without one, whole rows
     * of trailing axes up to about {@link #AUTO_CHUNK_BYTES}; {@code null} for contiguous storage.
     */
    static long[] chunkShape(long[] shape, int item, Hdf5Options options) {
        long[] c = options.chunks();
        if (shape.length == 0 && (c != null || options.gzip() >= 0)) {
            throw new IllegalArgumentException("Scalar datasets don't support chunk/filter options");
        }
        if (c != null) {
            if (c.length != shape.length) {
                throw new IllegalArgumentException("chunks " + NpyHeader.shapeString(c) + " has " + c.length
                        + " axes, the array has " + shape.length);
            }
            long bytes = item;
            for (int i = 0; i < c.length; i++) {
                if (c[i] < 1 || c[i] > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("chunks " + NpyHeader.shapeString(c) + ": chunk length " + c[i]
                            + " of axis " + i + " is not positive");
                }
                bytes *= c[i];
            }
            if (bytes >= (1L << 32)) {
                throw new IllegalArgumentException("chunks " + NpyHeader.shapeString(c) + ": a chunk of " + bytes
                        + " bytes exceeds HDF5's 4 GiB limit");
            }
            return c;
        }
        if (options.gzip() < 0 || shape.length == 0) {
            return null;
        }
        long[] out = new long[shape.length];
        long bytes = item;
        for (int i = shape.length - 1; i >= 0; i--) {
            long n = Math.max(1, shape[i]);
            long fit = Math.max(1, AUTO_CHUNK_BYTES / bytes);
            out[i] = Math.min(n, fit);
            bytes *= out[i];
        }
        return out;
    }
}

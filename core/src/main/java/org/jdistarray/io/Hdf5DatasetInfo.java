package org.jdistarray.io;

import java.util.Arrays;

/**
 * One dataset of an HDF5 file, as {@link ArrayIO#listHdf5} reports it (h5py's {@code Dataset} attributes).
 *
 * @param path the dataset's absolute path in the file ({@code "/group/data"})
 * @param shape the shape ({@code []} for a scalar)
 * @param dtype NumPy's name of the element type ({@code "float64"}; for a type this library cannot hold, a
 *     description such as {@code "string"} or {@code "compound"})
 * @param chunks the chunk shape, or {@code null} for contiguous or compact storage
 * @param compression the compression filters ({@code "gzip"}, {@code "lzf"}, ...), comma-separated, or {@code null}
 * @param supported whether {@link ArrayIO#loadHdf5} can load it (a dtype of {@link org.jdistarray.protocol.DType})
 */
public record Hdf5DatasetInfo(String path, long[] shape, String dtype, long[] chunks, String compression,
        boolean supported) {
    public Hdf5DatasetInfo {
        shape = shape.clone();
        chunks = chunks == null ? null : chunks.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public long[] chunks() {
        return chunks == null ? null : chunks.clone();
    }

    @Override
    public String toString() {
        return path + ": shape " + NpyHeader.shapeString(shape) + ", dtype " + dtype + ", chunks "
                + (chunks == null ? "None" : NpyHeader.shapeString(chunks)) + ", compression "
                + (compression == null ? "None" : compression);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hdf5DatasetInfo d && path.equals(d.path) && Arrays.equals(shape, d.shape)
                && dtype.equals(d.dtype) && Arrays.equals(chunks, d.chunks)
                && java.util.Objects.equals(compression, d.compression) && supported == d.supported;
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + Arrays.hashCode(shape);
    }
}

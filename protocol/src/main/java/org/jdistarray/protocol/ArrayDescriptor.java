package org.jdistarray.protocol;

import java.util.List;

/**
 * The metadata of one rank's protocol export ({@code __distarray__()} minus the memory): protocol version,
 * local buffer description and one dimension dictionary per axis. The JSON form of protocol.md §7 encodes
 * exactly this (plus optional inline data).
 */
public record ArrayDescriptor(String version, BufferSpec buffer, List<DimDistribution> dimData) {

    /** The protocol version we write. */
    public static final String PROTOCOL_VERSION = "0.10.0";

    public ArrayDescriptor {
        if (version == null || buffer == null || dimData == null) {
            throw new IllegalArgumentException("version, buffer and dim_data are all required");
        }
        dimData = List.copyOf(dimData);
        long[] shape = buffer.shape();
        if (dimData.size() != shape.length) {
            throw new ProtocolException("dim_data has " + dimData.size() + " dimensions, the buffer "
                    + java.util.Arrays.toString(shape) + " has " + shape.length);
        }
        for (int i = 0; i < shape.length; i++) {
            if (dimData.get(i).localSize() != shape[i]) {
                throw new ProtocolException("dim_data[" + i + "] describes a local extent of " + dimData.get(i).localSize()
                        + ", the buffer's axis " + i + " has " + shape[i]);
            }
        }
    }

    /** A descriptor for the current protocol version. */
    public ArrayDescriptor(BufferSpec buffer, List<DimDistribution> dimData) {
        this(PROTOCOL_VERSION, buffer, dimData);
    }

    public int ndim() {
        return dimData.size();
    }

    /** Global shape: the {@code size} of every dimension. */
    public long[] globalShape() {
        long[] s = new long[dimData.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = dimData.get(i).size();
        }
        return s;
    }

    /** This rank's grid coordinates: the {@code proc_grid_rank} of every dimension. */
    public int[] gridCoords() {
        int[] c = new int[dimData.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = dimData.get(i).gridRank();
        }
        return c;
    }

    /** The process grid: the {@code proc_grid_size} of every dimension. */
    public ProcessGrid grid() {
        int[] g = new int[dimData.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = dimData.get(i).gridSize();
        }
        return new ProcessGrid(g);
    }
}

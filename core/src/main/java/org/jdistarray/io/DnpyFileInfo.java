package org.jdistarray.io;

import java.nio.file.Path;
import java.util.List;

import org.jdistarray.protocol.DimDistribution;

/**
 * What one rank's {@code .dnpy} file says about itself ({@link ArrayIO#readDnpyHeader}): the protocol version and
 * dimension data of its header dict, and the header of the embedded {@code .npy} stream (dtype, local shape).
 *
 * @param path the file
 * @param version the header's {@code __version__}
 * @param dimData the rank's dimension dictionaries, one per axis
 * @param npy the embedded {@code .npy} header (its shape is the rank's local shape, padding included)
 */
public record DnpyFileInfo(Path path, String version, List<DimDistribution> dimData, NpyHeader npy) {
    /** Copies {@code dimData}. */
    public DnpyFileInfo {
        dimData = List.copyOf(dimData);
    }

    /** <b>Not collective.</b> The global shape, from the dimension data. */
    public long[] globalShape() {
        return dimData.stream().mapToLong(DimDistribution::size).toArray();
    }
}

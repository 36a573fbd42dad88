package org.jdistarray.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An HDF5 file named on the command line, with an optional dataset: {@code FILE} or {@code FILE:/group/dataset}.
 * A path is HDF5 if it has HDF5's signature (at byte 0, 512, 1024, ... as after a user block) or, for a file that
 * does not exist yet (a {@code convert} target), the extension {@code .h5}, {@code .hdf5}, {@code .he5} or
 * {@code .nc}.
 */
record Hdf5Target(Path file, String dataset) {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    /** The HDF5 target {@code text} names, or null if it is not an HDF5 path. */
    static Hdf5Target parse(String text) {
        int colon = text.lastIndexOf(":/");
        if (colon > 0) {
            Path f = Path.of(text.substring(0, colon));
            if (isHdf5(f) || hasHdf5Extension(f)) {
                return new Hdf5Target(f, normalize(text.substring(colon + 1)));
            }
        }
        Path f = Path.of(text);
        return isHdf5(f) || (!Files.exists(f) && hasHdf5Extension(f)) ? new Hdf5Target(f, null) : null;
    }

    static boolean hasHdf5Extension(Path f) {
        String n = f.getFileName() == null ? "" : f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".he5") || n.endsWith(".nc");
    }

    static boolean isHdf5(Path f) {
        if (!Files.isRegularFile(f)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(f)) {
            byte[] b = new byte[8];
            long at = 0;
            long size = Files.size(f);
            for (long off = 0; off + 8 <= size && off <= (1L << 20); off = off == 0 ? 512 : off * 2) {
                in.skipNBytes(off - at);
                if (in.readNBytes(b, 0, 8) != 8) {
                    return false;
                }
                at = off + 8;
                if (Arrays.equals(b, SIGNATURE)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static String normalize(String ds) {
        String s = ds.replaceAll("/+", "/");
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}

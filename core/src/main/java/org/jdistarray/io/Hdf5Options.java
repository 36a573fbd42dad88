package org.jdistarray.io;

import java.util.Arrays;

/**
 * Options of {@link ArrayIO}'s HDF5 methods (h5py's keywords of {@code create_dataset}): the engine, chunk shape and
 * gzip compression of a new dataset. Immutable; start from {@link #defaults()}.
 */
public final class Hdf5Options {
    private static final Hdf5Options DEFAULTS = new Hdf5Options(Hdf5Engine.AUTO, null, -1);

    private final Hdf5Engine engine;
    private final long[] chunks;
    private final int gzip;

    private Hdf5Options(Hdf5Engine engine, long[] chunks, int gzip) {
        this.engine = engine;
        this.chunks = chunks;
        this.gzip = gzip;
    }

    /** <b>Not collective.</b> Engine {@link Hdf5Engine#AUTO}, contiguous storage, no compression. */
    public static Hdf5Options defaults() {
        return DEFAULTS;
    }

    /** <b>Not collective.</b> A copy using {@code value}. */
    public Hdf5Options engine(Hdf5Engine value) {
        if (value == null) {
            throw new IllegalArgumentException("engine is null");
        }
        return new Hdf5Options(value, chunks, gzip);
    }

    /**
     * <b>Not collective.</b> A copy writing chunked storage with chunk shape {@code value} (h5py's {@code chunks=});
     * {@code null} for contiguous storage (unless compressed). Checked against the array when used.
     */
    public Hdf5Options chunks(long... value) {
        return new Hdf5Options(engine, value == null ? null : value.clone(), gzip);
    }

    /**
     * <b>Not collective.</b> A copy compressing with gzip (deflate) at {@code level} 0..9 (h5py's
     * {@code compression="gzip", compression_opts=level}); -1 for none. Compressed datasets are chunked (with
     * {@link #chunks}, or a chunk shape chosen as h5py would roughly: about 1 MiB, whole rows).
     */
    public Hdf5Options gzip(int level) {
        if (level < -1 || level > 9) {
            throw new IllegalArgumentException("gzip level " + level + " out of range [0, 9] (or -1 for none)");
        }
        return new Hdf5Options(engine, chunks, level);
    }

    public Hdf5Engine engine() {
        return engine;
    }

    /** The chunk shape asked for, or {@code null}. */
    public long[] chunks() {
        return chunks == null ? null : chunks.clone();
    }

    /** The gzip level, or -1. */
    public int gzip() {
        return gzip;
    }

    /**
     * A number for the storage these options choose (engine, chunks, gzip), checked equal on every rank by
     * {@code saveHdf5}'s collective call check: ranks choosing other storage would take other collective steps.
     */
    long fingerprint() {
        long h = engine.ordinal() * 31L + gzip;
        return h * 1_000_003L + (chunks == null ? -1 : java.util.Arrays.hashCode(chunks));
    }

    @Override
    public String toString() {
        return "Hdf5Options[engine=" + engine + ", chunks=" + (chunks == null ? "None" : Arrays.toString(chunks))
                + ", gzip=" + gzip + "]";
    }
}

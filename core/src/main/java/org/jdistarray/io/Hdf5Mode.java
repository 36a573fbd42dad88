package org.jdistarray.io;

/** How {@link ArrayIO#saveHdf5} treats an existing file (h5py's file modes {@code w-}, {@code w} and {@code a}). */
public enum Hdf5Mode {
    /** A new file; an existing file is an error (h5py's {@code "w-"}). */
    CREATE,
    /** A new file replacing any existing one and everything in it (h5py's {@code "w"}). */
    TRUNCATE,
    /**
     * Adds the dataset to an existing file (created if missing), keeping its other groups, datasets and attributes
     * (h5py's {@code "a"}); a dataset of that name already in the file is an error.
     */
    APPEND
}

package org.jdistarray.io;

/** How {@link ArrayIO#memmapNpy} maps a {@code .npy} file, NumPy's {@code open_memmap} modes. */
public enum NpyMapMode {
    /** {@code 'r'}: an existing file, read-only (writes to the array throw {@code ReadOnlyBufferException}). */
    READ_ONLY,
    /** {@code 'r+'}: an existing file; writes to the array are writes to the file. */
    READ_WRITE,
    /** {@code 'w+'}: a new file of the distribution's shape and the given dtype, zero-filled, read-write. */
    CREATE
}

/**
 * Parallel file input and output of distributed arrays: NumPy's {@code .npy} (one shared file, every rank reading and
 * writing only its own runs at their offsets, saves atomic by rename) and DistArray 0.5's per-rank {@code .dnpy}
 * files. The entry point is {@link org.jdistarray.io.ArrayIO}; {@link org.jdistarray.io.NpyHeader} is the
 * {@code .npy} header codec.
 */
package org.jdistarray.io;

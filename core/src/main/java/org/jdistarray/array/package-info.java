/**
 * Distributed N-d arrays: {@link org.jdistarray.array.DistArray} (the global, SPMD view: every rank holds a handle),
 * {@link org.jdistarray.array.LocalBlock} (this rank's block) and {@link org.jdistarray.array.DistArrays} (creation),
 * following DistArray's global/local split.
 *
 * <p><b>Memory.</b> Local blocks live in off-heap memory from the C heap, native byte order, C order, 64-byte
 * aligned, freed by {@code close()} (collective, idempotent); a {@link java.lang.ref.Cleaner} only catches leaks and
 * counts them. A block up to {@code 2^31 - 1} bytes is a single direct {@link java.nio.ByteBuffer} whose address
 * native code can take; larger blocks are contiguous chunks of {@code 2^30} bytes, and every element operation works
 * with {@code long} offsets.
 *
 * <p><b>Protocol.</b> {@link org.jdistarray.array.DistArray#export()} and
 * {@link org.jdistarray.array.DistArray#fromProtocol} share memory with no copy. <b>Ghost cells</b>:
 * {@link org.jdistarray.array.DistArray#exchangeGhosts()}. <b>Borrows</b> ({@link org.jdistarray.array.Borrow}) pin
 * an array for zero-copy consumers: closing a borrowed array throws.
 */
package org.jdistarray.array;

package org.jdistarray.ops;

import java.nio.ByteBuffer;

import org.jdistarray.array.internal.Storage;
import org.jdistarray.protocol.DType;

/**
 * Memory for the tiny local blocks of reduction results (a full reduction's 0-d array: one element), cut from
 * per-thread direct slabs instead of one native allocation each: an owned block costs a {@code malloc}, a
 * {@code Cleaner} registration and a {@code free} (about 0.7 µs, more than the sum of 4096 doubles), a slice of a
 * slab costs an object. Each block gets its own {@link #SLOT}-byte slot (64-byte aligned, as every block), never
 * handed out twice: closing the array frees nothing (the block is foreign memory to its {@link Storage}), and the
 * slab goes back to the system when the garbage collector finds its last slice unreachable. So a view kept after
 * close reads the last value and touches no other block; it does not read zeros as a closed owned block does.
 */
final class ReduceSlab {
    /** Local blocks up to this many bytes come from a slab. */
    static final int SLOT = 64;
    private static final int SLAB = 64 * SLOT;
    private static final ThreadLocal<ReduceSlab> MINE = ThreadLocal.withInitial(ReduceSlab::new);

    private final Storage[] scratch = new Storage[DType.values().length];
    private ByteBuffer slab;
    private int next = SLAB;

    private ReduceSlab() {
    }

    /** Whether a block of {@code elements} of {@code t} fits a slot. */
    static boolean fits(long elements, DType t) {
        return elements > 0 && elements * t.itemSize() <= SLOT;
    }

    /** <b>Not collective.</b> A new block of exactly {@code elements} elements of {@code t} (it must {@link #fits}). */
    static Storage storage(long elements, DType t) {
        ReduceSlab s = MINE.get();
        if (s.next == SLAB) {
            s.slab = ByteBuffer.allocateDirect(SLAB + SLOT).alignedSlice(SLOT);
            s.next = 0;
        }
        ByteBuffer b = s.slab.slice(s.next, (int) elements * t.itemSize());
        s.next += SLOT;
        return Storage.wrap(b, t);
    }

    /** <b>Not collective.</b> This thread's scratch element of {@code t} (for scalar results; reused). */
    static Storage scratch(DType t) {
        ReduceSlab s = MINE.get();
        Storage st = s.scratch[t.ordinal()];
        if (st == null) {
            st = storage(1, t);
            s.scratch[t.ordinal()] = st;
        }
        return st;
    }
}

package org.jdistarray.trilinos;

import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Objects;

import org.jdistarray.nativelib.NativeHandle;
import org.jdistarray.array.DistArray;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.CollectiveErrors;
import org.jdistarray.dist.Distribution;
import org.jdistarray.trilinos.internal.Tpetra;

/**
 * A {@code Tpetra::Map}: which global ids (rows of vectors and matrices) each rank owns, in which local order. Made
 * from a {@link Distribution} ({@link #of(Distribution)}: the global ids are the array's global C-order linear
 * indices of the elements this rank owns, in local-block order), from explicit ids ({@link #of}), or as a plain
 * contiguous split ({@link #contiguous}). The map is contiguous (Tpetra's fast path) whenever each rank's ids are
 * one ascending run that follows the lower ranks' runs, as for row blocks; otherwise it is a non-contiguous map.
 *
 * <p>Every rank knows every rank's local size and a fingerprint of its ids (gathered once at creation), so
 * {@link #isSameAs} is decided identically on every rank without communication. Belongs to the open
 * {@link TrilinosSession}; caller must close (vectors and matrices made on the map keep what they need).
 */
public final class TpetraMap implements AutoCloseable {
    private final TrilinosSession session;
    private final NativeHandle h;
    private final Communicator comm;
    private final long commHandle;
    private final long globalSize;
    private final boolean contiguous;
    private final long first;
    private final long[] ids;
    private final long[] counts;
    private final long[] fingerprints;
    private final Distribution distribution;
    private final long[] ownedOffsets;

    private TpetraMap(TrilinosSession s, Communicator comm, long handle, long globalSize, boolean contiguous, long first,
            long[] ids, long[] counts, long[] fingerprints, Distribution distribution, long[] ownedOffsets) {
        this.comm = comm;
        this.commHandle = TrilinosSession.commHandle(comm);
        this.globalSize = globalSize;
        this.contiguous = contiguous;
        this.first = first;
        this.ids = ids;
        this.counts = counts;
        this.fingerprints = fingerprints;
        this.distribution = distribution;
        this.ownedOffsets = ownedOffsets;
        this.session = s;
        this.h = new NativeHandle(s.handles(), this, handle, Tpetra.Kind.MAP, "TpetraMap[" + (contiguous ? "contiguous" : "non-contiguous")
                + ", size " + globalSize + ", rank " + comm.rank() + " owns " + localSize() + "]");
    }

    /**
     * <b>Collective.</b> A contiguous map: this rank owns {@code localSize} consecutive ids after the lower ranks'
     * ones.
     *
     * @throws IllegalArgumentException on every rank if some rank's size is negative
     */
    public static TpetraMap contiguous(Communicator comm, int localSize) {
        TrilinosSession s = TrilinosSession.require();
        long ch = TrilinosSession.commHandle(comm);
        CollectiveErrors.agree(comm, localSize < 0 ? new IllegalArgumentException("local size " + localSize + " < 0") : null);
        long[][] all = gather(comm, localSize, 1, 0);
        long[] counts = column(all, 0);
        long total = Arrays.stream(counts).sum();
        long start = prefix(counts, comm.rank());
        long handle = Tpetra.mapContiguous(ch, total, localSize);
        return new TpetraMap(s, comm, handle, total, true, start, null, counts, fingerprint(all, true), null, null);
    }

    /**
     * <b>Collective.</b> A map in which this rank owns {@code globalIds} (copied) in that local order; every id in
     * {@code [0, globalSize)} on exactly one rank. Contiguous if the ids allow it (see the class comment).
     *
     * @throws IllegalArgumentException on every rank if an id is out of range or repeated on a rank, or the local
     *                                  sizes do not add up to {@code globalSize}
     */
    public static TpetraMap of(Communicator comm, long globalSize, long[] globalIds) {
        return create(comm, globalSize, globalIds == null ? null : globalIds.clone(), null, null);
    }

    /**
     * <b>Collective.</b> The map of a distribution's owned elements: ids are the global C-order linear indices of
     * the elements this rank owns, in the order of its local block (communication padding excluded). Remembers the
     * distribution (grid shape for {@link TpetraCrsMatrix#laplacian}, element offsets for copies).
     *
     * @throws IllegalArgumentException on every rank if a rank owns more than {@code 2^31 - 1} elements, an
     *                                  unstructured axis is not one-to-one, or the distribution is replicated
     */
    public static TpetraMap of(Distribution distribution) {
        Objects.requireNonNull(distribution, "distribution");
        if (distribution.layout().rankCount() != distribution.communicator().size()) {
            throw new IllegalArgumentException("TpetraMap: " + distribution + " is not spread over the ranks (every rank"
                    + " or one rank holds the whole array); a Tpetra map needs every element owned by exactly one rank");
        }
        Communicator comm = distribution.communicator();
        long[][] idsAndOffsets = CollectiveErrors.agree(comm, () -> ownedIds(distribution));
        boolean padded = distribution.localElementCount() != distribution.ownedElementCount();
        return create(comm, distribution.globalSize(), idsAndOffsets[0], distribution, padded ? idsAndOffsets[1] : null);
    }

    /** <b>Collective.</b> {@link #of(Distribution)} of the array's distribution. */
    public static TpetraMap of(DistArray array) {
        return of(Objects.requireNonNull(array, "array").distribution());
    }

    private static long[][] ownedIds(Distribution d) {
        long n = d.ownedElementCount();
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("rank " + d.rank() + " owns " + n + " elements; Tpetra's local ordinals "
                    + "are 32-bit");
        }
        long[] shape = d.shape();
        long[] ids = new long[(int) n];
        long[] offsets = new long[(int) n];
        int[] k = {0};
        d.localMap().forEachOwned((global, offset) -> {
            long lin = 0;
            for (int a = 0; a < shape.length; a++) {
                lin = lin * shape[a] + global[a];
            }
            ids[k[0]] = lin;
            offsets[k[0]++] = offset;
        });
        return new long[][] {ids, offsets};
    }

    private static TpetraMap create(Communicator comm, long globalSize, long[] ids, Distribution dist, long[] offsets) {
        TrilinosSession s = TrilinosSession.require();
        long ch = TrilinosSession.commHandle(comm);
        CollectiveErrors.agree(comm, () -> {
            checkIds(ids, globalSize);
            return null;
        });
        boolean run = true;
        for (int i = 1; i < ids.length && run; i++) {
            run = ids[i] == ids[i - 1] + 1;
        }
        long[][] all = gather(comm, ids.length, run ? 1 : 0, ids.length == 0 ? -1 : ids[0], Arrays.hashCode(ids));
        long[] counts = column(all, 0);
        long total = Arrays.stream(counts).sum();
        if (total != globalSize) {
            throw new IllegalArgumentException("TpetraMap: the ranks own " + Arrays.toString(counts) + " ids, "
                    + total + " in all, but the global size is " + globalSize);
        }
        boolean contiguous = true;
        for (int r = 0; r < all.length; r++) {
            contiguous &= all[r][1] == 1 && (counts[r] == 0 || all[r][2] == prefix(counts, r));
        }
        long start = prefix(counts, comm.rank());
        long handle = contiguous ? Tpetra.mapContiguous(ch, globalSize, ids.length)
                : Tpetra.mapFromIds(ch, globalSize, ids);
        return new TpetraMap(s, comm, handle, globalSize, contiguous, start, contiguous ? null : ids, counts,
                fingerprint(all, contiguous), dist, offsets);
    }

    private static void checkIds(long[] ids, long globalSize) {
        Objects.requireNonNull(ids, "globalIds");
        if (globalSize < 0) {
            throw new IllegalArgumentException("global size " + globalSize + " < 0");
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= globalSize) {
                throw new IllegalArgumentException("global id " + ids[i] + " at local index " + i + " is outside [0, "
                        + globalSize + ")");
            }
        }
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("global id " + sorted[i] + " appears twice on this rank");
            }
        }
    }

    /** One all-gather of {@code values} from every rank. */
    private static long[][] gather(Communicator comm, long... values) {
        int k = values.length;
        LongBuffer send = DirectBuffers.of(values);
        LongBuffer recv = DirectBuffers.longs(k * comm.size());
        comm.allGather(send, recv);
        long[][] out = new long[comm.size()][k];
        for (int r = 0; r < comm.size(); r++) {
            for (int i = 0; i < k; i++) {
                out[r][i] = recv.get(r * k + i);
            }
        }
        return out;
    }

    private static long[] column(long[][] all, int c) {
        long[] v = new long[all.length];
        for (int r = 0; r < all.length; r++) {
            v[r] = all[r][c];
        }
        return v;
    }

    private static long prefix(long[] counts, int rank) {
        long p = 0;
        for (int r = 0; r < rank; r++) {
            p += counts[r];
        }
        return p;
    }

    /** Per-rank hashes of the ids; all 0 for a contiguous map (its local sizes define it). */
    private static long[] fingerprint(long[][] all, boolean contiguous) {
        long[] f = new long[all.length];
        for (int r = 0; r < all.length && !contiguous; r++) {
            f[r] = all[r][3];
        }
        return f;
    }

    /** <b>Not collective.</b> Global number of ids. */
    public long globalSize() {
        return globalSize;
    }

    /** <b>Not collective.</b> Number of ids this rank owns. */
    public int localSize() {
        return (int) counts[comm.rank()];
    }

    /** <b>Not collective.</b> Every rank's local size. */
    public long[] localSizes() {
        return counts.clone();
    }

    /** <b>Not collective.</b> Whether the map is contiguous (rank r owns one run of ids after ranks below r). */
    public boolean isContiguous() {
        return contiguous;
    }

    /** <b>Not collective.</b> The global id of local index {@code i}. */
    public long globalIndex(int i) {
        if (i < 0 || i >= localSize()) {
            throw new IndexOutOfBoundsException("local index " + i + " outside [0, " + localSize() + ")");
        }
        return contiguous ? first + i : ids[i];
    }

    /** <b>Not collective.</b> This rank's global ids in local order (a copy). */
    public long[] globalIndices() {
        if (!contiguous) {
            return ids.clone();
        }
        long[] g = new long[localSize()];
        for (int i = 0; i < g.length; i++) {
            g[i] = first + i;
        }
        return g;
    }

    /** <b>Not collective.</b> The communicator. */
    public Communicator comm() {
        return comm;
    }

    /** <b>Not collective.</b> The distribution the map was made from ({@link #of(Distribution)}), or null. */
    public Distribution distribution() {
        return distribution;
    }

    /**
     * <b>Not collective.</b> Whether {@code other} has the same ids on the same ranks over the same communicator
     * (from the fingerprints gathered at creation: the same answer on every rank).
     */
    public boolean isSameAs(TpetraMap other) {
        if (other == this) {
            return true;
        }
        return other != null && (other.comm == comm || other.commHandle == commHandle) && other.globalSize == globalSize
                && Arrays.equals(other.counts, counts) && Arrays.equals(other.fingerprints, fingerprints);
    }

    /** <b>Collective.</b> Tpetra's own {@code Map::isSameAs} (for tests; {@link #isSameAs} needs no communication). */
    public boolean isSameAsNative(TpetraMap other) {
        return Tpetra.mapSame(handle(), other.handle());
    }

    /** Offsets of the owned elements in the distribution's local block, if it has padding (else null). */
    long[] ownedOffsets() {
        return ownedOffsets;
    }

    long handle() {
        return h.get();
    }

    TrilinosSession session() {
        return session;
    }

    /** <b>Not collective.</b> Whether {@link #close()} has run. */
    public boolean isClosed() {
        return h.isClosed();
    }

    /** <b>Not collective.</b> Frees the handle; vectors and matrices on the map stay valid. Idempotent. */
    @Override
    public void close() {
        h.close();
    }

    @Override
    public String toString() {
        return h.toString();
    }
}

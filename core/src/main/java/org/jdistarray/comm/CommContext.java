package org.jdistarray.comm;

import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JDistArray's private side of a user's communicator, cached on it ({@link Communicator#attributes()}) and closed with
 * it, as PETSc's {@code PetscCommDuplicate}: every library message (ghost exchanges, gathers, scatters, element reads,
 * and the reductions, redistributions and IO to come) travels on a duplicate of the user's communicator, so a user's
 * receive with {@code ANY_TAG}, or a user message with the same tag, never meets a library message.
 *
 * <ul>
 * <li>{@link #comm()} duplicates the user's communicator the first time it is asked for (collectively: it is asked
 * for only from collective operations) and returns that duplicate from then on.</li>
 * <li>{@link #grid(int[])} and {@link #axes(int[], boolean...)}: the Cartesian process grid of a distribution and its
 * sub-communicators along chosen axes ({@code MPI_Cart_sub}), created once per grid shape and axis set and cached.</li>
 * <li>{@link #verify(String, long, long...)}: the check that every rank makes the same collective call (see
 * below).</li>
 * </ul>
 *
 * <p><b>Checked calls.</b> Every collective array operation starts with {@link #verify}: one all-reduce (a sum) of
 * {@link #VERIFY_DOUBLES} doubles over the private communicator comparing a 128-bit hash of (operation, array number,
 * arguments) on every rank, its four 32-bit pieces summed exactly; the other {@link #VERIFY_PAYLOAD} doubles are a
 * sum an operation may carry in the same call ({@link #verifyAndSum}: a full reduction's partial sums), so that every
 * operation's first collective has the same signature whether it carries one or not. Arrays are
 * numbered in creation order on each communicator ({@link #nextArrayNumber()}; creation is logically collective, so
 * every rank numbers the same array alike). A rank that skipped a call, called it on another array, or passed another
 * root or index makes every rank throw a {@link CollectiveMismatchException} naming each rank's call, instead of a
 * hang or data of the wrong array. <b>Logically collective</b> operations (which do not communicate, such as
 * {@code setDouble}) are verified the same way only in <b>checking mode</b>: system property
 * {@code jdistarray.checks=true} (or environment variable {@code JDISTARRAY_CHECKS=1}), read when the context is made;
 * the test suite runs with it, production runs without (PETSc's {@code PetscValidLogicalCollective} in debug
 * builds).
 */
public final class CommContext implements AutoCloseable {
    private static final Object KEY = new Object();
    private static final boolean DEFAULT_CHECKING = readChecking();
    /** The doubles of a call's hash in {@link #verify}'s all-reduce. */
    private static final int HASH_DOUBLES = 4;
    /** The doubles {@link #verifyAndSum} sums along with the hash. */
    public static final int VERIFY_PAYLOAD = 4;
    /** The length of {@link #verify}'s all-reduce (every rank's first collective of an operation). */
    public static final int VERIFY_DOUBLES = HASH_DOUBLES + VERIFY_PAYLOAD;

    private final Communicator user;
    private final boolean checking;
    private final AtomicLong arrays = new AtomicLong();
    private final Map<GridKey, CartCommunicator> grids = new LinkedHashMap<>();
    private final Map<GridKey, CartCommunicator> subs = new LinkedHashMap<>();

    /** A grid shape and (for sub-communicators) the axes kept: array contents compared, no string built per call. */
    private record GridKey(int[] dims, boolean[] keep) {
        @Override
        public boolean equals(Object o) {
            return o instanceof GridKey k && Arrays.equals(dims, k.dims) && Arrays.equals(keep, k.keep);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(dims) * 31 + Arrays.hashCode(keep);
        }
    }
    private final DoubleBuffer verifyIn = DirectBuffers.doubles(VERIFY_DOUBLES);
    private final DoubleBuffer verifyOut = DirectBuffers.doubles(VERIFY_DOUBLES);
    private Communicator dup;
    private boolean closed;

    private CommContext(Communicator user, boolean checking) {
        this.user = user;
        this.checking = checking;
    }

    /**
     * <b>Not collective.</b> The context cached on {@code comm}, made (without communication) on first use.
     *
     * @throws IllegalStateException if {@code comm} is closed
     */
    public static CommContext of(Communicator comm) {
        if (comm == null) {
            throw new IllegalArgumentException("communicator is null");
        }
        return comm.attributes().computeIfAbsent(KEY, CommContext.class, () -> new CommContext(comm, DEFAULT_CHECKING));
    }

    /** <b>Not collective.</b> Whether checking mode is on: the system property {@code jdistarray.checks}. */
    public static boolean checkingByDefault() {
        return DEFAULT_CHECKING;
    }

    private static boolean readChecking() {
        String p = System.getProperty("jdistarray.checks");
        if (p == null) {
            p = System.getenv("JDISTARRAY_CHECKS");
        }
        return p != null && (p.equalsIgnoreCase("true") || p.equals("1") || p.equalsIgnoreCase("on"));
    }

    /** <b>Not collective.</b> The user's communicator this context belongs to. */
    public Communicator user() {
        return user;
    }

    /** <b>Not collective.</b> Whether logically collective calls are verified too (checking mode). */
    public boolean checking() {
        return checking;
    }

    /**
     * <b>Collective</b> the first time on each rank (it duplicates the user's communicator), then not. The private
     * duplicate on which all library traffic travels. Owned by the context.
     */
    public synchronized Communicator comm() {
        ensureOpen();
        if (dup == null) {
            dup = user.dup();
        }
        return dup;
    }

    /**
     * <b>Not collective.</b> The next array number on this communicator: arrays are numbered in creation order, the
     * same on every rank, so that collective calls can check that every rank names the same array.
     */
    public long nextArrayNumber() {
        return arrays.incrementAndGet();
    }

    /**
     * <b>Collective</b> the first time for a grid shape, then not. The Cartesian grid of {@code dims} over the
     * private communicator (ranks in C order; ranks beyond {@code prod(dims)} get null). Owned by the context.
     */
    public synchronized CartCommunicator grid(int[] dims) {
        GridKey key = new GridKey(dims, null);
        if (!grids.containsKey(key)) {
            grids.put(new GridKey(dims.clone(), null), comm().createCart(dims));
        }
        return grids.get(key);
    }

    /**
     * <b>Collective</b> the first time for a grid shape and axis set, then not. The sub-communicator of the grid
     * {@code dims} through this rank that keeps the axes with {@code keep[i]} ({@code MPI_Cart_sub}): the ranks that
     * reduce along those axes together. Null on ranks outside the grid. Owned by the context.
     */
    public synchronized CartCommunicator axes(int[] dims, boolean... keep) {
        GridKey key = new GridKey(dims, keep);
        if (!subs.containsKey(key)) {
            CartCommunicator g = grid(dims);
            subs.put(new GridKey(dims.clone(), keep.clone()), g == null ? null : g.sub(keep));
        }
        return subs.get(key);
    }

    /**
     * <b>Collective.</b> Checks that every rank makes this call: the same {@code operation} on the same array
     * ({@code arrayNumber}, 0 for none) with the same {@code args}. One all-reduce of {@link #VERIFY_DOUBLES} doubles
     * on the private communicator.
     *
     * @throws CollectiveMismatchException on every rank, naming each rank's call, if they differ
     */
    public void verify(String operation, long arrayNumber, long... args) {
        verifyAndSum(operation, arrayNumber, args, null);
    }

    /**
     * <b>Collective.</b> {@link #verify} and an all-reduce sum of {@code payload} (up to {@link #VERIFY_PAYLOAD}
     * doubles, replaced by their sums over the ranks) in the same single call: an operation whose only communication
     * is a small sum (a full reduction) makes one collective call instead of two. A rank that failed before the call
     * still makes it (with a failure count in its payload, say), so that every rank learns of the failure.
     *
     * @param payload null or at most {@link #VERIFY_PAYLOAD} doubles, the same length on every rank
     * @throws CollectiveMismatchException on every rank, naming each rank's call, if they differ (the payload is then
     *     not summed)
     */
    public void verifyAndSum(String operation, long arrayNumber, long[] args, double[] payload) {
        int k = payload == null ? 0 : payload.length;
        if (k > VERIFY_PAYLOAD) {
            throw new IllegalArgumentException("verifyAndSum carries at most " + VERIFY_PAYLOAD + " doubles, got " + k);
        }
        long h = hash(operation, arrayNumber, args);
        long h2 = mix(h ^ 0x9e3779b97f4a7c15L);
        Communicator c = comm();
        double p = c.size();
        boolean same = true;
        synchronized (this) {
            // 32-bit pieces: their sum over up to 2^21 ranks is exact in a double, and equals size * piece on every
            // rank only if every rank has that piece (for any rank whose pieces differ, some sum differs)
            verifyIn.put(0, h >>> 32).put(1, h & 0xffffffffL).put(2, h2 >>> 32).put(3, h2 & 0xffffffffL);
            for (int i = 0; i < VERIFY_PAYLOAD; i++) {
                verifyIn.put(HASH_DOUBLES + i, i < k ? payload[i] : 0.0);
            }
            c.allReduce(verifyIn, verifyOut, ReduceOp.SUM);
            for (int i = 0; i < HASH_DOUBLES; i++) {
                same &= verifyOut.get(i) == p * verifyIn.get(i);
            }
            for (int i = 0; same && i < k; i++) {
                payload[i] = verifyOut.get(HASH_DOUBLES + i);
            }
        }
        if (!same) {
            throw mismatch(c, describe(operation, arrayNumber, args));
        }
    }

    /**
     * <b>Collective</b> in checking mode, <b>not collective</b> otherwise: {@link #verify} for logically collective
     * calls, which do not communicate unless checking mode is on.
     */
    public void verifyLogical(String operation, long arrayNumber, long... args) {
        if (checking) {
            verify(operation, arrayNumber, args);
        }
    }

    private static CollectiveMismatchException mismatch(Communicator c, String mine) {
        byte[][] all = Collectives.allGather(c, mine.getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder("the ranks did not make the same collective call (a rank skipped or added a"
                + " call, or passed other arguments; every rank must make the same collective calls in the same order):");
        for (int r = 0; r < all.length; r++) {
            sb.append(r == 0 ? " " : "; ").append("rank ").append(r).append(": ")
                    .append(new String(all[r], StandardCharsets.UTF_8));
        }
        return new CollectiveMismatchException(sb.toString());
    }

    private static String describe(String operation, long arrayNumber, long[] args) {
        return operation + (args.length > 0 ? Arrays.toString(args).replace('[', '(').replace(']', ')') : "()")
                + (arrayNumber > 0 ? " on array #" + arrayNumber : "");
    }

    /** A 64-bit hash of the call (FNV-1a over the operation's characters and the numbers, then a final mix). */
    static long hash(String operation, long arrayNumber, long[] args) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < operation.length(); i++) {
            h = (h ^ operation.charAt(i)) * 0x100000001b3L;
        }
        h = mix(h ^ arrayNumber);
        h = mix(h ^ args.length);
        for (long a : args) {
            h = mix(h ^ a);
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the communicator " + user + " is closed");
        }
    }

    /** <b>Collective</b> (frees the private communicators). Called when the user's communicator closes. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException first = null;
        for (Map<GridKey, CartCommunicator> m : java.util.List.of(subs, grids)) {
            for (CartCommunicator c : m.values()) {
                first = closeQuietly(c, first);
            }
            m.clear();
        }
        first = closeQuietly(dup, first);
        dup = null;
        if (first != null) {
            throw first;
        }
    }

    private static RuntimeException closeQuietly(Communicator c, RuntimeException first) {
        if (c == null) {
            return first;
        }
        try {
            c.close();
        } catch (RuntimeException e) {
            if (first == null) {
                return e;
            }
            first.addSuppressed(e);
        }
        return first;
    }

    @Override
    public String toString() {
        return "CommContext[" + user + (dup != null ? ", private duplicate" : "") + (checking ? ", checking" : "") + "]";
    }
}

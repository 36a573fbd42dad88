package org.jdistarray.comm;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import org.jdistarray.protocol.DistArrayException;
import org.jdistarray.protocol.DistributionException;
import org.jdistarray.protocol.ProtocolException;

/**
 * Agreement on failure: a check that fails on some ranks only must fail on every rank, or the others would go on
 * into the next collective and hang. {@link #agree} all-reduces "did anything fail here", and if anything failed
 * anywhere every rank throws: a failing rank its own exception, the others an exception of the same class (for the
 * common classes) carrying the first failing rank's message. {@link #agreeAndGather} does the same and hands every
 * rank the others' values in the same single collective. The one implementation of this rule in JDistArray (the
 * bridges use it too).
 */
public final class CollectiveErrors {
    private CollectiveErrors() {
    }

    /**
     * <b>Collective.</b> Runs {@code localCheck} here, then agrees with every rank on the outcome.
     *
     * @return the check's result when it succeeded on every rank
     * @throws RuntimeException the local failure, or one built from the first failing rank's message
     */
    public static <T> T agree(Communicator comm, Supplier<T> localCheck) {
        T result = null;
        RuntimeException failure = null;
        try {
            result = localCheck.get();
        } catch (RuntimeException e) {
            failure = e;
        }
        agree(comm, failure);
        return result;
    }

    /** Per thread: {@link #agree(Communicator, RuntimeException)}'s two all-reduce buffers. */
    private static final ThreadLocal<IntBuffer[]> AGREE_BUFFERS = ThreadLocal.withInitial(
            () -> new IntBuffer[] {DirectBuffers.ints(1), DirectBuffers.ints(1)});

    /**
     * <b>Collective.</b> Agrees on {@code localFailureOrNull}: returns normally only if it is null on every rank.
     *
     * @throws RuntimeException this rank's failure, or one built from the lowest failing rank's message
     */
    public static void agree(Communicator comm, RuntimeException localFailureOrNull) {
        int me = comm.rank();
        if (comm.size() == 1) { // nobody to agree with: the all-reduce would return this rank's own value
            if (localFailureOrNull != null) {
                throw localFailureOrNull;
            }
            return;
        }
        // two buffers, not in place: ThreadCommunicator's in-place all-reduce keeps a stale scratch limit; per thread
        // (agree is not re-entered between filling and reading them), so that a call allocates no direct memory
        IntBuffer[] b = AGREE_BUFFERS.get();
        IntBuffer mine = b[0].put(0, localFailureOrNull == null ? Integer.MAX_VALUE : me);
        IntBuffer first = b[1];
        comm.allReduce(mine, first, ReduceOp.MIN);
        int failed = first.get(0);
        if (failed != Integer.MAX_VALUE) {
            fail(comm, failed, localFailureOrNull);
        }
    }

    /**
     * <b>Collective.</b> {@link #agree(Communicator, RuntimeException)} and an all-gather of {@code values} in one
     * collective call: every rank gets every rank's values, so that checks needing the others' values (sizes adding
     * up, ranges following each other) are made on the same facts everywhere. The number of values must be the same
     * on every rank.
     *
     * @return {@code values} of rank {@code r} in row {@code r}, when {@code localFailureOrNull} is null everywhere
     * @throws RuntimeException this rank's failure, or one built from the lowest failing rank's message
     */
    public static long[][] agreeAndGather(Communicator comm, RuntimeException localFailureOrNull, long... values) {
        int k = values.length + 1;
        LongBuffer send = DirectBuffers.longs(k);
        send.put(0, localFailureOrNull == null ? 0 : 1);
        for (int i = 0; i < values.length; i++) {
            send.put(i + 1, values[i]);
        }
        LongBuffer recv = DirectBuffers.longs(k * comm.size());
        comm.allGather(send, recv);
        long[][] out = new long[comm.size()][values.length];
        int failed = Integer.MAX_VALUE;
        for (int r = comm.size() - 1; r >= 0; r--) {
            if (recv.get(r * k) != 0) {
                failed = r;
            }
            for (int i = 0; i < values.length; i++) {
                out[r][i] = recv.get(r * k + 1 + i);
            }
        }
        if (failed != Integer.MAX_VALUE) {
            fail(comm, failed, localFailureOrNull);
        }
        return out;
    }

    /** Rank {@code failed} (the lowest failing one) tells the others its failure; every rank throws. */
    private static void fail(Communicator comm, int failed, RuntimeException localFailureOrNull) {
        int me = comm.rank();
        byte[] text = failed == me ? describe(localFailureOrNull).getBytes(StandardCharsets.UTF_8) : new byte[0];
        IntBuffer len = DirectBuffers.of(text.length);
        comm.broadcast(len, failed);
        ByteBuffer msg = DirectBuffers.bytes(len.get(0));
        msg.put(0, text);
        comm.broadcast(msg, failed);
        if (localFailureOrNull != null) {
            throw localFailureOrNull;
        }
        byte[] received = new byte[len.get(0)];
        msg.get(0, received);
        String s = new String(received, StandardCharsets.UTF_8);
        int bar = s.indexOf('|');
        throw rebuild(s.substring(0, bar), "rank " + failed + " failed: " + s.substring(bar + 1));
    }

    private static String describe(RuntimeException e) {
        String kind = e instanceof IndexOutOfBoundsException ? "index"
                : e instanceof IllegalArgumentException ? "argument"
                : e instanceof IllegalStateException ? "state"
                : e instanceof ProtocolException ? "protocol"
                : e instanceof DistributionException ? "distribution"
                : "other";
        return kind + "|" + e.getMessage();
    }

    private static RuntimeException rebuild(String kind, String message) {
        return switch (kind) {
            case "index" -> new IndexOutOfBoundsException(message);
            case "argument" -> new IllegalArgumentException(message);
            case "state" -> new IllegalStateException(message);
            case "protocol" -> new ProtocolException(message);
            case "distribution" -> new DistributionException(message);
            default -> new DistArrayException(message);
        };
    }
}

package org.jdistarray.client.internal;

import java.lang.ref.Cleaner;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids waiting to be freed on the engines: filled by {@code close()} and by the Cleaner (the leak net: a GC thread only
 * adds an id here, never touches MPI), drained by the client thread into the next command.
 */
public final class FreeQueue {
    /** The leak net's Cleaner (one daemon thread for all contexts). */
    public static final Cleaner CLEANER = Cleaner.create();
    private final ConcurrentLinkedQueue<Long> ids = new ConcurrentLinkedQueue<>();
    private final AtomicLong leaks = new AtomicLong();
    private long[] drained = new long[16];
    private int drainedCount;

    /** The Cleaner action of one proxy: holds only the queue and the id. */
    public static final class Free implements Runnable {
        private final FreeQueue queue;
        private final long id;
        private volatile boolean explicit;

        public Free(FreeQueue queue, long id) {
            this.queue = queue;
            this.id = id;
        }

        /** Marks the coming run as a {@code close()}, not a leak. */
        public void closing() {
            explicit = true;
        }

        @Override
        public void run() {
            if (!explicit) {
                queue.leaks.incrementAndGet();
            }
            queue.ids.add(id);
        }
    }

    public void add(long id) {
        ids.add(id);
    }

    /** Number of proxies freed by the Cleaner (unreachable without close). */
    public long leaks() {
        return leaks.get();
    }

    public int pending() {
        return ids.size();
    }

    /**
     * Moves the waiting ids into {@code out}: int count, then the ids. They are remembered until {@link #sent()}, so
     * that a command that fails on the client before it is sent gives them back ({@link #unsent()}).
     */
    public void drainInto(WireBuffer out) {
        int countAt = out.position();
        out.putInt(0);
        int n = 0;
        Long id;
        while ((id = ids.poll()) != null) {
            out.putLong(id);
            if (n == drained.length) {
                drained = java.util.Arrays.copyOf(drained, n * 2);
            }
            drained[n++] = id;
        }
        drainedCount = n;
        out.buffer().putInt(countAt, n);
    }

    /** The drained ids reached the engines. */
    public void sent() {
        drainedCount = 0;
    }

    /** The command of the drained ids was not sent: queue them again. */
    public void unsent() {
        for (int i = 0; i < drainedCount; i++) {
            ids.add(drained[i]);
        }
        drainedCount = 0;
    }
}

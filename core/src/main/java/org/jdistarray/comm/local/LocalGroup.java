package org.jdistarray.comm.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jdistarray.comm.CommunicationException;
import org.jdistarray.comm.Communicator;

/**
 * The state the ranks of one thread communicator share: a {@link Phaser} on which collectives synchronise, one slot
 * per rank where each posts its {@link CollectiveCall}, and one {@link Mailbox} per rank.
 *
 * <p>A collective is one phase (post, then wait for all) or, when ranks read each other's buffers, two (the second
 * keeps the buffers alive until every reader is done). The last rank to arrive checks in {@link Phaser#onAdvance}
 * that all calls match; if not, or if a rank has left, the phaser terminates and every waiting rank throws the same
 * message naming the ranks and calls. A rank that leaves (its communicator closed, its rank function returned)
 * deregisters, so waiting peers are released into that error instead of hanging. Waits are bounded by the cluster
 * timeout.
 */
final class LocalGroup {
    final String name;
    final int size;
    final Cluster cluster;
    final Mailbox[] mailboxes;
    private final AtomicReferenceArray<CollectiveCall> slots;
    private final AtomicIntegerArray departed;
    private final Phaser phaser;
    private volatile String broken;
    /** Written and read only inside onAdvance (which the phaser runs one at a time). */
    private boolean completionNext;
    /** The calls of the phase that last advanced; read by the ranks after it advanced. */
    private volatile CollectiveCall[] lastCalls;
    private int children;

    LocalGroup(String name, int size, Cluster cluster) {
        this.name = name;
        this.size = size;
        this.cluster = cluster;
        this.slots = new AtomicReferenceArray<>(size);
        this.departed = new AtomicIntegerArray(size);
        this.mailboxes = new Mailbox[size];
        for (int i = 0; i < size; i++) {
            mailboxes[i] = new Mailbox();
        }
        this.phaser = new Phaser(size) {
            @Override
            protected boolean onAdvance(int phase, int registeredParties) {
                return advance(registeredParties);
            }
        };
        cluster.register(this);
    }

    /** Posts {@code call} and waits for every rank's; returns all calls (index = rank) once they match. */
    CollectiveCall[] enter(int rank, CollectiveCall call) {
        failIfBroken(rank, call);
        slots.set(rank, call);
        int phase = phaser.arrive();
        await(rank, phase, call);
        return lastCalls;
    }

    /** Second phase of a data-moving collective: returns when every rank has finished reading. */
    void complete(int rank, CollectiveCall call) {
        int phase = phaser.arrive();
        await(rank, phase, call);
    }

    /** This rank leaves for good (its communicator was closed); collectives waiting for it fail. */
    void leave(int rank, long sequence) {
        if (departed.getAndSet(rank, 1) == 0) {
            slots.set(rank, CollectiveCall.close(sequence));
            if (!phaser.isTerminated()) {
                phaser.arriveAndDeregister();
            }
        }
    }

    boolean hasLeft(int rank) {
        return departed.get(rank) != 0;
    }

    String brokenReason() {
        return broken;
    }

    /** Breaks the group for good: every waiting and every later call throws with {@code reason}. */
    void abort(String reason) {
        if (broken == null) {
            synchronized (this) {
                if (broken == null) {
                    broken = reason;
                }
            }
        }
        phaser.forceTermination();
    }

    void failIfBroken(int rank, CollectiveCall call) {
        String why = broken;
        if (why != null) {
            throw new CommunicationException("rank " + rank + ": " + call.describe() + " on " + name + " failed: " + why);
        }
    }

    private void await(int rank, int phase, CollectiveCall call) {
        if (phase >= 0) {
            LocalCluster.spinWhile(() -> phaser.getPhase() == phase);
            try {
                phaser.awaitAdvanceInterruptibly(phase, cluster.timeoutNanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                String msg = "timeout after " + cluster.timeoutText() + " in " + call.describe() + " #" + call.sequence
                        + " on " + name + ": " + arrivals(call.sequence);
                abort(msg);
                throw new CommunicationException("rank " + rank + ": " + msg);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                // its arrival cannot be taken back: a later call of this rank would arrive twice in this phase and
                // advance it without another rank, so the group is broken for every rank, as after a timeout
                abort("rank " + rank + " was interrupted in " + call.describe() + " #" + call.sequence);
                String why = broken;
                throw new CommunicationException("rank " + rank + ": " + call.describe() + " on " + name + " interrupted"
                        + (why == null ? "" : ": " + why));
            }
        }
        if (phase < 0 || broken != null) {
            failIfBroken(rank, call);
            throw new CommunicationException("rank " + rank + ": " + call.describe() + " on " + name + ": communicator terminated");
        }
    }

    private String arrivals(long sequence) {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (int r = 0; r < size; r++) {
            CollectiveCall c = slots.get(r);
            if (c != null && c.kind == CollectiveCall.Kind.CLOSE) {
                out.add("rank " + r + " (left)");
            } else if (c != null && c.sequence == sequence) {
                in.add(String.valueOf(r));
            } else {
                out.add("rank " + r + (c == null ? " (no collective yet)" : " (last: " + c.describe() + " #" + c.sequence + ")"));
            }
        }
        return "arrived: ranks " + in + "; missing: " + out;
    }

    private boolean advance(int registeredParties) {
        if (completionNext) {
            completionNext = false;
            return registeredParties == 0;
        }
        CollectiveCall[] calls = new CollectiveCall[size];
        List<Integer> left = new ArrayList<>();
        List<Integer> live = new ArrayList<>();
        for (int r = 0; r < size; r++) {
            calls[r] = slots.get(r);
            // no call posted: the rank's party went away without one (its thread was interrupted as it left); it
            // counts as gone, so the others fail with a message instead of a NullPointerException in this callback
            (calls[r] == null || calls[r].kind == CollectiveCall.Kind.CLOSE ? left : live).add(r);
        }
        if (live.isEmpty()) {
            return registeredParties == 0;
        }
        String why = null;
        if (!left.isEmpty()) {
            why = "rank" + (left.size() > 1 ? "s " : " ") + join(left) + " left the communicator (closed it, or its rank"
                    + " function ended) while rank" + (live.size() > 1 ? "s " : " ") + join(live) + " called a collective";
        } else {
            String m = CollectiveCall.mismatch(calls);
            if (m != null) {
                why = "collective mismatch (" + m + ")";
            }
        }
        if (why != null) {
            StringBuilder sb = new StringBuilder(why).append(": ");
            for (int r = 0; r < size; r++) {
                sb.append(r == 0 ? "" : "; ").append("rank ").append(r).append(' ')
                        .append(calls[r] == null ? "(no call)" : calls[r].describe());
            }
            abortInAdvance(sb.toString());
            return true;
        }
        CollectiveCall.Kind kind = calls[0].kind;
        if (kind == CollectiveCall.Kind.SPLIT) {
            split(calls);
        } else if (kind == CollectiveCall.Kind.DUP) {
            LocalGroup g = new LocalGroup(name + "/dup" + (++children), size, cluster);
            for (int r = 0; r < size; r++) {
                calls[r].resultGroup = g;
                calls[r].resultRank = r;
            }
        }
        completionNext = kind.movesData();
        lastCalls = calls;
        return false;
    }

    private void abortInAdvance(String reason) {
        broken = reason; // point-to-point waits poll it
    }

    private void split(CollectiveCall[] calls) {
        Map<Integer, List<Integer>> byColor = new TreeMap<>();
        for (int r = 0; r < size; r++) {
            if (calls[r].color != Communicator.UNDEFINED) {
                byColor.computeIfAbsent(calls[r].color, c -> new ArrayList<>()).add(r);
            }
        }
        int id = ++children;
        for (Map.Entry<Integer, List<Integer>> e : byColor.entrySet()) {
            List<Integer> members = e.getValue();
            members.sort(Comparator.<Integer>comparingInt(r -> calls[r].key).thenComparingInt(r -> r));
            LocalGroup g = new LocalGroup(name + "/split" + id + "(color=" + e.getKey() + ")", members.size(), cluster);
            for (int i = 0; i < members.size(); i++) {
                calls[members.get(i)].resultGroup = g;
                calls[members.get(i)].resultRank = i;
            }
        }
    }

    private static String join(List<Integer> ranks) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ranks.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(ranks.get(i));
        }
        return sb.toString();
    }
}

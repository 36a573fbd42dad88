package org.jdistarray.comm.local;

import java.nio.Buffer;
import java.util.Arrays;

import org.jdistarray.comm.ElementType;
import org.jdistarray.comm.ReduceOp;

/**
 * One rank's side of one collective, posted to its {@link LocalGroup} slot: what it called and the buffers the other
 * ranks read from. Indices are absolute buffer indices (position + displacement).
 */
final class CollectiveCall {
    enum Kind {
        BARRIER("barrier"), BROADCAST("broadcast"), ALLREDUCE("allReduce"), REDUCE("reduce"),
        ALLGATHER("allGather"), ALLGATHERV("allGatherV"), GATHER("gather"), GATHERV("gatherV"),
        SCATTER("scatter"), SCATTERV("scatterV"), ALLTOALL("allToAll"), ALLTOALLV("allToAllV"),
        SPLIT("split"), DUP("dup"), CLOSE("close (rank left the communicator)");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        boolean hasRoot() {
            return this == BROADCAST || this == REDUCE || this == GATHER || this == GATHERV || this == SCATTER
                    || this == SCATTERV;
        }

        boolean hasType() {
            return this != BARRIER && this != SPLIT && this != DUP && this != CLOSE;
        }

        /** Whether a second phase must keep the posted buffers alive while peers read them. */
        boolean movesData() {
            return hasType();
        }
    }

    final Kind kind;
    final long sequence;
    ElementType type;
    int root = -1;
    ReduceOp op;
    /** Source of data others (or this rank) read. */
    Buffer send;
    int sendIndex;
    int sendCount;
    /** This rank's destination (written only by this rank). */
    Buffer recv;
    int recvIndex;
    int recvCount;
    /** V-collectives: counts/displacements of the gathered (recv) or scattered (send) side; alltoallv: send side. */
    int[] counts;
    int[] displs;
    /** alltoallv receive side. */
    int[] recvCounts;
    int[] recvDispls;
    int color;
    int key;
    /** Set by the phase's last arriver for SPLIT/DUP. */
    LocalGroup resultGroup;
    int resultRank;

    CollectiveCall(Kind kind, long sequence) {
        this.kind = kind;
        this.sequence = sequence;
    }

    static CollectiveCall close(long sequence) {
        return new CollectiveCall(Kind.CLOSE, sequence);
    }

    String describe() {
        StringBuilder sb = new StringBuilder(kind.label);
        if (kind == Kind.BARRIER || kind == Kind.DUP || kind == Kind.CLOSE) {
            return kind == Kind.CLOSE ? sb.toString() : sb.append("()").toString();
        }
        if (kind == Kind.SPLIT) {
            return sb.append("(color=").append(color).append(", key=").append(key).append(')').toString();
        }
        sb.append('(').append(type).append(" x").append(kind == Kind.SCATTER || kind == Kind.SCATTERV ? recvCount : sendCount);
        if (op != null) {
            sb.append(", ").append(op);
        }
        if (kind.hasRoot()) {
            sb.append(", root=").append(root);
        }
        if (kind == Kind.ALLTOALLV) {
            sb.append(", sendCounts=").append(Arrays.toString(counts)).append(", recvCounts=").append(Arrays.toString(recvCounts));
        } else if (counts != null) {
            sb.append(", counts=").append(Arrays.toString(counts));
        }
        return sb.append(')').toString();
    }

    /**
     * Checks that the calls of all ranks belong to one collective. Runs once per phase, in the last arriving thread.
     *
     * @return {@code null} if they match, otherwise why not (without the list of calls)
     */
    static String mismatch(CollectiveCall[] calls) {
        CollectiveCall c0 = calls[0];
        int n = calls.length;
        for (CollectiveCall c : calls) {
            if (c.kind != c0.kind) {
                return "different operations";
            }
        }
        Kind k = c0.kind;
        for (CollectiveCall c : calls) {
            if (k.hasType() && c.type != c0.type) {
                return "different element types";
            }
            if (k.hasRoot() && c.root != c0.root) {
                return "different roots";
            }
            if (c.op != c0.op) {
                return "different reduction operations";
            }
        }
        switch (k) {
            case BROADCAST, ALLREDUCE, REDUCE, ALLGATHER, GATHER, ALLTOALL -> {
                for (CollectiveCall c : calls) {
                    if (c.sendCount != c0.sendCount) {
                        return "different counts";
                    }
                }
            }
            case SCATTER -> {
                for (CollectiveCall c : calls) {
                    if (c.recvCount != c0.recvCount) {
                        return "different counts";
                    }
                }
            }
            case ALLGATHERV -> {
                for (int r = 0; r < n; r++) {
                    if (!Arrays.equals(calls[r].counts, c0.counts)) {
                        return "different counts arrays";
                    }
                    if (c0.counts[r] != calls[r].sendCount) {
                        return "rank " + r + " sends " + calls[r].sendCount + " elements, counts[" + r + "] = " + c0.counts[r];
                    }
                }
            }
            case GATHERV -> {
                int[] counts = calls[c0.root].counts;
                for (int r = 0; r < n; r++) {
                    if (counts[r] != calls[r].sendCount) {
                        return "rank " + r + " sends " + calls[r].sendCount + " elements, root's counts[" + r + "] = " + counts[r];
                    }
                }
            }
            case SCATTERV -> {
                int[] counts = calls[c0.root].counts;
                for (int r = 0; r < n; r++) {
                    if (counts[r] != calls[r].recvCount) {
                        return "rank " + r + " receives " + calls[r].recvCount + " elements, root's counts[" + r + "] = " + counts[r];
                    }
                }
            }
            case ALLTOALLV -> {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        if (calls[i].counts[j] != calls[j].recvCounts[i]) {
                            return "rank " + i + " sends " + calls[i].counts[j] + " elements to rank " + j
                                    + ", which expects " + calls[j].recvCounts[i];
                        }
                    }
                }
            }
            default -> {
                // barrier, split, dup: nothing more to match
            }
        }
        return null;
    }
}

package org.jdistarray.comm;

import java.nio.Buffer;

/**
 * The local argument checks every {@link Communicator} implementation makes before communicating, so that all of
 * them reject the same calls with the same {@link IllegalArgumentException}s.
 */
public final class CallChecks {
    private CallChecks() {
    }

    /** <b>Not collective.</b> {@code r} is a rank of a communicator of {@code size} ranks. */
    public static void rank(int r, int size, String what) {
        if (r < 0 || r >= size) {
            throw new IllegalArgumentException(what + " " + r + " is not a rank of a communicator of " + size);
        }
    }

    /** <b>Not collective.</b> {@code tag} is in [0, 32767], or {@link Communicator#ANY_TAG} if allowed. */
    public static void tag(int tag, boolean anyAllowed) {
        if (tag < 0 && !(anyAllowed && tag == Communicator.ANY_TAG) || tag > 32767) {
            throw new IllegalArgumentException("tag " + tag + " not in [0, 32767]" + (anyAllowed ? " or ANY_TAG" : ""));
        }
    }

    /** <b>Not collective.</b> {@code other} is a valid buffer of element type {@code t}. */
    public static void sameType(ElementType t, Buffer other, String what) {
        ElementType u = ElementType.check(other, what);
        if (u != t) {
            throw new IllegalArgumentException(what + ": element type " + u + " differs from the send type " + t);
        }
    }

    /** <b>Not collective.</b> {@code b} has at least {@code n} elements remaining. */
    public static void room(Buffer b, long n, String what) {
        if (b.remaining() < n) {
            throw new IllegalArgumentException(what + ": " + b.remaining() + " elements remaining, " + n + " needed");
        }
    }

    /** <b>Not collective.</b> {@code size} blocks of {@code counts[r]} elements at {@code displs[r]} fit in {@code b}. */
    public static void layout(int[] counts, int[] displs, Buffer b, int size, String what) {
        if (counts == null || displs == null || counts.length != size || displs.length != size) {
            throw new IllegalArgumentException(what + ": counts and displacements need " + size + " entries each");
        }
        for (int r = 0; r < size; r++) {
            if (counts[r] < 0 || displs[r] < 0 || (long) displs[r] + counts[r] > b.remaining()) {
                throw new IllegalArgumentException(what + ": block " + r + " (count " + counts[r] + " at " + displs[r]
                        + ") is outside the buffer's " + b.remaining() + " elements");
            }
        }
    }

    /** <b>Not collective.</b> {@code n} elements split into {@code size} equal blocks; returns the block size. */
    public static int blocks(int n, int size, String what) {
        if (n % size != 0) {
            throw new IllegalArgumentException(what + ": " + n + " elements do not split into " + size + " equal blocks");
        }
        return n / size;
    }
}

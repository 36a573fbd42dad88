package org.jdistarray.client.internal;

/**
 * The command protocol's constants. A command is broadcast from the client (rank 0 of the library-private duplicate
 * of the world) as one fixed slot of {@link #COMMAND_SLOT} bytes (int length, then the body), followed by a second
 * broadcast of the rest only when the body does not fit. The body: the batched frees (int count, longs), a flags byte
 * ({@link #FLAG_RESYNC}), an opcode byte, its payload. Each engine answers with a {@link #REPLY_SLOT}-byte slot sent
 * to the client ({@link #SLOT_TAG}: int length, status byte, payload); a longer reply sends the rest after it with
 * {@link #REPLY_TAG}. Point to point rather than a gather, so that the client sees which engines answered.
 */
public final class Wire {
    public static final int COMMAND_SLOT = 512;
    public static final int REPLY_SLOT = 256;
    public static final int REPLY_TAG = 19;
    /** Tag of the engines' reply slots. */
    public static final int SLOT_TAG = 18;
    /** Tags of a command's slot and of its rest, where commands travel point to point ({@link #pointToPoint}). */
    public static final int COMMAND_TAG = 20;
    public static final int COMMAND_REST_TAG = 21;

    /** A call of a whitelisted method: kind byte, result id, target, method, arguments. */
    public static final byte OP_CALL = 1;
    /** Register a function: name, class name, field name (or null). */
    public static final byte OP_REGISTER = 2;
    /** Run a function: mode byte, result id, name or class, field, argument count, arguments. */
    public static final byte OP_FUNCTION = 3;
    /** Leave the command loop (no reply). */
    public static final byte OP_STOP = 4;
    /** Only the batched frees, and a reply (a round trip). */
    public static final byte OP_SYNC = 5;

    public static final byte KIND_ARRAY = 1;
    public static final byte KIND_VALUE = 2;
    public static final byte KIND_VOID = 3;
    public static final byte KIND_OBJECT = 4;
    public static final byte KIND_ARRAYS = 5;

    public static final byte MODE_REGISTERED = 1;
    public static final byte MODE_DIRECT = 2;

    /** Header flag: a command failed somewhere; the engines realign their array numbering first. */
    public static final byte FLAG_RESYNC = 1;

    public static final byte STATUS_OK = 0;
    public static final byte STATUS_ERROR = 1;

    /** What a function returned on an engine. */
    public static final byte RESULT_NULL = 0;
    public static final byte RESULT_ARRAY = 1;
    public static final byte RESULT_VALUE = 2;

    private Wire() {
    }

    /**
     * Whether commands travel as a send to each engine rather than a broadcast: between thread ranks (embedded
     * engines), where a broadcast is a rendezvous of every rank (the client would wait in it until every engine has
     * finished the command before) while a small send is a copy into the engine's mailbox, so that a command whose
     * reply the client reads later ({@code Context}'s deferred commands) is queued at once. Under MPI the broadcast
     * stays (a tree; its root does not wait for the small slot). Both sides of the wire decide alike.
     */
    public static boolean pointToPoint(org.jdistarray.comm.Communicator wire) {
        return wire instanceof org.jdistarray.comm.local.ThreadCommunicator;
    }
}

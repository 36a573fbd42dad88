package org.jdistarray.client.internal;

import java.nio.ByteBuffer;

import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.Request;

/**
 * The client's end of the command path: one reusable command buffer broadcast from rank 0 of the wire communicator,
 * and one fixed reply slot from each engine (point to point), followed by the rest of a reply that overflows its slot.
 * Not thread-safe (the context serialises its commands).
 */
public final class ClientChannel {
    private final Communicator wire;
    private final int engines;
    private final WireBuffer command = new WireBuffer(Wire.COMMAND_SLOT * 2);
    private final ByteBuffer slots;
    private final WireBuffer[] replies;
    private final boolean pointToPoint;

    public ClientChannel(Communicator wire) {
        this.wire = wire;
        this.pointToPoint = Wire.pointToPoint(wire);
        this.engines = wire.size() - 1;
        this.slots = WireBufferSlots.slot(Wire.REPLY_SLOT * wire.size());
        this.replies = new WireBuffer[engines];
        for (int e = 0; e < engines; e++) {
            replies[e] = new WireBuffer(Wire.REPLY_SLOT);
        }
    }

    public int engines() {
        return engines;
    }

    /** Starts a command: the length placeholder and the batched frees; returns the buffer to write the opcode into. */
    public WireBuffer begin(FreeQueue frees, boolean resync) {
        command.trim();
        command.position(0);
        command.putInt(0);
        frees.drainInto(command);
        command.putByte(resync ? Wire.FLAG_RESYNC : 0);
        return command;
    }

    /**
     * <b>Collective</b> over the wire communicator. Broadcasts the command written since {@link #begin} (or sends it
     * to each engine: {@link Wire#pointToPoint}). Does not wait for the engines to finish earlier commands.
     */
    public void send() {
        int end = command.position();
        ByteBuffer b = command.buffer();
        b.putInt(0, end - 4);
        ByteBuffer first = b.duplicate();
        first.position(0).limit(Wire.COMMAND_SLOT);
        if (pointToPoint) {
            for (int e = 1; e <= engines; e++) {
                wire.send(first.duplicate(), e, Wire.COMMAND_TAG);
            }
        } else {
            wire.broadcast(first, 0);
        }
        if (end > Wire.COMMAND_SLOT) {
            ByteBuffer rest = b.duplicate();
            rest.position(Wire.COMMAND_SLOT).limit(end);
            if (pointToPoint) {
                for (int e = 1; e <= engines; e++) {
                    wire.send(rest.duplicate(), e, Wire.COMMAND_REST_TAG);
                }
            } else {
                wire.broadcast(rest, 0);
            }
        }
    }

    /** The longest sleep of {@link #gather}'s wait (ns), and the fraction of the time waited so far it sleeps. */
    static final long PARK_MAX_NANOS = Long.getLong("jdistarray.client.parkMaxNanos", 500_000);
    static final long PARK_FRACTION = Long.getLong("jdistarray.client.parkFraction", 32);
    /** Busy polls of {@link #gather}'s wait before it sleeps (about a millisecond), where the client has a core. */
    static final int SPINS = 20_000;
    /**
     * The sleep of {@link #gather}'s wait where the engine's reply ends it ({@link Request#wakesOnCompletion()}:
     * embedded engines), in ns: only bounds how late an error on another engine is noticed.
     */
    static final long LATCHED_SLEEP_NANOS = Long.getLong("jdistarray.client.latchedSleepNanos", 10_000_000);
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    /**
     * <b>Not collective.</b> Receives every engine's reply (each engine sends its slot to the client); afterwards
     * {@link #reply(int)} is positioned at engine {@code e}'s status byte. With several engines the receives are
     * polled, so that an engine that failed while the others do not answer is noticed: when some engine replied with
     * an error and another has not replied {@code stuckNanos} later, this throws {@link StuckEngines} (those engines
     * wait in a collective that the failed ones left: they cannot continue).
     */
    public void gather(long stuckNanos) {
        if (engines == 1) {
            receive(0, null);
            return;
        }
        Request[] pending = new Request[engines];
        for (int e = 0; e < engines; e++) {
            ByteBuffer slot = slots.duplicate();
            slot.position((e + 1) * Wire.REPLY_SLOT).limit((e + 2) * Wire.REPLY_SLOT);
            pending[e] = wire.iRecv(slot, e + 1, Wire.SLOT_TAG);
        }
        // embedded engines (thread ranks) with more threads than cores share a core with the client: no busy polls
        // (they took ~1 ms of that core per long command: z = a*x + y on 2^25 on 2 engines 3-7 % slower than SPMD,
        // 0-6 % without them), see spinLimit
        boolean latched = pending[0].wakesOnCompletion();
        int spinLimit = spinLimit(latched, wire.size(), CORES);
        int left = engines;
        long firstError = 0;
        long spins = 0;
        long waitStart = 0;
        boolean[] done = new boolean[engines];
        while (left > 0) {
            boolean progress = false;
            for (int e = 0; e < engines; e++) {
                if (!done[e] && pending[e].test()) {
                    done[e] = true;
                    left--;
                    progress = true;
                    receive(e, pending[e]);
                    if (firstError == 0 && replies[e].buffer().get(4) == Wire.STATUS_ERROR) {
                        firstError = System.nanoTime();
                    }
                }
            }
            if (left > 0 && !progress) {
                if (firstError != 0 && System.nanoTime() - firstError > stuckNanos) {
                    throw new StuckEngines(done);
                }
                if (++spins > spinLimit) {
                    // a long command: stop burning the core. MPI (a test sleeps its whole wait): the sleep grows
                    // with the wait (a fraction of it, from 20 us to a cap), so the client adds a few % at most to a
                    // command's time and wakes a few thousand times a second at most. Thread ranks (the wait ends
                    // when the engine replies): long sleeps, so the client does not wake into the engines' cores
                    // (every 20 us took a quarter of a core from them: z = a*x + y on 2^25 was 26 % slower)
                    if (waitStart == 0) {
                        waitStart = System.nanoTime();
                    }
                    long waited = System.nanoTime() - waitStart;
                    // the wait is on the first engine still busy: embedded engines (thread ranks) end it as soon as
                    // that engine replies (the sleep used to run to its end: up to 0.5 ms late per long command)
                    int first = 0;
                    while (done[first]) {
                        first++;
                    }
                    pending[first].test(sleepNanos(latched, waited));
                } else {
                    Thread.onSpinWait();
                }
            }
        }
    }

    /**
     * Busy polls before {@link #gather}'s wait sleeps: none for thread ranks ({@code latched}) with more threads
     * ({@code threads}: the client and its engines) than {@code cores}, where every poll is taken from an engine
     * sharing the client's core; else {@link #SPINS}.
     */
    static int spinLimit(boolean latched, int threads, int cores) {
        return latched && threads > cores ? 0 : SPINS;
    }

    /**
     * One sleep of {@link #gather}'s wait after {@code waitedNanos}: {@link #LATCHED_SLEEP_NANOS} where the reply
     * ends it ({@code latched}); else a fraction ({@link #PARK_FRACTION}) of the wait so far, from 20 us to
     * {@link #PARK_MAX_NANOS}, the most a sleep can overrun the command's end.
     */
    static long sleepNanos(boolean latched, long waitedNanos) {
        return latched ? LATCHED_SLEEP_NANOS : Math.min(PARK_MAX_NANOS, Math.max(20_000, waitedNanos / PARK_FRACTION));
    }

    /** Engines that did not reply after others failed ({@link #gather}). */
    public static final class StuckEngines extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient boolean[] replied;

        StuckEngines(boolean[] replied) {
            super("stuck engines");
            this.replied = replied.clone();
        }

        /** Whether engine {@code e} replied. */
        public boolean replied(int e) {
            return replied[e];
        }
    }

    /** Copies engine {@code e}'s slot (received by {@code request}, or now when null) and receives an overflow. */
    private void receive(int e, Request request) {
        ByteBuffer slot = slots.duplicate();
        slot.position((e + 1) * Wire.REPLY_SLOT).limit((e + 2) * Wire.REPLY_SLOT);
        if (request == null) {
            wire.recv(slot.duplicate(), e + 1, Wire.SLOT_TAG);
        } else {
            request.await();
        }
        WireBuffer r = replies[e];
        r.trim();
        r.position(0);
        r.putBytes(slot, Wire.REPLY_SLOT);
        int len = r.buffer().getInt(0);
        if (4 + len > Wire.REPLY_SLOT) {
            r.ensureCapacity(4 + len);
            ByteBuffer rest = r.buffer().duplicate();
            rest.position(Wire.REPLY_SLOT).limit(4 + len);
            wire.recv(rest, e + 1, Wire.REPLY_TAG);
        }
        r.position(4);
    }

    /** Engine {@code e}'s reply after {@link #gather()}, positioned at its status byte. */
    public WireBuffer reply(int e) {
        return replies[e];
    }
}

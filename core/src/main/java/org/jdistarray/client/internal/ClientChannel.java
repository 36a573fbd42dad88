package org.jdistarray.client.internal;

import java.nio.ByteBuffer;

import org.jdistarray.comm.Communicator;

/**
 * The client's end of the command path: one reusable command buffer broadcast from rank 0 of the wire communicator,
 * one gather of fixed reply slots, and point-to-point receives only for the replies that overflow their slot.
 * Not thread-safe (the context serialises its commands).
 */
public final class ClientChannel {
    private final Communicator wire;
    private final int engines;
    private final WireBuffer command = new WireBuffer(Wire.COMMAND_SLOT * 2);
    private final ByteBuffer mySlot = WireBufferSlots.slot(Wire.REPLY_SLOT);
    private final ByteBuffer slots;
    private final WireBuffer[] replies;

    public ClientChannel(Communicator wire) {
        this.wire = wire;
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

    /** <b>Collective</b> over the wire communicator. Broadcasts the command written since {@link #begin}. */
    public void send() {
        int end = command.position();
        ByteBuffer b = command.buffer();
        b.putInt(0, end - 4);
        ByteBuffer first = b.duplicate();
        first.position(0).limit(Wire.COMMAND_SLOT);
        wire.broadcast(first, 0);
        if (end > Wire.COMMAND_SLOT) {
            ByteBuffer rest = b.duplicate();
            rest.position(Wire.COMMAND_SLOT).limit(end);
            wire.broadcast(rest, 0);
        }
    }

    /**
     * <b>Collective</b> over the wire communicator. Gathers every engine's reply; afterwards {@link #reply(int)} is
     * positioned at engine {@code e}'s status byte.
     */
    public void gather() {
        mySlot.clear();
        slots.clear();
        wire.gather(mySlot, slots, 0);
        for (int e = 0; e < engines; e++) {
            WireBuffer r = replies[e];
            r.trim();
            r.position(0);
            ByteBuffer slot = slots.duplicate();
            slot.position((e + 1) * Wire.REPLY_SLOT).limit((e + 2) * Wire.REPLY_SLOT);
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
    }

    /** Engine {@code e}'s reply after {@link #gather()}, positioned at its status byte. */
    public WireBuffer reply(int e) {
        return replies[e];
    }
}

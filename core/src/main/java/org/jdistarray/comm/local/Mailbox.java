package org.jdistarray.comm.local;

import java.nio.Buffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.jdistarray.comm.CommunicationException;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.ElementType;
import org.jdistarray.comm.Status;

/**
 * Point-to-point matching for one receiving rank, as in MPI: messages that arrived before a matching receive wait in
 * arrival order (so messages from one sender do not overtake each other), receives posted before a matching message
 * wait in posting order. Small messages are copied (eager) and the send completes at once; large ones stay in the
 * sender's buffer until the receiver copies them (rendezvous).
 */
final class Mailbox {
    /** Messages up to this many bytes are copied at the send. */
    static final int EAGER_BYTES = 64 * 1024;

    /** A message in flight. */
    static final class Envelope {
        final int source;
        final int dest;
        final int tag;
        final ElementType type;
        final int count;
        Object eager;
        Buffer buffer;
        int index;
        LocalRequest sendRequest;

        Envelope(int source, int dest, int tag, ElementType type, int count) {
            this.source = source;
            this.dest = dest;
            this.tag = tag;
            this.type = type;
            this.count = count;
        }
    }

    private final ArrayDeque<Envelope> unexpected = new ArrayDeque<>();
    private final List<LocalRequest> posted = new ArrayList<>();

    /** Sender side: returns the posted receive that matches, or queues the message and returns {@code null}. */
    synchronized LocalRequest offer(Envelope e) {
        for (Iterator<LocalRequest> it = posted.iterator(); it.hasNext(); ) {
            LocalRequest r = it.next();
            if (r.matches(e.source, e.tag)) {
                it.remove();
                return r;
            }
        }
        unexpected.add(e);
        return null;
    }

    /** Receiver side: returns the first queued message that matches, or posts the receive and returns {@code null}. */
    synchronized Envelope claim(LocalRequest recv) {
        for (Iterator<Envelope> it = unexpected.iterator(); it.hasNext(); ) {
            Envelope e = it.next();
            if (recv.matches(e.source, e.tag)) {
                it.remove();
                return e;
            }
        }
        posted.add(recv);
        return null;
    }

    /** Copies a matched message into the receive buffer and completes both sides (or fails both). */
    static void deliver(Envelope e, LocalRequest recv, String groupName) {
        String problem = null;
        if (e.type != recv.type) {
            problem = "type mismatch: rank " + e.source + " sent " + e.type + " x" + e.count + " (tag " + e.tag
                    + "), rank " + e.dest + " receives " + recv.type;
        } else if (e.count > recv.capacity) {
            problem = "message truncated: rank " + e.source + " sent " + e.count + " elements (tag " + e.tag
                    + "), rank " + e.dest + " receives at most " + recv.capacity;
        }
        if (problem != null) {
            CommunicationException ex = new CommunicationException(problem + " on " + groupName);
            recv.fail(ex);
            if (e.sendRequest != null) {
                e.sendRequest.fail(ex);
            }
            return;
        }
        if (e.eager != null) {
            Kernels.fromArray(e.type, e.eager, recv.buffer(), recv.index);
        } else {
            Kernels.copy(e.type, e.buffer, e.index, recv.buffer(), recv.index, e.count);
        }
        recv.complete(new Status(e.source, e.tag, e.count));
        if (e.sendRequest != null) {
            e.sendRequest.complete(new Status(e.dest, e.tag, e.count));
        }
    }

    static boolean matches(int wantSource, int wantTag, int source, int tag) {
        return (wantSource == Communicator.ANY_SOURCE || wantSource == source)
                && (wantTag == Communicator.ANY_TAG || wantTag == tag);
    }
}

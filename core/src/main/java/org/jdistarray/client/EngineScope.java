package org.jdistarray.client;

import org.jdistarray.comm.Communicator;

/** What an {@link EngineFunction} sees of its engine: the engine communicator and this engine's place in it. */
public interface EngineScope {
    /**
     * <b>Not collective.</b> The communicator of the engines (the client is not in it): collectives on it run among the
     * engines only. Owned by the engine: do not close it.
     */
    Communicator comm();

    /** <b>Not collective.</b> This engine's rank among the engines, {@code 0..engines-1}. */
    default int rank() {
        return comm().rank();
    }

    /** <b>Not collective.</b> The number of engines. */
    default int size() {
        return comm().size();
    }
}

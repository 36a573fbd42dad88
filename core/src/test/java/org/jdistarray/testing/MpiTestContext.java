package org.jdistarray.testing;

import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiCommunicator;
import org.jdistarray.comm.mpi.MpiSession;

/** What a test class run by {@link MpiTestMain} inside an {@code mpirun} rank gets: the session and the world. */
public final class MpiTestContext {
    private static volatile MpiSession session;
    private static volatile MpiCommunicator world;

    private MpiTestContext() {
    }

    static void set(MpiSession s, MpiCommunicator w) {
        session = s;
        world = w;
    }

    /** Whether this JVM is an MPI test rank started by {@link MpiTestMain}. */
    public static boolean active() {
        return world != null;
    }

    /** The world communicator of this rank. */
    public static Communicator comm() {
        return mpiWorld();
    }

    /** The world communicator of this rank, with MPI-only methods such as {@code abort}. */
    public static MpiCommunicator mpiWorld() {
        MpiCommunicator w = world;
        if (w == null) {
            throw new IllegalStateException("not inside an MPI test rank: run this class through MpiLauncher / MpiTestMain");
        }
        return w;
    }

    /** The MPI session {@link MpiTestMain} opened. */
    public static MpiSession session() {
        mpiWorld();
        return session;
    }
}

package org.jdistarray.comm.mpi;

import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;

/**
 * A program for {@link MpiLaunchTests}: its own {@code main}, with the session in try-with-resources, as users
 * write it. {@code throw-barrier}: rank 1 throws while rank 0 waits in a barrier; {@code throw-recv}: rank 1 throws
 * while rank 0 waits in a receive from it; {@code normal}: both ranks meet in a barrier and return.
 */
public final class UncaughtFailureMain {
    private UncaughtFailureMain() {
    }

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "normal";
        try (MpiSession mpi = MpiSession.init()) {
            Communicator world = mpi.world();
            if (!mode.equals("normal") && world.rank() == world.size() - 1 && world.size() > 1) {
                throw new IllegalStateException("deliberate uncaught failure on rank " + world.rank() + " (" + mode + ")");
            }
            if (mode.equals("throw-recv") && world.rank() == 0) {
                world.recv(DirectBuffers.doubles(1), world.size() - 1, 7);
            } else {
                world.barrier();
            }
            System.out.println("rank " + world.rank() + ": " + mode + " done");
        }
        System.out.println("after close: MPI finalized yet? " + MpiSession.isMpiFinalized());
    }
}

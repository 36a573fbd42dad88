package org.jdistarray.client;

import org.jdistarray.client.internal.Launch;

/**
 * The engine program of an MPMD launch: {@code mpirun -np 1 java MyDriver : -np N java -cp ...
 * org.jdistarray.client.Engine}. Runs the command loop until the client (world rank 0, which calls
 * {@link Context#start}) closes its context, then finalises MPI and exits.
 */
public final class Engine {
    private Engine() {
    }

    /** <b>Collective</b> over the MPI job. Never returns (exits the JVM). */
    public static void main(String[] args) {
        Launch.mpi(true);
    }
}

package org.jdistarray.examples.ompi;

import java.nio.DoubleBuffer;

import mpi.Intracomm;
import mpi.MPI;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiCommunicator;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * A program written against Open MPI's own Java bindings ({@code mpi.MPI}, {@code mpi.Intracomm}) that hands its
 * communicator to JDistArray and gets JDistArray's back. Run under {@code mpirun -np 2} with {@code mpi-first}
 * (the program calls {@code MPI.Init}; JDistArray's session joins) or {@code jdistarray-first} (JDistArray's session
 * initialises MPI through the bindings; the program's {@code MPI.COMM_WORLD} works). Compiled and run by
 * {@code OpenMpiInteropMpiIT} (this source is outside src/test/java: core compiles without mpi.jar).
 */
public final class OpenMpiProgram {
    private OpenMpiProgram() {
    }

    public static void main(String[] args) throws Exception {
        boolean mpiFirst = args.length == 0 || args[0].equals("mpi-first");
        if (mpiFirst) {
            MPI.Init(args);                                          // the program initialises MPI
        }
        int n = 1000;
        try (MpiSession session = MpiSession.init()) {               // joins, or initialises through the bindings
            MpiCommunicator comm = session.fromOpenMpi(MPI.COMM_WORLD); // the same world: no duplicate
            int rank = MPI.COMM_WORLD.getRank();
            double local = 0;
            double total;
            Distribution d = Distribution.builder(comm).shape(n).build();
            try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> g[0])) {
                DoubleBuffer block = a.local().asDoubles();
                for (int i = block.position(); i < block.limit(); i++) {
                    local += block.get(i);
                }
                double[] sum = {local};
                MPI.COMM_WORLD.allReduce(sum, 1, MPI.DOUBLE, MPI.SUM); // Open MPI's API on the array's data
                total = sum[0];
            }
            // and back: a JDistArray communicator used through Open MPI's API
            try (Communicator half = comm.split(rank % 2, rank)) {
                Intracomm ompi = ((MpiCommunicator) half).toOpenMpi(Intracomm.class);
                int[] one = {1};
                ompi.allReduce(one, 1, MPI.INT, MPI.SUM);
                System.out.println("INTEROP rank " + rank + " of " + MPI.COMM_WORLD.getSize()
                        + ": sameWorld=" + (comm == session.world())
                        + " worldBack=" + (session.world().toOpenMpi(Intracomm.class) == MPI.COMM_WORLD)
                        + " sum=" + total + " expected=" + (n * (n - 1) / 2.0)
                        + " splitSize=" + ompi.getSize() + "/" + one[0] + "/" + half.size()
                        + " binding=" + session.binding() + " owner=" + session.ownsMpi());
            }
        }
        if (mpiFirst) {
            MPI.Finalize();                                          // the program finalises what it initialised
        }
    }
}

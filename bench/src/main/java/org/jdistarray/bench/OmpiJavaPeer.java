package org.jdistarray.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.Buffer;
import java.nio.DoubleBuffer;

import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.mpi.MpiCommunicator;

/**
 * The baseline "Open MPI's Java API called directly" ({@code impl=ompi_java}): {@code comm.allReduce(in, out, 1,
 * MPI.DOUBLE, MPI.SUM)} and {@code send}/{@code recv} of one double on direct buffers, on the world communicator
 * that {@link MpiCommunicator#toOpenMpi} returns. The bench module compiles without {@code mpi.jar}, so the calls
 * are constant method handles (the JIT compiles them to the same direct calls as source code would).
 */
final class OmpiJavaPeer {
    private static final MethodHandle ALL_REDUCE;
    private static final MethodHandle SEND;
    private static final MethodHandle RECV;
    private static final MethodHandle GET_RANK;
    private static final Object DOUBLE;
    private static final Object SUM;

    static {
        try {
            Class<?> mpi = Class.forName("mpi.MPI");
            Class<?> comm = Class.forName("mpi.Comm");
            Class<?> datatype = Class.forName("mpi.Datatype");
            Class<?> op = Class.forName("mpi.Op");
            MethodHandles.Lookup l = MethodHandles.publicLookup();
            ALL_REDUCE = l.findVirtual(comm, "allReduce",
                    MethodType.methodType(void.class, Object.class, Object.class, int.class, datatype, op))
                    .asType(MethodType.methodType(void.class, Object.class, Object.class, Object.class, int.class,
                            Object.class, Object.class));
            SEND = l.findVirtual(comm, "send", MethodType.methodType(void.class, Object.class, int.class, datatype,
                    int.class, int.class)).asType(MethodType.methodType(void.class, Object.class, Object.class,
                    int.class, Object.class, int.class, int.class));
            RECV = l.findVirtual(comm, "recv", MethodType.methodType(Class.forName("mpi.Status"), Object.class,
                    int.class, datatype, int.class, int.class)).asType(MethodType.methodType(Object.class,
                    Object.class, Object.class, int.class, Object.class, int.class, int.class));
            GET_RANK = l.findVirtual(comm, "getRank", MethodType.methodType(int.class))
                    .asType(MethodType.methodType(int.class, Object.class));
            DOUBLE = mpi.getField("DOUBLE").get(null);
            SUM = mpi.getField("SUM").get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private OmpiJavaPeer() {
    }

    static void run(MpiCommunicator world, String op, int reps, int calls) {
        Object c = world.toOpenMpi(Object.class);
        int rank = world.rank();
        DoubleBuffer in = DirectBuffers.of(rank + 1.0);
        DoubleBuffer out = DirectBuffers.doubles(1);
        Runnable body;
        if (op.equals("allreduce8")) {
            body = () -> {
                for (int i = 0; i < calls; i++) {
                    allReduce(c, in, out);
                }
            };
        } else if (op.equals("pingpong8") && world.size() >= 2) {
            body = () -> {
                for (int i = 0; i < calls; i++) {
                    if (rank == 0) {
                        send(c, in, 1);
                        recv(c, in, 1);
                    } else if (rank == 1) {
                        recv(c, in, 0);
                        send(c, in, 0);
                    }
                }
            };
        } else if (op.equals("getrank")) {
            int[] sink = new int[1];
            body = () -> {
                for (int i = 0; i < calls; i++) {
                    sink[0] += rank(c);
                }
            };
        } else {
            return;
        }
        for (int w = 0; w < 5; w++) {
            body.run();
        }
        double[] t = CommBenchmark.time(world, body, reps, calls);
        if (op.equals("allreduce8")) {
            int p = world.size();
            if (out.get(0) != p * (p + 1) / 2.0) {
                throw new IllegalStateException("ompi_java allreduce gave " + out.get(0));
            }
        }
        CommBenchmark.report(world, "ompi_java", op, 1, t, -1, reps, op.equals("getrank")
                ? "jni-call-floor:MPI_Comm_rank" : "open-mpi-java-api");
    }

    private static void allReduce(Object comm, Buffer in, Buffer out) {
        try {
            ALL_REDUCE.invokeExact(comm, (Object) in, (Object) out, 1, DOUBLE, SUM);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static int rank(Object comm) {
        try {
            return (int) GET_RANK.invokeExact(comm);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(Object comm, Buffer b, int dest) {
        try {
            SEND.invokeExact(comm, (Object) b, 1, DOUBLE, dest, 0);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void recv(Object comm, Buffer b, int source) {
        try {
            Object status = RECV.invokeExact(comm, (Object) b, 1, DOUBLE, source, 0);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}

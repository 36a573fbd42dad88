package org.jdistarray.bench;

import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.Locale;

import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.ReduceOp;
import org.jdistarray.comm.mpi.MpiSession;

/**
 * Communicator micro-benchmarks under mpirun (Open MPI) or mpiexec.mpich (MPICH), in the shared baseline line format (../shared/bench/README.md):
 * <ul>
 * <li>{@code allreduce8}: {@code MPI_Allreduce} of one double (latency; seconds per call, no bandwidth);</li>
 * <li>{@code pingpong8}: {@code MPI_Send}/{@code MPI_Recv} of one double, rank 0 to 1 and back (point-to-point
 * latency; seconds per round trip; 2 ranks or more);</li>
 * <li>{@code sendrecv8m}: {@code MPI_Sendrecv} of 8 MiB with the partner rank ({@code rank ^ 1}); gbs = 8 MiB per
 * direction per rank / seconds.</li>
 * </ul>
 * Each line says which binding JDistArray used ({@code binding=jna|jni}, chosen with
 * {@code -Djdistarray.mpi.binding}). With {@code -Dbench.ompiJava=true} (Open MPI's Java bindings on the class path
 * and the JNI binding in use) it also times the same calls made directly through Open MPI's Java API
 * ({@code impl=ompi_java}: {@code MPI.COMM_WORLD.allReduce(...)} on direct buffers, {@link OmpiJavaPeer}), the
 * floor of what a JNI path can reach, and {@code getrank}: {@code comm.getRank()} (one JNI call around
 * {@code MPI_Comm_rank}, against the C twin's {@code MPI_Comm_rank}), the cost of crossing JNI.
 * Each figure is the median over {@code PEER_REPS} repetitions (after a warm-up) of the slowest rank's time, divided
 * by the calls per repetition. The C twin is {@code bench/c/comm_bench.c}; {@code bench/run_comm_bench.sh} runs both.
 *
 * <pre>mpirun -np 2 java -cp ... org.jdistarray.bench.CommBenchmark [allreduce8] [sendrecv8m]
 * mpiexec.mpich -bind-to core -np 2 java -Djdistarray.mpi=mpich -cp ... org.jdistarray.bench.CommBenchmark</pre>
 */
public final class CommBenchmark {
    private static final int MIB8_DOUBLES = 1 << 20;
    private static String binding = "jna";

    private CommBenchmark() {
    }

    public static void main(String[] args) {
        int reps = Integer.parseInt(env("PEER_REPS", "15"));
        int latencyCalls = Integer.parseInt(env("COMM_LATENCY_CALLS", "20000"));
        int bandwidthCalls = Integer.parseInt(env("COMM_BANDWIDTH_CALLS", "10"));
        String[] ops = args.length > 0 ? args : new String[] {"allreduce8", "pingpong8", "sendrecv8m"};
        try (MpiSession mpi = MpiSession.init()) {
            Communicator comm = mpi.world();
            binding = mpi.binding().name().toLowerCase(Locale.ROOT);
            boolean raw = Boolean.getBoolean("bench.ompiJava") && mpi.binding() == MpiSession.Binding.JNI;
            for (String op : ops) {
                switch (op) {
                    case "allreduce8" -> allreduce(comm, reps, latencyCalls);
                    case "pingpong8" -> pingpong(comm, reps, latencyCalls);
                    case "sendrecv8m" -> sendrecv(comm, reps, bandwidthCalls);
                    default -> throw new IllegalArgumentException("unknown op " + op
                            + " (allreduce8, pingpong8, sendrecv8m)");
                }
                if (raw && !op.equals("sendrecv8m")) {
                    OmpiJavaPeer.run(mpi.world(), op, reps, latencyCalls);
                }
            }
            if (raw && args.length == 0) {
                OmpiJavaPeer.run(mpi.world(), "getrank", reps, latencyCalls); // the cost of one JNI call
            }
        }
    }

    private static void allreduce(Communicator comm, int reps, int calls) {
        DoubleBuffer in = DirectBuffers.of(comm.rank() + 1.0);
        DoubleBuffer out = DirectBuffers.doubles(1);
        Runnable body = () -> {
            for (int i = 0; i < calls; i++) {
                comm.allReduce(in, out, ReduceOp.SUM);
            }
        };
        for (int w = 0; w < 5; w++) {
            body.run(); // JIT warm-up
        }
        double[] t = time(comm, body, reps, calls);
        int p = comm.size();
        if (out.get(0) != p * (p + 1) / 2.0) {
            throw new IllegalStateException("allreduce gave " + out.get(0));
        }
        report(comm, "allreduce8", 1, t, -1, reps, "direct-buffers");
    }

    private static void pingpong(Communicator comm, int reps, int calls) {
        if (comm.size() < 2) {
            return;
        }
        DoubleBuffer b = DirectBuffers.of(comm.rank() + 1.0);
        int rank = comm.rank();
        Runnable body = () -> {
            for (int i = 0; i < calls; i++) {
                if (rank == 0) {
                    comm.send(b, 1, 0);
                    comm.recv(b, 1, 0);
                } else if (rank == 1) {
                    comm.recv(b, 0, 0);
                    comm.send(b, 0, 0);
                }
            }
        };
        for (int w = 0; w < 3; w++) {
            body.run();
        }
        double[] t = time(comm, body, reps, calls);
        report(comm, "pingpong8", 1, t, -1, reps, "round-trip");
    }

    private static void sendrecv(Communicator comm, int reps, int calls) {
        DoubleBuffer send = DirectBuffers.doubles(MIB8_DOUBLES);
        DoubleBuffer recv = DirectBuffers.doubles(MIB8_DOUBLES);
        for (int i = 0; i < MIB8_DOUBLES; i++) {
            send.put(i, i); // the same data as the C twin
            recv.put(i, -1.0);
        }
        send.put(MIB8_DOUBLES - 1, comm.rank());
        int partner = comm.rank() ^ 1;
        if (partner >= comm.size()) {
            partner = comm.rank();
        }
        int peer = partner;
        Runnable body = () -> {
            for (int i = 0; i < calls; i++) {
                comm.sendRecv(send, peer, 0, recv, peer, 0);
            }
        };
        body.run();
        double[] t = time(comm, body, reps, calls);
        if (recv.get(MIB8_DOUBLES - 1) != peer) {
            throw new IllegalStateException("sendrecv received from " + recv.get(MIB8_DOUBLES - 1));
        }
        report(comm, "sendrecv8m", MIB8_DOUBLES, t, 8.0 * MIB8_DOUBLES, reps, "bytes-per-direction");
    }

    /** Per-call seconds of each repetition: the slowest rank's, sorted. */
    static double[] time(Communicator comm, Runnable body, int reps, int calls) {
        double[] t = new double[reps];
        for (int r = 0; r < reps; r++) {
            comm.barrier();
            long t0 = System.nanoTime();
            body.run();
            double dt = (System.nanoTime() - t0) / 1e9;
            t[r] = Collectives.max(comm, dt) / calls;
        }
        Arrays.sort(t);
        return t;
    }

    private static void report(Communicator comm, String op, int n, double[] t, double bytes, int reps, String note) {
        report(comm, "jdistarray", op, n, t, bytes, reps, note + " binding=" + binding);
    }

    static void report(Communicator comm, String impl, String op, int n, double[] t, double bytes, int reps,
            String note) {
        if (comm.rank() != 0) {
            return;
        }
        int m = t.length;
        double median = m % 2 == 1 ? t[m / 2] : 0.5 * (t[m / 2 - 1] + t[m / 2]);
        String gbs = bytes > 0 ? String.format(Locale.ROOT, "%.2f", bytes / median / 1e9) : "-";
        System.out.printf(Locale.ROOT, "PEER impl=%s op=%s ranks=%d N=%d seconds=%.6g gbs=%s reps=%d min=%.6g note=%s%n",
                impl, op, comm.size(), n, median, gbs, reps, t[0], note);
        System.out.flush();
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}

package org.jdistarray.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.concurrent.TimeUnit;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.local.ThreadCommunicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hot loops over a float64 local block: a sum and an axpy ({@code y += a * x}) over the {@link DoubleBuffer} of a
 * {@code LocalBlock} ({@code local().asDoubles()}), against the same loops over a plain heap {@code double[]} and
 * over a direct native-order {@code DoubleBuffer} that no array owns. The local-block cases are the ones a change
 * of the memory behind {@code LocalBlock} must keep at the speed of the direct buffer. Each case has its own loop, so
 * the JIT's type profile of one buffer class does not leak into another case.
 *
 * <p>One rank ({@link ThreadCommunicator#solo()}), in-process: JMH forks JVMs, which must not run under mpirun.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LocalBlockBenchmark {
    /** Elements per vector: one that fits in L1/L2 (32 KiB), one that does not (8 MiB). */
    @Param({"4096", "1048576"})
    public int size;

    private ThreadCommunicator comm;
    private DistArray xArray;
    private DistArray yArray;
    private DoubleBuffer xBlock;
    private DoubleBuffer yBlock;
    private double[] xHeap;
    private double[] yHeap;
    private DoubleBuffer xDirect;
    private DoubleBuffer yDirect;
    private final double alpha = 1e-9;

    /** <b>Not collective.</b> Allocates the three pairs of vectors, filled with the same values. */
    @Setup(Level.Trial)
    public void setUp() {
        comm = ThreadCommunicator.solo();
        Distribution d = Distribution.builder(comm).shape(size).build();
        xArray = DistArrays.fromFunction(d, DType.FLOAT64, g -> g[0] % 7);
        yArray = DistArrays.fromFunction(d, DType.FLOAT64, g -> g[0] % 5);
        xBlock = xArray.local().asDoubles();
        yBlock = yArray.local().asDoubles();
        xHeap = new double[size];
        yHeap = new double[size];
        xDirect = ByteBuffer.allocateDirect(size * Double.BYTES).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        yDirect = ByteBuffer.allocateDirect(size * Double.BYTES).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        for (int i = 0; i < size; i++) {
            xHeap[i] = i % 7;
            yHeap[i] = i % 5;
            xDirect.put(i, i % 7);
            yDirect.put(i, i % 5);
        }
    }

    /** <b>Not collective.</b> Closes the arrays and the communicator. */
    @TearDown(Level.Trial)
    public void tearDown() {
        xArray.close();
        yArray.close();
        comm.close();
    }

    /** Sum over the local block's buffer. */
    @Benchmark
    public double sumLocalBlock() {
        double s = 0;
        DoubleBuffer x = xBlock;
        for (int i = 0; i < size; i++) {
            s += x.get(i);
        }
        return s;
    }

    /** Sum over a plain heap array (the baseline of the JIT's best loop). */
    @Benchmark
    public double sumHeap() {
        double s = 0;
        double[] x = xHeap;
        for (int i = 0; i < x.length; i++) {
            s += x[i];
        }
        return s;
    }

    /** Sum over a direct buffer that no array owns (the baseline for off-heap memory). */
    @Benchmark
    public double sumDirect() {
        double s = 0;
        DoubleBuffer x = xDirect;
        for (int i = 0; i < size; i++) {
            s += x.get(i);
        }
        return s;
    }

    /** {@code y += alpha * x} over the local blocks' buffers. */
    @Benchmark
    public DoubleBuffer axpyLocalBlock() {
        DoubleBuffer x = xBlock;
        DoubleBuffer y = yBlock;
        for (int i = 0; i < size; i++) {
            y.put(i, y.get(i) + alpha * x.get(i));
        }
        return y;
    }

    /** {@code y += alpha * x} over heap arrays. */
    @Benchmark
    public double[] axpyHeap() {
        double[] x = xHeap;
        double[] y = yHeap;
        for (int i = 0; i < x.length; i++) {
            y[i] += alpha * x[i];
        }
        return y;
    }

    /** {@code y += alpha * x} over direct buffers that no array owns. */
    @Benchmark
    public DoubleBuffer axpyDirect() {
        DoubleBuffer x = xDirect;
        DoubleBuffer y = yDirect;
        for (int i = 0; i < size; i++) {
            y.put(i, y.get(i) + alpha * x.get(i));
        }
        return y;
    }
}

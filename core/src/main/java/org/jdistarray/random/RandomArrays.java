package org.jdistarray.random;

import java.util.List;

import org.jdistarray.array.DistArray;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DistKind;

/**
 * One-call random arrays (NumPy's {@code numpy.random.Generator(Philox(key=seed)).random(...)} and friends) for a
 * fresh {@link Generator#philox(long)} each time; for a stream of calls keep a {@link Generator}.
 */
public final class RandomArrays {
    private RandomArrays() {
    }

    /** <b>Collective.</b> Uniform float64 in [0, 1): {@code Generator.philox(seed).random(dist)}. */
    public static DistArray rand(Distribution dist, long seed) {
        return Generator.philox(seed).random(dist);
    }

    /**
     * <b>Collective.</b> Uniform float64 in [0, 1) of {@code shape}, axis 0 block-distributed over {@code comm} (a
     * 0-d shape: replicated): {@code numpy.random.Generator(numpy.random.Philox(key=seed)).random(shape)}.
     */
    public static DistArray rand(Communicator comm, long seed, long... shape) {
        return rand(blockOver(comm, shape), seed);
    }

    /** <b>Collective.</b> Standard normal float64: {@code Generator.philox(seed).standardNormal(dist)}. */
    public static DistArray randn(Distribution dist, long seed) {
        return Generator.philox(seed).standardNormal(dist);
    }

    /**
     * <b>Collective.</b> A random permutation of {@code 0, ..., n - 1}, int64, block-distributed over {@code comm}:
     * {@code Generator.philox(seed).permutation(dist)}.
     */
    public static DistArray permutation(Communicator comm, long n, long seed) {
        return Generator.philox(seed).permutation(blockOver(comm, new long[] {n}));
    }

    private static Distribution blockOver(Communicator comm, long[] shape) {
        if (shape == null) {
            throw new IllegalArgumentException("rand: the shape is null");
        }
        DistKind[] kinds = new DistKind[shape.length];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = i == 0 ? DistKind.BLOCK : DistKind.UNDISTRIBUTED;
        }
        return Distribution.fromShape(comm, shape, List.of(kinds));
    }
}

package org.jdistarray.bench;

import java.util.function.Function;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.ops.Expr;
import org.jdistarray.ops.Np;
import org.jdistarray.ops.UfuncOptions;
import org.jdistarray.protocol.DType;

/**
 * The operands and fused expression of one large element-wise case on a block layout of {@code n} elements, made the
 * same way for {@link UfuncBenchmark} and its in-process twin {@link UfuncPairBenchmark} (the C twins read the same
 * arrays in the order {@link #arrays} lists them). Closing closes the arrays.
 *
 * @param expr   the expression
 * @param out    {@code out=} its target
 * @param arrays the operands, then the target last
 */
record LargeCase(Expr expr, UfuncOptions out, DistArray... arrays) implements AutoCloseable {
    /** {@code 0.5*x + y} into y ({@code inPlace}) or z: arrays x, y, z. */
    static LargeCase axpy(Communicator comm, long n, boolean inPlace) {
        DType t = DType.FLOAT64;
        DistArray[] v = make(comm, n, d -> ramp(d, t, 7), d -> DistArrays.full(d, t, 1.0), d -> DistArrays.zeros(d, t));
        return new LargeCase(Np.expr(v[0]).multiply(0.5).add(v[1]), UfuncOptions.out(inPlace ? v[1] : v[2]), v);
    }

    /** {@code 3*x + y} (int64: a Python int keeps the dtype) or {@code 0.5*x + y} (float32) into z: x, y, z. */
    static LargeCase axpyTyped(Communicator comm, long n, boolean i64) {
        DType t = i64 ? DType.INT64 : DType.FLOAT32;
        DistArray[] v = make(comm, n, d -> ramp(d, t, 7), d -> DistArrays.ones(d, t), d -> DistArrays.zeros(d, t));
        Expr e = i64 ? Np.expr(v[0]).multiply(Expr.scalar(3L)).add(v[1]) : Np.expr(v[0]).multiply(0.5).add(v[1]);
        return new LargeCase(e, UfuncOptions.out(v[2]), v);
    }

    /** {@code sqrt(a*a + b*b)*c - d} into e: arrays a, b, c, d, e. */
    static LargeCase expr5(Communicator comm, long n, DType t) {
        DistArray[] v = make(comm, n, d -> ramp(d, t, 7), d -> ramp(d, t, 5), d -> DistArrays.full(d, t, 2.0),
                d -> DistArrays.full(d, t, 1.0), d -> DistArrays.zeros(d, t));
        Expr x = Np.expr(v[0]).multiply(v[0]).add(Np.expr(v[1]).multiply(v[1])).sqrt().multiply(v[2]).subtract(v[3]);
        return new LargeCase(x, UfuncOptions.out(v[4]), v);
    }

    /** The local block's address of array {@code i}. */
    long address(int i) {
        return arrays[i].local().address();
    }

    /** This rank's element count. */
    long localCount() {
        return arrays[0].local().elementCount();
    }

    @Override
    public void close() {
        for (DistArray a : arrays) {
            a.close();
        }
    }

    /** {@code g % k}: a short cyclic ramp. */
    private static DistArray ramp(Distribution d, DType t, int k) {
        return DistArrays.fromFunction(d, t, g -> g[0] % k);
    }

    /** One array per maker on a block layout of {@code n} elements; closes those made if one fails. */
    @SafeVarargs
    private static DistArray[] make(Communicator comm, long n, Function<Distribution, DistArray>... makers) {
        Distribution d = Distribution.builder(comm).shape(n).build();
        DistArray[] v = new DistArray[makers.length];
        try {
            for (int i = 0; i < makers.length; i++) {
                v[i] = makers[i].apply(d);
            }
            return v;
        } catch (RuntimeException e) {
            for (DistArray a : v) {
                if (a != null) {
                    a.close();
                }
            }
            throw e;
        }
    }
}

package org.jdistarray.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jdistarray.array.Cases;
import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrayContract;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.local.ThreadCommunicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Test;

/**
 * Oracle tests of the ufuncs on distributed arrays: every ufunc on every case of {@link Cases} (every distribution
 * kind, 1-D to 4-D, irregular, empty and padded blocks) for float64, int32, and mixed float32/int16 and uint8/int64
 * operands, against the same operation on a serial (one-rank) copy of the global values; array-scalar and
 * scalar-array forms; broadcasting of replicated and aligned operands against the materialised broadcast; fused
 * expressions against eager ones; {@code out=}, casting and in-place forms; errors raised on every rank. (That the
 * serial results are NumPy's is {@link NumpyUfuncFixtureTest}.) Subclasses run the bodies on threads or under mpirun.
 */
public abstract class UfuncContract {
    /** Operand dtype pairs: same type, and mixed pairs that promote. */
    static final DType[][] PAIRS = {{DType.FLOAT64, DType.FLOAT64}, {DType.INT32, DType.INT32},
            {DType.FLOAT32, DType.INT16}, {DType.UINT8, DType.INT64}};

    protected abstract void onRanks(DistArrayContract.Spmd task) throws Exception;

    static double second(long flat, BinaryOp op) {
        double v = Cases.value(flat + 7);
        return op == BinaryOp.POWER ? Math.abs(v) % 4 : op == BinaryOp.LEFT_SHIFT || op == BinaryOp.RIGHT_SHIFT
                ? Math.abs(v) % 70 : v;
    }

    /** Gathers to rank 0 as text (bits of floats, values of integers) so that any dtype compares exactly. */
    static String[] gather(DistArray a) {
        if (a.dtype() == DType.FLOAT32 || a.dtype() == DType.FLOAT64) {
            double[] v = a.toDoubleArray(0);
            return v == null ? null : java.util.Arrays.stream(v).mapToObj(Double::toString).toArray(String[]::new);
        }
        long[] v = a.toLongArray(0);
        return v == null ? null : java.util.Arrays.stream(v).mapToObj(Long::toString).toArray(String[]::new);
    }

    static DistArray make(Distribution d, DType t, java.util.function.LongToDoubleFunction f) {
        long[] shape = d.shape();
        return DistArrays.fromFunction(d, t, g -> f.applyAsDouble(Cases.flat(shape, g)));
    }

    /** The same computation on a one-rank copy of the global values (the serial reference). */
    static String[] serial(long[] shape, Function<Distribution, DistArray> compute) {
        try (ThreadCommunicator solo = ThreadCommunicator.solo()) {
            Distribution d = Distribution.builder(solo).shape(shape).build();
            try (DistArray r = compute.apply(d)) {
                return gather(r);
            }
        }
    }

    private void eachCase(CaseBody body) throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : Cases.all()) {
                Distribution d = c.make().apply(comm);
                try {
                    body.run(comm, d);
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError(c.name() + " on " + comm.size() + " ranks, rank " + comm.rank() + ": " + e, e);
                }
            }
        });
    }

    @FunctionalInterface
    interface CaseBody {
        void run(Communicator comm, Distribution d) throws Exception;
    }

    @Test
    void everyUnaryUfuncMatchesTheSerialReference() throws Exception {
        eachCase((comm, d) -> {
            for (DType t : new DType[] {DType.FLOAT64, DType.INT32, DType.FLOAT32, DType.UINT8}) {
                for (UnaryOp op : UnaryOp.values()) {
                    if (!typeOk(op, t)) {
                        continue;
                    }
                    try (DistArray a = make(d, t, Cases::value); DistArray r = Np.apply(op, a, null)) {
                        String[] got = gather(r);
                        if (comm.rank() == 0) {
                            String[] want = serial(d.shape(), s -> {
                                try (DistArray x = make(s, t, Cases::value)) {
                                    return Np.apply(op, x, null);
                                }
                            });
                            assertArrayEquals(want, got, op + " " + t);
                        }
                    }
                }
            }
        });
    }

    /** Whether NumPy has a loop for {@code op} on {@code t} (bool-only refusals are tested elsewhere). */
    static boolean typeOk(UnaryOp op, DType t) {
        try {
            Loops.resolve(op, Operand.array(t), Casting.SAME_KIND);
            return true;
        } catch (UfuncTypeException e) {
            return false;
        }
    }

    static boolean typeOk(BinaryOp op, DType a, DType b) {
        try {
            Loops.resolve(op, Operand.array(a), Operand.array(b), Casting.SAME_KIND);
            return true;
        } catch (UfuncTypeException e) {
            return false;
        }
    }

    @Test
    void everyBinaryUfuncMatchesTheSerialReferenceForEveryPairClass() throws Exception {
        eachCase((comm, d) -> {
            for (DType[] p : PAIRS) {
                for (BinaryOp op : BinaryOp.values()) {
                    if (!typeOk(op, p[0], p[1])) {
                        continue;
                    }
                    try (DistArray a = make(d, p[0], Cases::value); DistArray b = make(d, p[1], f -> second(f, op));
                         DistArray r = Np.apply(op, a, b, null)) {
                        String[] got = gather(r);
                        if (comm.rank() == 0) {
                            String[] want = serial(d.shape(), s -> {
                                try (DistArray x = make(s, p[0], Cases::value);
                                     DistArray y = make(s, p[1], f -> second(f, op))) {
                                    return Np.apply(op, x, y, null);
                                }
                            });
                            assertArrayEquals(want, got, op + " " + p[0] + " " + p[1]);
                        }
                    }
                }
            }
        });
    }

    @Test
    void scalarOperandsOnEitherSide() throws Exception {
        eachCase((comm, d) -> {
            for (BinaryOp op : List.of(BinaryOp.ADD, BinaryOp.SUBTRACT, BinaryOp.MULTIPLY, BinaryOp.DIVIDE,
                    BinaryOp.FLOOR_DIVIDE, BinaryOp.REMAINDER, BinaryOp.GREATER, BinaryOp.MAXIMUM)) {
                for (Object s : new Object[] {3L, -1L, 300L, 2.5, true}) {
                    try (DistArray a = make(d, DType.UINT8, Cases::value); DistArray r1 = Np.apply(op, a, s, null);
                         DistArray r2 = Np.apply(op, s, a, null)) {
                        assertEquals(Promotion.resultType(DType.UINT8, s) == r1.dtype() || op.returnsBool()
                                || !op.isUniform(), true);
                        String[] g1 = gather(r1);
                        String[] g2 = gather(r2);
                        if (comm.rank() == 0) {
                            assertArrayEquals(serial(d.shape(), x -> {
                                try (DistArray y = make(x, DType.UINT8, Cases::value)) {
                                    return Np.apply(op, y, s, null);
                                }
                            }), g1, op + " array, " + s);
                            assertArrayEquals(serial(d.shape(), x -> {
                                try (DistArray y = make(x, DType.UINT8, Cases::value)) {
                                    return Np.apply(op, s, y, null);
                                }
                            }), g2, op + " " + s + ", array");
                        }
                    }
                }
            }
        });
    }

    @Test
    void fusedExpressionsEqualTheEagerOnes() throws Exception {
        eachCase((comm, d) -> {
            try (DistArray a = make(d, DType.FLOAT64, Cases::value); DistArray x = make(d, DType.FLOAT64, f -> f % 7);
                 DistArray y = make(d, DType.FLOAT32, f -> -f); DistArray m = make(d, DType.INT32, f -> f % 3 - 1);
                 DistArray axpy = Np.expr(x).multiply(2.5).add(y).eval();
                 DistArray norm = Np.expr(a).square().add(Np.expr(x).multiply(x)).sqrt().subtract(y).eval();
                 DistArray sel = Expr.where(Np.expr(m).greater(0.0), Expr.of(a), Expr.of(y)).eval();
                 DistArray t1 = x.multiply(2.5); DistArray e1 = t1.add(y);
                 DistArray t2 = a.multiply(a); DistArray t3 = x.multiply(x); DistArray t4 = t2.add(t3);
                 DistArray t5 = Np.sqrt(t4); DistArray e2 = t5.subtract(y);
                 DistArray t6 = m.greater(0.0); DistArray e3 = Np.where(t6, a, y)) {
                assertEquals(DType.FLOAT64, axpy.dtype());
                assertArrayEquals(gather(e1), gather(axpy));
                assertArrayEquals(gather(e2), gather(norm));
                assertArrayEquals(gather(e3), gather(sel));
            }
        });
    }

    @Test
    void outCastingAndInPlace() throws Exception {
        eachCase((comm, d) -> {
            try (DistArray a = make(d, DType.FLOAT64, Cases::value); DistArray b = make(d, DType.INT32, f -> f % 5);
                 DistArray o = DistArrays.zeros(d, DType.INT32); DistArray sum = a.add(b)) {
                UfuncTypeException e = assertThrows(UfuncTypeException.class,
                        () -> Np.add(a, b, UfuncOptions.out(o)));
                assertEquals("Cannot cast ufunc 'add' output from dtype('float64') to dtype('int32') with casting"
                        + " rule 'same_kind'", e.getMessage());
                assertSame(o, Np.add(a, b, UfuncOptions.out(o).casting("unsafe")));
                try (DistArray want = sum.astype(DType.INT32)) {
                    assertArrayEquals(gather(want), gather(o));
                }
                assertSame(b, b.addInPlace(3));
                assertSame(b, b.multiplyInPlace(b));
                try (DistArray want = serialLike(d, f -> (f % 5 + 3) * (f % 5 + 3))) {
                    assertArrayEquals(gather(want), gather(b));
                }
                assertThrows(UfuncTypeException.class, () -> b.addInPlace(1.5)); // float64 into int32: same_kind
            }
        });
    }

    private static DistArray serialLike(Distribution d, java.util.function.LongToDoubleFunction f) {
        return make(d, DType.INT32, f);
    }

    @Test
    void broadcastingOfReplicatedAndAlignedOperands() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            List<Distribution> results = new ArrayList<>();
            results.add(Distribution.builder(comm).shape(2L * p + 1, 5).build());
            results.add(Distribution.builder(comm).shape(2L * p + 1, 5).cyclic(0).build());
            results.add(Distribution.builder(comm).shape(3, 2L * p, 4).grid(1, p, 1).build());
            results.add(Distribution.builder(comm).shape(2L * p + 6, 5).padding(0, 1, 1).grid(p, 1).build());
            for (Distribution d : results) {
                long[] s = d.shape();
                int nd = s.length;
                List<long[]> opShapes = new ArrayList<>();
                opShapes.add(new long[] {s[nd - 1]});
                opShapes.add(new long[] {});
                long[] ones = s.clone();
                ones[0] = 1;
                opShapes.add(ones);
                long[] col = s.clone();
                col[nd - 1] = 1;
                opShapes.add(col);
                for (long[] os : opShapes) {
                    Distribution rep = replicated(comm, os);
                    try (DistArray a = make(d, DType.FLOAT64, Cases::value); DistArray b = make(rep, DType.INT16, f -> f + 1);
                         DistArray r = a.subtract(b); DistArray r2 = Np.subtract(b, a, null);
                         DistArray full = DistArrays.fromFunction(d, DType.INT16, g -> 1 + broadcastFlat(os, s, g));
                         DistArray want = a.subtract(full); DistArray want2 = full.subtract(a)) {
                        assertArrayEquals(gather(want), gather(r), java.util.Arrays.toString(os));
                        assertArrayEquals(gather(want2), gather(r2), java.util.Arrays.toString(os));
                    }
                }
                if (d.gridShape()[0] == p && d.axes().get(0) instanceof org.jdistarray.protocol.BlockAxis) {
                    // (n, 1) distributed along axis 0 exactly as the result: read in place, stride 0 along axis 1
                    Distribution aligned = Distribution.builder(comm).shape(col).padding(0,
                            d.shape()[0] == 2L * p + 6 ? 1 : 0, d.shape()[0] == 2L * p + 6 ? 1 : 0).grid(p, 1).build();
                    try (DistArray a = make(d, DType.FLOAT64, Cases::value); DistArray b = make(aligned, DType.FLOAT64, f -> f * 3);
                         DistArray r = a.add(b);
                         DistArray full = DistArrays.fromFunction(d, DType.FLOAT64, g -> 3 * broadcastFlat(col, s, g));
                         DistArray want = a.add(full)) {
                        assertArrayEquals(gather(want), gather(r));
                    }
                }
            }
        });
    }

    static Distribution replicated(Communicator comm, long[] shape) {
        var b = Distribution.builder(comm).shape(shape);
        for (int i = 0; i < shape.length; i++) {
            b.undistributed(i);
        }
        return b.build();
    }

    /** The flat index in an operand of shape {@code os} of the element broadcast to result index {@code g}. */
    static long broadcastFlat(long[] os, long[] s, long[] g) {
        long f = 0;
        for (int j = 0; j < os.length; j++) {
            long gi = g[j + s.length - os.length];
            f = f * os[j] + (os[j] == 1 ? 0 : gi);
        }
        return f;
    }

    @Test
    void errorsOnEveryRank() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            Distribution d = Distribution.builder(comm).shape(3, 4).build();
            Distribution v = Distribution.builder(comm).shape(5).undistributed(0).build();
            try (DistArray a = DistArrays.ones(d, DType.FLOAT64); DistArray b = DistArrays.ones(v, DType.FLOAT64);
                 DistArray bool = DistArrays.ones(d, DType.BOOL); DistArray ints = make(d, DType.INT64, f -> f - 3)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(b));
                assertEquals("operands could not be broadcast together with shapes (3,4) (5,) ", e.getMessage());
                UfuncTypeException t = assertThrows(UfuncTypeException.class, () -> bool.subtract(bool));
                assertTrue(t.getMessage().startsWith("numpy boolean subtract, the `-` operator, is not supported"));
                assertThrows(UfuncTypeException.class, () -> Np.invert(a));
                // an integer power with a negative exponent on one rank only: the error on every rank
                IllegalArgumentException neg = assertThrows(IllegalArgumentException.class, () -> ints.power(ints));
                assertEquals("Integers to negative integer powers are not allowed.", neg.getMessage());
                try (DistArray o = DistArrays.zeros(Distribution.builder(comm).shape(4).undistributed(0).build(),
                        DType.FLOAT64)) {
                    IllegalArgumentException oe = assertThrows(IllegalArgumentException.class,
                            () -> Np.add(a, a, UfuncOptions.out(o)));
                    assertEquals("non-broadcastable output operand with shape (4,) doesn't match the broadcast shape"
                            + " (3,4)", oe.getMessage());
                }
                if (p > 1) {
                    // operands whose elements are on other ranks are brought to a readable layout first
                    Distribution row = Distribution.builder(comm).shape(4).cyclic(0).build();
                    Distribution rows = Distribution.builder(comm).shape(3, 4).grid(p, 1).build();
                    Distribution cyc = Distribution.builder(comm).shape(3, 4).cyclic(0).grid(p, 1).build();
                    Distribution col = Distribution.builder(comm).shape(3, 1).cyclic(0).build();
                    Distribution top = Distribution.builder(comm).shape(1, 4).cyclic(1).build();
                    try (DistArray r = DistArrays.fromFunction(row, DType.FLOAT64, g -> 10 * g[0]);
                         DistArray c = DistArrays.fromFunction(cyc, DType.FLOAT64, g -> 100 * g[0] + g[1]);
                         DistArray br = DistArrays.fromFunction(rows, DType.FLOAT64, g -> g[0] - g[1]);
                         DistArray k = DistArrays.fromFunction(col, DType.FLOAT64, g -> 1000 * g[0]);
                         DistArray tp = DistArrays.fromFunction(top, DType.FLOAT64, g -> 7 * g[1]);
                         DistArray s1 = a.add(r); DistArray s2 = br.add(c); DistArray s3 = Np.multiply(k, br);
                         DistArray s4 = Np.add(k, tp)) {
                        assertEquals(d, s1.distribution());
                        assertEquals(rows, s2.distribution());
                        assertGrid(s1, comm.rank(), (i, j) -> 1 + 10 * j);
                        assertGrid(s2, comm.rank(), (i, j) -> i - j + 100 * i + j);
                        assertGrid(s3, comm.rank(), (i, j) -> 1000 * i * (i - j));
                        assertGrid(s4, comm.rank(), (i, j) -> 1000 * i + 7 * j);
                        String ex = Np.expr(br).add(c).explain();
                        assertTrue(ex.contains("operand 0 float64(3,4): read in place"), ex);
                        assertTrue(ex.contains("loop: the tile evaluator (one pass over 256-element tiles; an operand is"
                                + " moved first)"), ex);
                        assertTrue(ex.contains("operand 1 float64(3,4): redistributed to"), ex);
                        String ex2 = Np.expr(a).add(r).explain();
                        boolean aligned = d.gridShape()[0] == 1; // a's rows undistributed: r is aligned
                        assertTrue(ex2.contains("operand 1 float64(4,): " + (aligned ? "redistributed to" : "replicated")),
                                ex2);
                    }
                }
            }
        });
    }

    @Test
    void fusedAxpyFormsGiveTheTileEvaluatorsBits() throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : Cases.all()) {
                Distribution d = c.make().apply(comm);
                long[] shape = d.shape();
                try (DistArray x = DistArrays.fromFunction(d, DType.FLOAT64, g -> Cases.value(Cases.flat(shape, g)) / 3);
                        DistArray y = DistArrays.fromFunction(d, DType.FLOAT64, g -> Cases.value(Cases.flat(shape, g) + 5) / 7);
                        DistArray t = x.multiply(0.1); DistArray want = t.add(y);
                        DistArray ti = x.multiply(3L); DistArray wanti = y.add(ti);
                        DistArray f1 = Np.expr(x).multiply(0.1).add(y).eval();
                        DistArray f2 = Expr.scalar(0.1).multiply(x).add(y).eval();
                        DistArray f3 = Np.expr(y).add(Np.expr(x).apply(BinaryOp.MULTIPLY, 3L)).eval();
                        DistArray s = Np.subtract(x, y); DistArray m = Np.multiply(y, x);
                        DistArray sx = Np.expr(x).subtract(Np.expr(y)).eval(); DistArray mx = Np.expr(y).multiply(Np.expr(x)).eval();
                        DistArray yy = DistArrays.fromFunction(d, DType.FLOAT64, g -> Cases.value(Cases.flat(shape, g) + 5) / 7)) {
                    Np.expr(x).multiply(0.1).add(yy).eval(UfuncOptions.out(yy)); // in place: y = 0.1*x + y
                    double[] w = want.toDoubleArray(0);
                    double[] wi = wanti.toDoubleArray(0);
                    double[][] got = {f1.toDoubleArray(0), f2.toDoubleArray(0), yy.toDoubleArray(0)};
                    double[] g3 = f3.toDoubleArray(0);
                    if (comm.rank() == 0) {
                        for (double[] g : got) {
                            assertArrayEquals(w, g, c.name());
                        }
                        assertArrayEquals(wi, g3, c.name());
                    }
                    double[] gs = s.toDoubleArray(0);
                    double[] gm = m.toDoubleArray(0);
                    double[] gx = x.toDoubleArray(0);
                    double[] gy = y.toDoubleArray(0);
                    if (comm.rank() == 0) {
                        for (int i = 0; i < gx.length; i++) {
                            assertEquals(gx[i] - gy[i], gs[i], 0.0, c.name());
                            assertEquals(Double.doubleToRawLongBits(gy[i] * gx[i]), Double.doubleToRawLongBits(gm[i]),
                                    c.name());
                        }
                    }
                    sx.close();
                    mx.close();
                }
            }
        });
    }

    /** Edge values among ordinary ones: NaN, -0.0, +-inf every few elements. */
    private static double special(long[] shape, long[] g, int salt) {
        long f = Cases.flat(shape, g) + salt;
        return switch ((int) (f % 13)) {
            case 0 -> Double.NaN;
            case 1 -> -0.0;
            case 2 -> Double.POSITIVE_INFINITY;
            case 3 -> Double.NEGATIVE_INFINITY;
            default -> Cases.value(f) / 3;
        };
    }

    @Test
    void fusedFloat64LoopsGiveTheElementFormulasBits() throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : Cases.all()) {
                Distribution d = c.make().apply(comm);
                long[] shape = d.shape();
                try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> special(shape, g, 0));
                        DistArray b = DistArrays.fromFunction(d, DType.FLOAT64, g -> special(shape, g, 5));
                        DistArray cc = DistArrays.fromFunction(d, DType.FLOAT64, g -> special(shape, g, 7) - 1);
                        DistArray dd = DistArrays.fromFunction(d, DType.FLOAT64, g -> special(shape, g, 11) * 0.5);
                        DistArray e5 = Np.expr(a).multiply(a).add(Np.expr(b).multiply(b)).sqrt().multiply(cc)
                                .subtract(dd).eval();
                        DistArray mix = Np.expr(a).divide(Np.expr(b).absolute()).add(2.5).negative().square()
                                .subtract(Expr.scalar(3L).multiply(cc)).apply(BinaryOp.TRUE_DIVIDE, 0.25).eval();
                        DistArray inPlace = DistArrays.fromFunction(d, DType.FLOAT64, g -> special(shape, g, 5));
                        DistArray mixed32 = DistArrays.fromFunction(d, DType.FLOAT32, g -> special(shape, g, 3));
                        DistArray promoted = Np.expr(a).multiply(Np.expr(mixed32)).sqrt().eval()) {
                    // in place: b' = sqrt(a*b' + b') / 0.5 (the output is an operand)
                    Np.expr(a).multiply(inPlace).add(inPlace).sqrt().divide(0.5).eval(UfuncOptions.out(inPlace));
                    double[] x = a.toDoubleArray(0);
                    double[] y = b.toDoubleArray(0);
                    double[] z = cc.toDoubleArray(0);
                    double[] w = dd.toDoubleArray(0);
                    double[] f32 = mixed32.toDoubleArray(0);
                    double[][] got = {e5.toDoubleArray(0), mix.toDoubleArray(0), inPlace.toDoubleArray(0),
                        promoted.toDoubleArray(0)};
                    if (comm.rank() == 0) {
                        for (int i = 0; i < x.length; i++) {
                            double sq = -(x[i] / Math.abs(y[i]) + 2.5);
                            double[] want = {Math.sqrt(x[i] * x[i] + y[i] * y[i]) * z[i] - w[i],
                                (sq * sq - 3.0 * z[i]) / 0.25, Math.sqrt(x[i] * y[i] + y[i]) / 0.5,
                                Math.sqrt(x[i] * f32[i])};
                            for (int k = 0; k < want.length; k++) {
                                assertEquals(Double.doubleToRawLongBits(want[k]), Double.doubleToRawLongBits(got[k][i]),
                                        c.name() + " expression " + k + " element " + i);
                            }
                        }
                    }
                }
            }
        });
    }

    /**
     * Fused expressions through {@link ExprCompiler}'s loops (compiled at the first evaluation: {@code sync}): a float64 and a
     * float32 expression through their compiled loops, on block and cyclic layouts with uneven blocks, against the
     * serial formula (NaN, -0.0 and infinities among the values; any NaN equals any NaN, see ExprCompilerTest).
     * Without a C compiler or the native loops the interpreter or the Java loops run, to the same values.
     */
    @Test
    void compiledExpressionLoopsMatchTheSerialFormula() throws Exception {
        String saved = ExprCompiler.mode;
        ExprCompiler.mode = "sync";
        try {
            onRanks(comm -> {
                long before = ExprCompiler.calls();
                long n = 4099L * comm.size() + 2L * comm.size() + 1;
                for (int layout = 0; layout < 2; layout++) {
                    var b = Distribution.builder(comm).shape(n);
                    Distribution d = layout == 0 ? b.build() : b.cyclic(0).build();
                    long[] shape = d.shape();
                    try (DistArray x = DistArrays.fromFunction(d, DType.FLOAT64, g -> special(shape, g, 0));
                            DistArray y = DistArrays.fromFunction(d, DType.FLOAT64, g -> special(shape, g, 4) * 0.75);
                            DistArray x32 = DistArrays.fromFunction(d, DType.FLOAT32, g -> special(shape, g, 1));
                            DistArray y32 = DistArrays.fromFunction(d, DType.FLOAT32, g -> special(shape, g, 6));
                            DistArray r = Np.expr(x).subtract(y).multiply(Np.expr(x).add(0.5))
                                    .divide(Np.expr(y).absolute().add(1.0).sqrt()).eval();
                            DistArray r32 = Np.expr(x32).multiply(y32).subtract(Np.expr(y32).square()).negative()
                                    .multiply(0.3).eval()) {
                        double[] gx = x.toDoubleArray(0);
                        double[] gy = y.toDoubleArray(0);
                        double[] fx = x32.toDoubleArray(0);
                        double[] fy = y32.toDoubleArray(0);
                        double[] got = r.toDoubleArray(0);
                        double[] got32 = r32.toDoubleArray(0);
                        float tenths = (float) 0.3;
                        String ex = Np.expr(x).subtract(y).multiply(Np.expr(x).add(0.5))
                                .divide(Np.expr(y).absolute().add(1.0).sqrt()).explain();
                        assertTrue(ex.contains(ExprCompiler.enabled() ? "loop: the shape's compiled C loop"
                                : "loop: the "), ex);
                        if (comm.rank() == 0) {
                            for (int i = 0; i < n; i++) {
                                double want = (gx[i] - gy[i]) * (gx[i] + 0.5) / Math.sqrt(Math.abs(gy[i]) + 1.0);
                                assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(got[i]),
                                        "float64 element " + i + " layout " + layout);
                                float p = (float) fx[i] * (float) fy[i];
                                float q = (float) fy[i] * (float) fy[i];
                                float want32 = -(p - q) * tenths;
                                assertEquals(Float.floatToIntBits(want32), Float.floatToIntBits((float) got32[i]),
                                        "float32 element " + i + " layout " + layout);
                            }
                        }
                    }
                }
                if (ExprCompiler.enabled()) {
                    // a compiler is there (CI's too): the loops ran compiled (else the status says why not)
                    assertTrue(ExprCompiler.calls() > before, ExprCompiler.status());
                }
            });
        } finally {
            ExprCompiler.mode = saved;
        }
    }

    @Test
    void float32ExpressionsRoundEveryNode() throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : Cases.all()) {
                Distribution d = c.make().apply(comm);
                long[] shape = d.shape();
                try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT32, g -> special(shape, g, 0));
                        DistArray b = DistArrays.fromFunction(d, DType.FLOAT32, g -> special(shape, g, 5) * 1.1);
                        DistArray cc = DistArrays.fromFunction(d, DType.FLOAT32, g -> special(shape, g, 7) - 1);
                        DistArray e5 = Np.expr(a).multiply(a).add(Np.expr(b).multiply(b)).sqrt().multiply(cc)
                                .subtract(0.1).eval();
                        DistArray q = Np.expr(a).divide(b).negative().add(Np.expr(cc).square()).eval();
                        DistArray z = DistArrays.zeros(d, DType.FLOAT32)) {
                    assertEquals(DType.FLOAT32, e5.dtype());
                    Np.expr(cc).multiply(0.1).add(a).eval(UfuncOptions.out(z));
                    double[] x = a.toDoubleArray(0);
                    double[] y = b.toDoubleArray(0);
                    double[] w = cc.toDoubleArray(0);
                    double[][] got = {e5.toDoubleArray(0), q.toDoubleArray(0), z.toDoubleArray(0)};
                    double tenth = (float) 0.1;
                    if (comm.rank() == 0) {
                        for (int i = 0; i < x.length; i++) {
                            float s = (float) Math.sqrt((float) ((float) (x[i] * x[i]) + (float) (y[i] * y[i])));
                            float e = (float) ((float) (s * w[i]) - tenth);
                            float r = (float) ((float) -(float) (x[i] / y[i]) + (float) (w[i] * w[i]));
                            float f = (float) ((float) (w[i] * tenth) + x[i]);
                            double[] want = {e, r, f};
                            for (int k = 0; k < want.length; k++) {
                                assertEquals(Double.doubleToRawLongBits(want[k]), Double.doubleToRawLongBits(got[k][i]),
                                        c.name() + " float32 expression " + k + " element " + i);
                            }
                        }
                    }
                }
            }
        });
    }

    @Test
    void jacobiSweepsMatchTheSerialReference() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            long rows = 9;
            long cols = 2L * p + 5;
            List<Distribution> layouts = List.of(
                    Distribution.builder(comm).shape(rows, cols).padding(0, 1, 0).padding(1, 1, 0).build(),
                    Distribution.builder(comm).shape(rows, cols).grid(p, 1).padding(0, 1, 0).build(),
                    Distribution.builder(comm).shape(rows, cols).grid(1, p).padding(1, 1, 0).build());
            double[] ref = new double[(int) (rows * cols)];
            for (int q = 0; q < ref.length; q++) {
                ref[q] = Cases.value(q);
            }
            for (int sweep = 0; sweep < 3; sweep++) {
                double[] next = ref.clone();
                for (int i = 1; i < rows - 1; i++) {
                    for (int j = 1; j < cols - 1; j++) {
                        int q = (int) (i * cols + j);
                        next[q] = 0.25 * (ref[q - (int) cols] + ref[q + (int) cols] + ref[q - 1] + ref[q + 1]);
                    }
                }
                ref = next;
            }
            for (Distribution d : layouts) {
                try (DistArray u0 = DistArrays.fromFunction(d, DType.FLOAT64, g -> Cases.value(g[0] * cols + g[1]));
                        DistArray u1 = DistArrays.zeros(d, DType.FLOAT64)) {
                    DistArray u = u0;
                    DistArray v = u1;
                    for (int sweep = 0; sweep < 3; sweep++) {
                        StencilSweeps.jacobi5(u, v);
                        DistArray t = u;
                        u = v;
                        v = t;
                    }
                    double[] got = u.toDoubleArray(0);
                    if (comm.rank() == 0) {
                        assertArrayEquals(ref, got, d.toString());
                    }
                }
            }
        });
    }

    interface IJ {
        double at(long i, long j);
    }

    /** The gathered 2-D result equals {@code f} on rank 0. */
    static void assertGrid(DistArray r, int rank, IJ f) {
        double[] g = r.toDoubleArray(0);
        if (rank != 0) {
            return;
        }
        long m = r.shape()[1];
        for (int q = 0; q < g.length; q++) {
            assertEquals(f.at(q / m, q % m), g[q], 0.0, "element " + q);
        }
    }
}

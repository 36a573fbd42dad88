package org.jdistarray.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compiled loops of {@link ExprCompiler} against the expression machine they replace, bit for bit: random
 * float64 and float32 programs of every op (scalars, repeated leaves, deep stacks), sizes from 0 to past a vector
 * loop's tail, NaN, ±inf, -0.0 and subnormals among the values, into a separate output and in place; a failing
 * compiler; malformed programs; and the switch inside an evaluation on thread ranks, from the interpreter to the
 * compiled loop, with the Java loops' bits before and after.
 */
class ExprCompilerTest {
    private static final int[] SIZES = {0, 1, 7, 64, 1000, 4099};

    private static void assumeCompiler() {
        Assumptions.assumeTrue(NativeKernels.LOADED, "the native library is not built here");
        Assumptions.assumeTrue(ExprCompiler.compiler() != null, "no C compiler here");
    }

    private static double value(SplittableRandom r) {
        return NativeKernelsTest.value(r);
    }

    /** A random postfix tree over 4 leaves and up to 6 scalars, at most {@code depth} deep. */
    private static void tree(SplittableRandom r, List<Integer> out, int depth, int[] scalars) {
        if (depth == 0 || r.nextInt(5) == 0) {
            if (r.nextInt(4) == 0 && scalars[0] < 6) {
                out.add(NativeKernels.OP_SCALAR | (scalars[0]++ << 8));
            } else {
                out.add(NativeKernels.OP_LEAF | (r.nextInt(4) << 8));
            }
            return;
        }
        if (r.nextInt(3) == 0) {
            tree(r, out, depth - 1, scalars);
            out.add(NativeKernels.OP_SQRT + r.nextInt(5)); // sqrt abs neg square pos
            return;
        }
        tree(r, out, depth - 1, scalars);
        tree(r, out, depth - 1, scalars);
        out.add(NativeKernels.OP_ADD + r.nextInt(4)); // add sub mul div
    }

    /** The stack depth a program needs. */
    private static int depth(int[] p) {
        int sp = 0;
        int max = 0;
        for (int c : p) {
            int op = c & 0xff;
            sp += op <= NativeKernels.OP_SCALAR ? 1 : op >= NativeKernels.OP_SQRT ? 0 : -1;
            max = Math.max(max, sp);
        }
        return max;
    }

    private static List<int[]> programs(long seed, int count) {
        List<int[]> ps = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(seed);
        ps.add(ExprCompiler.EXPR5.clone());
        while (ps.size() < count) {
            List<Integer> l = new ArrayList<>();
            int[] scalars = {0};
            tree(r, l, 1 + r.nextInt(6), scalars);
            // an array at the root, as FusedFloat64's programs always have one
            l.add(NativeKernels.OP_LEAF | (r.nextInt(4) << 8));
            l.add(NativeKernels.OP_ADD + r.nextInt(4));
            int[] p = l.stream().mapToInt(Integer::intValue).toArray();
            if (p.length <= NativeKernels.MAX_OPS && depth(p) <= NativeKernels.MAX_DEPTH) {
                ps.add(p);
            }
        }
        return ps;
    }

    private static ByteBuffer buffer(int n, int size) {
        return ByteBuffer.allocateDirect(Math.max(1, n) * size + 64).order(ByteOrder.nativeOrder());
    }

    private static long at(ByteBuffer b) {
        return ReduceKernels.address(b);
    }

    @ParameterizedTest(name = "float32 {0}")
    @ValueSource(booleans = {false, true})
    void compiledLoopsGiveTheMachinesBits(boolean f32) {
        assumeCompiler();
        int size = f32 ? 4 : 8;
        int max = SIZES[SIZES.length - 1];
        SplittableRandom r = new SplittableRandom(f32 ? 11 : 7);
        ByteBuffer[] leaves = new ByteBuffer[4];
        long[] addresses = new long[4];
        for (int k = 0; k < 4; k++) {
            leaves[k] = buffer(max, size);
            for (int i = 0; i < max; i++) {
                if (f32) {
                    leaves[k].putFloat(i * 4, (float) value(r));
                } else {
                    leaves[k].putDouble(i * 8, value(r));
                }
            }
            addresses[k] = at(leaves[k]);
        }
        double[] scalars = new double[6];
        for (int i = 0; i < scalars.length; i++) {
            double v = value(r);
            scalars[i] = f32 ? (float) v : v; // float32 scalars arrive rounded
        }
        ByteBuffer want = buffer(max, size);
        ByteBuffer got = buffer(max, size);
        ByteBuffer copy = buffer(max, size);
        for (int[] p : programs(f32 ? 101 : 202, 14)) {
            ExprCompiler.Kernel k = ExprCompiler.compileNow(p, f32, ExprCompiler.compiler());
            assertNull(k.failure(), ExprCompiler.source(p, f32));
            assertNotEquals(0, k.address());
            for (int n : SIZES) {
                // into a separate output
                if (f32) {
                    NativeKernels.evalF32(p, addresses, scalars, at(want), n);
                } else {
                    NativeKernels.evalF64(p, addresses, scalars, at(want), n);
                }
                NativeKernels.call(k.address(), f32, addresses, scalars, at(got), n);
                assertSameBytes(want, got, n, f32, p, "new");
                // in place: the output is leaf 0 (a copy of it, on both paths)
                long[] inPlace = addresses.clone();
                copy.clear();
                copy.put(0, leaves[0], 0, n * size);
                inPlace[0] = at(copy);
                if (f32) {
                    NativeKernels.evalF32(p, inPlace, scalars, at(copy), n);
                } else {
                    NativeKernels.evalF64(p, inPlace, scalars, at(copy), n);
                }
                want.put(0, copy, 0, n * size);
                copy.put(0, leaves[0], 0, n * size);
                NativeKernels.call(k.address(), f32, inPlace, scalars, at(copy), n);
                assertSameBytes(want, copy, n, f32, p, "in place");
            }
        }
    }

    /**
     * Same bits, element by element, except that every NaN equals every NaN: which NaN an operation with two NaN operands
     * returns, and the sign of the NaN it makes, depend on operand order that C compilers may swap for {@code +} and
     * {@code *} (NumPy does not promise a NaN's sign or payload either; the other kernel tests compare
     * {@code doubleToLongBits}, which maps every NaN to one).
     */
    private static void assertSameBytes(ByteBuffer want, ByteBuffer got, int n, boolean f32, int[] p, String what) {
        for (int i = 0; i < n; i++) {
            long w = f32 ? Float.floatToIntBits(want.getFloat(i * 4)) : Double.doubleToLongBits(want.getDouble(i * 8));
            long g = f32 ? Float.floatToIntBits(got.getFloat(i * 4)) : Double.doubleToLongBits(got.getDouble(i * 8));
            if (w != g) {
                assertEquals(w, g, what + ", n = " + n + ", element " + i + " of " + java.util.Arrays.toString(p)
                        + "\n" + ExprCompiler.source(p, f32));
            }
        }
    }

    @Test
    void theSelfCheckCompilesAndComparesOrSaysWhyNot() {
        String s = ElementLoops.checkCompiler();
        if (ExprCompiler.enabled()) {
            assertTrue(s.startsWith("expression compiler " + ExprCompiler.compiler() + ": a test loop compiled in "), s);
        } else {
            assertTrue(s.startsWith("expression compiler off ("), s);
        }
    }

    @Test
    void aFailingCompilerLeavesTheProgramOnTheInterpreterAndSaysWhy() {
        Assumptions.assumeTrue(NativeKernels.LOADED, "the native library is not built here");
        Assumptions.assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/bin/false")));
        int[] p = {0, 1 << 8, NativeKernels.OP_ADD};
        ExprCompiler.Kernel k = ExprCompiler.compileNow(p, false, "/bin/false");
        assertEquals(0, k.address());
        assertNotNull(k.failure());
        assertTrue(k.failure().contains("/bin/false failed"), k.failure());
        ExprCompiler.Kernel missing = ExprCompiler.compileNow(p, false, "/nonexistent/cc");
        assertEquals(0, missing.address());
        assertTrue(missing.failure().contains("/nonexistent/cc"), missing.failure());
    }

    @Test
    void theModePropertyTakesAutoSyncOrOffAndNamesAnythingElse() {
        assertEquals("auto", ExprCompiler.parseMode(null));
        assertEquals("sync", ExprCompiler.parseMode("sync"));
        assertEquals("off", ExprCompiler.parseMode(" off "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExprCompiler.parseMode("yes"));
        assertEquals("-Djdistarray.kernels.compile=yes: expected auto, sync or off", e.getMessage());
    }

    @Test
    void malformedProgramsAreRefusedBeforeTheCompilerSeesThem() {
        int add = NativeKernels.OP_ADD;
        for (int[] p : new int[][] {{add}, {0, 0}, {0, 99}, {}, {0, 0, 0, 0, 0, 0, 0, 0, 0, add, add, add, add, add,
            add, add, add}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExprCompiler.source(p, false),
                    java.util.Arrays.toString(p));
            assertTrue(e.getMessage().startsWith("malformed program"), e.getMessage());
        }
    }

    /**
     * An expression evaluated again and again on thread ranks on small blocks: once the shape has computed
     * {@link ExprCompiler#WORK_ELEMENTS} elements its compilation is queued ({@code auto}), the interpreter runs until
     * the loop is loaded, then the compiled loop; every result has the Java loops' bits.
     */
    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void anExpressionSwitchesToItsCompiledLoopWithTheSameBits(int ranks) {
        assumeCompiler();
        String savedMode = ExprCompiler.mode;
        boolean saved = NativeKernels.enabled;
        ExprCompiler.mode = "auto";
        try {
            LocalCluster.run(ranks, Duration.ofSeconds(120), comm -> {
                long n = 1000L * ranks + 3L * ranks + 1; // uneven blocks: many evaluations before the compilation
                Distribution d = Distribution.builder(comm).shape(n).build();
                try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> value(new SplittableRandom(g[0])));
                        DistArray b = DistArrays.fromFunction(d, DType.FLOAT64,
                                g -> value(new SplittableRandom(g[0] + 99)))) {
                    // a shape of its own per rank count (its length), so each run compiles anew
                    Expr e = Expr.of(a).multiply(Expr.of(b)).add(Expr.of(a).absolute().sqrt());
                    for (int k = 0; k < ranks; k++) {
                        e = e.multiply(Expr.of(b)).subtract(0.25);
                    }
                    NativeKernels.enabled = false;
                    double[] want;
                    try (DistArray z = e.eval()) {
                        want = z.toDoubleArray(0);
                    }
                    comm.barrier();
                    NativeKernels.enabled = true;
                    String ex = e.explain();
                    assertTrue(ex.contains("loop: the native expression machine (the shape is compiled once it has computed "
                            + ExprCompiler.WORK_ELEMENTS + " elements: "), ex);
                    comm.barrier();
                    long before = ExprCompiler.calls();
                    boolean switched = false;
                    long deadline = System.nanoTime() + 60_000_000_000L;
                    while (!switched) {
                        try (DistArray z = e.eval()) {
                            double[] got = z.toDoubleArray(0);
                            if (comm.rank() == 0) {
                                for (int i = 0; i < n; i++) {
                                    assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(got[i]),
                                            "element " + i);
                                }
                            }
                        }
                        // every rank decides alike: the rank-0 count after a barrier, broadcast
                        comm.barrier();
                        switched = Collectives.broadcast(comm, ExprCompiler.calls() - before, 0) > 0;
                        assertTrue(System.nanoTime() < deadline, "the compiled loop was never used: "
                                + ExprCompiler.status());
                    }
                    String after = e.explain();
                    assertTrue(after.contains("loop: the shape's compiled C loop"), after);
                }
            });
        } finally {
            ExprCompiler.mode = savedMode;
            NativeKernels.enabled = saved;
        }
    }
}

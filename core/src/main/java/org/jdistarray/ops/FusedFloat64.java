package org.jdistarray.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.internal.ArrayAccess;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * The fused loop of a float64 expression: every node a float64 {@code add subtract multiply divide true_divide sqrt
 * absolute negative square positive}, every leaf a float64 array laid out as the result in one chunk, or a Python
 * scalar. The expression's element function is composed from method handles of the per-element operations (the
 * tile kernels' formulas, so the same bits: no FMA) and installed as a constant into a hidden copy of
 * {@link FusedTemplate}, one per expression shape (cached: the shape's text with leaf and scalar indices, so
 * {@code 0.5*x + y} and {@code 2.0*u + v} share a loop). The JIT inlines the function into the template's loop: one
 * pass, leaves read straight from the operands' buffers, the root written straight to the result's, no tiles.
 * Anything else (other ops or dtypes, broadcasting, several chunks) takes the tile evaluator ({@link Program}).
 * With the native loops loaded, the shape's postfix program runs on the C expression machine instead, and once
 * {@link ExprCompiler} has compiled the shape (queued once the shape has computed enough elements), on its own loop.
 */
final class FusedFloat64 {
    /**
     * One copy of the template: {@code out[i] = f(leaves[.][i], scalars)} for {@code i} in {@code [from, to)}, through
     * {@code tiles} ({@code leaves.length + 1} heap arrays of {@link #TILE} elements, the last one for the result).
     */
    interface Loop {
        void run(DoubleBuffer[] leaves, double[][] tiles, double[] scalars, DoubleBuffer out, int from, int to);

        /** The same values straight from the buffers, element by element (no tiles): faster while in cache. */
        void runDirect(DoubleBuffer[] leaves, double[] scalars, DoubleBuffer out, int from, int to);
    }

    /**
     * Elements per tile: the leaves are copied into heap arrays of this size (bulk copies), the element loop runs over
     * the arrays (no per-element buffer checks; it is not vectorised either: in cache, at 2^16, it ran at the direct
     * buffer loop's 3.1 ns per element, so the gain at large sizes is the bulk copies' streaming) and the result tile
     * is copied out.
     * 512 doubles: four operands and the result in 20 KiB, inside L1. Worth it once the operands stream from memory
     * (2^25 elements: 5.5 against 12.9 ns per element for {@code sqrt(a*a + b*b)*c - d}); in cache the direct loop is
     * as fast or faster for deep trees (an 8-operation tree at 2^20: 6.4 direct, 9.5 tiled), so blocks below
     * {@link #tiledFrom} elements take {@link Loop#runDirect}. Both give the same bits (the same formula per element).
     */
    static final int TILE = 512;
    /**
     * Local blocks of at least this many elements (32 MiB per float64 operand, the L3 of the machines measured) take
     * the tiles; settable only so that the tests run both paths on small arrays.
     */
    static volatile long tiledFrom = 1L << 22;

    /** Elements per call of the loop: many calls, so the JIT compiles it as a method (not on-stack replacement). */
    static final int CHUNK = 4096;
    /** Distinct expression shapes kept; past it a new shape takes the tile evaluator. */
    static final int MAX_SHAPES = 256;

    /**
     * A shape's loops: the Java template copy, the program of the native machine (null past its limits) and, per
     * element type, the program's compiled loop ({@link ExprCompiler}; requested once the shape has computed
     * {@link ExprCompiler#WORK_ELEMENTS} elements).
     */
    private static final class Compiled {
        final Loop loop;
        final int[] program;
        private volatile ExprCompiler.Kernel kernel;
        private volatile boolean requested;
        /** Elements computed so far (racy between thread ranks: an estimate is enough). */
        private long work;

        Compiled(Loop loop, int[] program) {
            this.loop = loop;
            this.program = program;
        }

        /** Which loop runs now: the compiled one, or the machine and why (for {@code explain}). */
        String describe() {
            ExprCompiler.Kernel k = kernel;
            String machine = "the native expression machine";
            if (!ExprCompiler.enabled()) {
                return machine + " (" + ExprCompiler.status() + ")";
            }
            if (k != null && k.address() != 0) {
                return "the shape's compiled C loop";
            }
            if (k != null && k.failure() != null) {
                return machine + " (compiling the shape failed: " + k.failure() + ")";
            }
            if (requested) {
                return machine + (k == null ? " (no compiled loop: " + ExprCompiler.MAX_KERNELS
                        + " shapes are compiled already)" : " (the shape's C loop is being compiled)");
            }
            return machine + " (the shape is compiled once it has computed " + ExprCompiler.WORK_ELEMENTS
                    + " elements: " + work + " so far)";
        }

        /**
         * The compiled loop's address for an evaluation over {@code n} elements, or 0 (not requested yet: see
         * {@link ExprCompiler#WORK_ELEMENTS}; compiling; failed; or compiling off).
         */
        long kernel(boolean f32, long n) {
            if (!ExprCompiler.enabled()) {
                return 0;
            }
            ExprCompiler.Kernel k = kernel;
            if (k != null) {
                return k.address();
            }
            if (requested) {
                return 0;
            }
            work += n;
            if (work < ExprCompiler.WORK_ELEMENTS && !ExprCompiler.mode.equals("sync")) {
                return 0;
            }
            synchronized (this) {
                if (!requested) {
                    kernel = ExprCompiler.request(program, f32);
                    requested = true;
                }
            }
            k = kernel;
            return k == null ? 0 : k.address();
        }
    }

    private static final ConcurrentHashMap<String, Compiled> LOOPS = new ConcurrentHashMap<>();
    private static final MethodType ELEMENT = MethodType.methodType(double.class, double[][].class, double[].class,
            int.class);
    private static final MethodType DIRECT = MethodType.methodType(double.class, DoubleBuffer[].class, double[].class,
            int.class);
    private static final MethodHandle LEAF;
    private static final MethodHandle SCALAR;
    private static final MethodHandle LEAF_DIRECT;
    private static final MethodHandle SCALAR_DIRECT;
    private static byte[] template;

    static {
        MethodHandles.Lookup l = MethodHandles.lookup();
        try {
            LEAF = l.findStatic(FusedFloat64.class, "leaf", ELEMENT.appendParameterTypes(int.class));
            SCALAR = l.findStatic(FusedFloat64.class, "scalar", ELEMENT.appendParameterTypes(int.class));
            LEAF_DIRECT = l.findStatic(FusedFloat64.class, "leaf", DIRECT.appendParameterTypes(int.class));
            SCALAR_DIRECT = l.findStatic(FusedFloat64.class, "scalar", DIRECT.appendParameterTypes(int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Loop loop;
    private final int[] program;
    private final Compiled compiled;
    private final DistArray[] leaves;
    private final double[] scalars;
    /** FLOAT64, or FLOAT32 (native only: {@link #loop} is null, the tile evaluator is the Java path). */
    private final DType type;

    private FusedFloat64(Compiled c, DistArray[] leaves, double[] scalars, DType type) {
        this.loop = c.loop;
        this.program = c.program;
        this.compiled = c;
        this.leaves = leaves;
        this.scalars = scalars;
        this.type = type;
    }

    /**
     * The fused loop of {@code e} over {@code dist} into {@code outType}, or null when it does not apply. Float32
     * trees of the same operations are fused too when the native loops are loaded (the tile evaluator otherwise).
     */
    static FusedFloat64 of(Expr e, Distribution dist, DType outType) {
        boolean f32 = outType == DType.FLOAT32 && NativeKernels.on();
        if ((outType != DType.FLOAT64 && !f32) || (e.kind != Expr.Kind.UNARY && e.kind != Expr.Kind.BINARY)) {
            return null;
        }
        List<DistArray> arrays = new ArrayList<>(4);
        List<Double> values = new ArrayList<>(2);
        StringBuilder key = new StringBuilder(64);
        if (f32) {
            key.append("f32:");
        }
        if (!shape(e, dist, outType, arrays, values, key)) {
            return null;
        }
        String k = key.toString();
        Compiled l = LOOPS.get(k);
        if (l == null) {
            if (LOOPS.size() >= MAX_SHAPES) {
                return null;
            }
            if (f32) {
                int[] p = program(e, arrays.size(), values.size());
                if (p == null) {
                    return null;
                }
                l = LOOPS.computeIfAbsent(k, s -> new Compiled(null, p));
            } else try {
                l = LOOPS.computeIfAbsent(k, s -> new Compiled(define(
                        element(e, new ArrayList<>(), new int[1], ELEMENT, LEAF, SCALAR),
                        element(e, new ArrayList<>(), new int[1], DIRECT, LEAF_DIRECT, SCALAR_DIRECT)),
                        program(e, arrays.size(), values.size())));
            } catch (IllegalStateException | LinkageError ex) {
                return null; // no hidden class here (an unusual runtime): the tile evaluator computes the same bits
            }
        }
        double[] s = new double[values.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = values.get(i);
        }
        return new FusedFloat64(l, arrays.toArray(new DistArray[0]), s, outType);
    }

    /** For {@code explain}: which of this shape's loops runs now, and when its compiled loop comes. */
    String describe() {
        if (program == null || !NativeKernels.on()) {
            return "the shape's Java loop";
        }
        return compiled.describe();
    }

    /**
     * Runs the loop over the local block ({@code n} elements) into {@code out} (one chunk): the native machine when
     * it is loaded ({@link NativeKernels}: vectorised, the same bits), else the Java template's loop.
     */
    boolean run(Storage out, long n) {
        if (n == 0) {
            return true;
        }
        ArrayAccess.Bridge b = ArrayAccess.get();
        if (program != null && (NativeKernels.on() || loop == null) && runNative(b, out, n)) {
            return true;
        }
        if (loop == null) {
            return false; // float32 on memory the native loop cannot take: the caller runs the tile evaluator
        }
        DoubleBuffer[] in = new DoubleBuffer[leaves.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = view(b.storage(leaves[i]));
        }
        DoubleBuffer r = view(out);
        int m = (int) n;
        if (n < tiledFrom) {
            for (int i = 0; i < m; i += CHUNK) {
                loop.runDirect(in, scalars, r, i, Math.min(m, i + CHUNK));
            }
            return true;
        }
        double[][] tiles = new double[in.length + 1][TILE];
        for (int i = 0; i < m; i += CHUNK) {
            loop.run(in, tiles, scalars, r, i, Math.min(m, i + CHUNK));
        }
        return true;
    }

    /** The native machine over the leaves' and the result's memory; false (nothing written) if one is not direct. */
    private boolean runNative(ArrayAccess.Bridge b, Storage out, long n) {
        long[] at = new long[leaves.length];
        for (int i = 0; i < at.length; i++) {
            at[i] = address(b.storage(leaves[i]), n);
            if (at[i] == 0) {
                return false;
            }
        }
        long r = address(out, n);
        if (r == 0) {
            return false;
        }
        boolean f32 = type == DType.FLOAT32;
        long fn = compiled.kernel(f32, n);
        if (fn != 0) {
            NativeKernels.call(fn, f32, at, scalars, r, n);
            ExprCompiler.called();
        } else if (f32) {
            NativeKernels.evalF32(program, at, scalars, r, n);
        } else {
            NativeKernels.evalF64(program, at, scalars, r, n);
        }
        return true;
    }

    private long address(Storage s, long n) {
        return FusedAxpy.address(s, n * type.itemSize());
    }

    /**
     * The postfix program of {@code e} for {@link NativeKernels#evalF64} (leaves and scalars numbered as
     * {@link #shape} numbers them), or null past the machine's limits.
     */
    private static int[] program(Expr e, int leafCount, int scalarCount) {
        if (leafCount > NativeKernels.MAX_LEAVES || scalarCount > NativeKernels.MAX_SCALARS) {
            return null;
        }
        int[] code = new int[NativeKernels.MAX_OPS];
        int[] state = new int[3]; // ops written, scalars numbered, stack depth
        List<DistArray> arrays = new ArrayList<>();
        return emit(e, arrays, code, state) ? java.util.Arrays.copyOf(code, state[0]) : null;
    }

    private static boolean emit(Expr e, List<DistArray> arrays, int[] code, int[] state) {
        int op;
        switch (e.kind) {
            case ARRAY -> op = NativeKernels.OP_LEAF | leafIndex(arrays, e.array) << 8;
            case SCALAR -> op = NativeKernels.OP_SCALAR | state[1]++ << 8;
            case UNARY -> {
                if (!emit(e.args[0], arrays, code, state)) {
                    return false;
                }
                state[2]--;
                op = switch (e.unaryOp) {
                    case SQRT -> NativeKernels.OP_SQRT;
                    case ABSOLUTE -> NativeKernels.OP_ABS;
                    case NEGATIVE -> NativeKernels.OP_NEG;
                    case SQUARE -> NativeKernels.OP_SQUARE;
                    default -> NativeKernels.OP_POS;
                };
            }
            default -> { // BINARY (shape() admitted only these)
                if (!emit(e.args[0], arrays, code, state) || !emit(e.args[1], arrays, code, state)) {
                    return false;
                }
                state[2] -= 2;
                op = switch (e.binaryOp) {
                    case ADD -> NativeKernels.OP_ADD;
                    case SUBTRACT -> NativeKernels.OP_SUB;
                    case MULTIPLY -> NativeKernels.OP_MUL;
                    default -> NativeKernels.OP_DIV;
                };
            }
        }
        if (state[0] == code.length || ++state[2] > NativeKernels.MAX_DEPTH) {
            return false;
        }
        code[state[0]++] = op;
        return true;
    }

    private static DoubleBuffer view(Storage s) {
        return s.chunkOf(0).duplicate().clear().order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    /** Checks {@code e} and writes its shape's key; collects the leaves (first appearance) and scalar values. */
    private static boolean shape(Expr e, Distribution dist, DType t, List<DistArray> arrays, List<Double> values,
            StringBuilder key) {
        switch (e.kind) {
            case ARRAY -> {
                if (!FusedAxpy.dense(e, dist, t) || e.array.isView()) {
                    return false;
                }
                key.append('L').append(leafIndex(arrays, e.array));
                return true;
            }
            case SCALAR -> {
                Operand o = e.scalar;
                if (t == DType.FLOAT32) {
                    // as the float32 loop converts it: a float rounded to float32, an int exact in float32
                    if (o.scalarKind() == 1 && Math.abs(o.longValue()) > (1L << 24)) {
                        return false;
                    }
                    values.add(o.scalarKind() == 2 ? (double) (float) o.doubleValue() : (double) o.longValue());
                    key.append('S').append(values.size() - 1);
                    return true;
                }
                values.add(o.scalarKind() == 2 ? o.doubleValue() : (double) o.longValue());
                key.append('S').append(values.size() - 1);
                return true;
            }
            case UNARY -> {
                if (e.loop != t || e.dtype != t || unary(e.unaryOp) == null || !typed(e.args[0], t)) {
                    return false;
                }
                key.append(e.unaryOp.ordinal()).append("u(");
                boolean ok = shape(e.args[0], dist, t, arrays, values, key);
                key.append(')');
                return ok;
            }
            case BINARY -> {
                if (e.loop != t || e.dtype != t || binary(e.binaryOp) == null || !typed(e.args[0], t)
                        || !typed(e.args[1], t)) {
                    return false;
                }
                key.append(e.binaryOp.ordinal()).append("b(");
                if (!shape(e.args[0], dist, t, arrays, values, key)) {
                    return false;
                }
                key.append(',');
                boolean ok = shape(e.args[1], dist, t, arrays, values, key);
                key.append(')');
                return ok;
            }
            default -> {
                return false;
            }
        }
    }

    /** A child the loop of type {@code t} reads without a conversion: a scalar, or a node or array of type t. */
    private static boolean typed(Expr c, DType t) {
        return c.kind == Expr.Kind.SCALAR || c.dtype == t;
    }

    /** The leaf number of {@code a}: its first appearance in {@code arrays}, which it joins if new. */
    private static int leafIndex(List<DistArray> arrays, DistArray a) {
        int at = indexOf(arrays, a);
        if (at < 0) {
            at = arrays.size();
            arrays.add(a);
        }
        return at;
    }

    private static int indexOf(List<DistArray> arrays, DistArray a) {
        for (int i = 0; i < arrays.size(); i++) {
            if (arrays.get(i) == a) {
                return i;
            }
        }
        return -1;
    }

    /** The element function of {@code e}, numbering leaves and scalars as {@link #shape} does. */
    private static MethodHandle element(Expr e, List<DistArray> arrays, int[] scalarCount, MethodType type,
            MethodHandle leaf, MethodHandle scalar) {
        switch (e.kind) {
            case ARRAY -> {
                return MethodHandles.insertArguments(leaf, 3, leafIndex(arrays, e.array));
            }
            case SCALAR -> {
                return MethodHandles.insertArguments(scalar, 3, scalarCount[0]++);
            }
            case UNARY -> {
                return MethodHandles.filterReturnValue(element(e.args[0], arrays, scalarCount, type, leaf, scalar),
                        unary(e.unaryOp));
            }
            case BINARY -> {
                MethodHandle a = element(e.args[0], arrays, scalarCount, type, leaf, scalar);
                MethodHandle b = element(e.args[1], arrays, scalarCount, type, leaf, scalar);
                MethodHandle f = MethodHandles.collectArguments(binary(e.binaryOp), 0, a); // (l, s, i, b) -> r
                f = MethodHandles.collectArguments(f, 3, b); // (l, s, i, l, s, i) -> r
                return MethodHandles.permuteArguments(f, type, 0, 1, 2, 0, 1, 2);
            }
            default -> throw new IllegalStateException(e.kind.toString());
        }
    }

    /** A hidden copy of {@link FusedTemplate} whose element functions are {@code tiled} and {@code direct}. */
    private static Loop define(MethodHandle tiled, MethodHandle direct) {
        try {
            MethodHandles.Lookup h = MethodHandles.lookup().defineHiddenClassWithClassData(template(),
                    List.of(tiled, direct), true);
            return (Loop) h.findConstructor(h.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot define the fused loop", t);
        }
    }

    private static synchronized byte[] template() {
        if (template == null) {
            try (InputStream in = FusedFloat64.class.getResourceAsStream("FusedTemplate.class")) {
                if (in == null) {
                    throw new IllegalStateException("FusedTemplate.class not found");
                }
                template = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return template;
    }

    private static MethodHandle unary(UnaryOp op) {
        String name = switch (op) {
            case SQRT -> "sqrt";
            case ABSOLUTE -> "absolute";
            case NEGATIVE -> "negative";
            case SQUARE -> "square";
            case POSITIVE -> "positive";
            default -> null;
        };
        return name == null ? null : find(name, MethodType.methodType(double.class, double.class));
    }

    private static MethodHandle binary(BinaryOp op) {
        String name = switch (op) {
            case ADD -> "add";
            case SUBTRACT -> "subtract";
            case MULTIPLY -> "multiply";
            case DIVIDE, TRUE_DIVIDE -> "divide";
            default -> null;
        };
        return name == null ? null : find(name, MethodType.methodType(double.class, double.class, double.class));
    }

    private static final ConcurrentHashMap<String, MethodHandle> OPS = new ConcurrentHashMap<>();

    private static MethodHandle find(String name, MethodType t) {
        return OPS.computeIfAbsent(name, n -> {
            try {
                return MethodHandles.lookup().findStatic(FusedFloat64.class, n, t);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    // the element functions: DoubleKernels' per-element formulas

    private static double leaf(double[][] tiles, double[] scalars, int i, int which) {
        return tiles[which][i];
    }

    private static double leaf(DoubleBuffer[] leaves, double[] scalars, int i, int which) {
        return leaves[which].get(i);
    }

    private static double scalar(DoubleBuffer[] leaves, double[] scalars, int i, int which) {
        return scalars[which];
    }

    private static double scalar(double[][] tiles, double[] scalars, int i, int which) {
        return scalars[which];
    }

    private static double sqrt(double x) {
        return Math.sqrt(x);
    }

    private static double absolute(double x) {
        return Math.abs(x);
    }

    private static double negative(double x) {
        return -x;
    }

    private static double square(double x) {
        return x * x;
    }

    private static double positive(double x) {
        return x;
    }

    private static double add(double a, double b) {
        return a + b;
    }

    private static double subtract(double a, double b) {
        return a - b;
    }

    private static double multiply(double a, double b) {
        return a * b;
    }

    private static double divide(double a, double b) {
        return a / b;
    }
}

package org.jdistarray.client.internal;

import java.util.HashMap;
import java.util.Map;

import org.jdistarray.array.DistArray;
import org.jdistarray.ops.BinaryOp;
import org.jdistarray.ops.Expr;
import org.jdistarray.ops.UnaryOp;

/**
 * Nested recipes of element-wise ufuncs ({@code Np.add(Recipe.of("Np", "multiply", x, 2.5), y)}: {@code z = a*x + y}
 * in one command) evaluated on the engines as one fused expression ({@link Expr}): one pass over memory and one new
 * array, where replaying each recipe eagerly made a temporary array per inner call. The results are NumPy's, bit for
 * bit as the eager calls give them: an eager ufunc is itself a one-node {@link Expr} ({@code NpUnary.apply}), and a
 * fused node reads its child in the dtype the eager temporary would have had. Only {@code Np.<ufunc>(operands)} with
 * the ufunc's arity and no options, operands arrays, scalars or such recipes, is fused; anything else gets its
 * recipe arguments evaluated first ({@link #materialize}), as before. A recipe not yet evaluated is a {@link Lazy}
 * (never an {@link Expr} itself: a client's own {@code Expr} recipes travel as they are). Not collective.
 */
public final class Fusion {
    private static final Map<String, BinaryOp> BINARY = new HashMap<>();
    private static final Map<String, UnaryOp> UNARY = new HashMap<>();

    static {
        // a ufunc by the names Np has a method for (NumPy's, or its camel case): an op Np does not offer under a
        // name is not fused under it (the call fails as it would eagerly)
        for (BinaryOp op : BinaryOp.values()) {
            for (String name : names(op.numpyName())) {
                if (npHas(name, DistArray.class, DistArray.class)) {
                    BINARY.put(name, op);
                }
            }
        }
        for (UnaryOp op : UnaryOp.values()) {
            for (String name : names(op.numpyName())) {
                if (npHas(name, DistArray.class)) {
                    UNARY.put(name, op);
                }
            }
        }
    }

    private static String[] names(String numpy) {
        StringBuilder camel = new StringBuilder();
        boolean up = false;
        for (char c : numpy.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                camel.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return camel.toString().equals(numpy) ? new String[] {numpy} : new String[] {numpy, camel.toString()};
    }

    private static boolean npHas(String name, Class<?>... params) {
        try {
            java.lang.reflect.Method m = org.jdistarray.ops.Np.class.getMethod(name, params);
            return java.lang.reflect.Modifier.isStatic(m.getModifiers()) && m.getReturnType() == DistArray.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** The method names fused ({@code Np}'s ufuncs): binary ones, then unary ones (for tests). */
    public static java.util.List<java.util.Set<String>> names() {
        return java.util.List.of(java.util.Set.copyOf(BINARY.keySet()), java.util.Set.copyOf(UNARY.keySet()));
    }

    private Fusion() {
    }

    /** Fused evaluations made by engines in this JVM (embedded engines; for tests). */
    private static final java.util.concurrent.atomic.AtomicLong FUSED = new java.util.concurrent.atomic.AtomicLong();

    /** How many fused expressions engines of this JVM have evaluated (for tests). */
    public static long fusedCount() {
        return FUSED.get();
    }

    /** <b>Logically collective.</b> Evaluates a fused expression (counted). */
    static DistArray eval(Expr e) {
        FUSED.incrementAndGet();
        return e.eval();
    }

    /** A recipe argument kept unevaluated: the expression it is. */
    record Lazy(Expr expr) {
    }

    /**
     * The expression {@code target.method(args)} is, or null when it is not a fusable element-wise call: target
     * {@code "Np"}, {@code method} a binary ufunc with two operands or a unary one with one, every operand an array,
     * a {@link Lazy} or a scalar (number or boolean), at least one not a scalar.
     */
    static Expr expr(String target, String method, Object[] args) {
        if (!Targets.NP.equals(target)) {
            return null;
        }
        BinaryOp b = args.length == 2 ? BINARY.get(method) : null;
        UnaryOp u = args.length == 1 ? UNARY.get(method) : null;
        if (b == null && u == null) {
            return null;
        }
        boolean array = false;
        for (Object a : args) {
            if (a instanceof DistArray || a instanceof Lazy) {
                array = true;
            } else if (!(a instanceof Double || a instanceof Float || a instanceof Long || a instanceof Integer
                    || a instanceof Short || a instanceof Byte || a instanceof Boolean)) {
                return null;
            }
        }
        if (!array) {
            return null;
        }
        return u != null ? leaf(args[0]).apply(u) : leaf(args[0]).apply(b, leaf(args[1]));
    }

    private static Expr leaf(Object x) {
        if (x instanceof Lazy l) {
            return l.expr();
        }
        if (x instanceof DistArray a) {
            return Expr.of(a);
        }
        if (x instanceof Boolean z) {
            return Expr.scalar(z);
        }
        Number n = (Number) x;
        return n instanceof Double || n instanceof Float ? Expr.scalar(n.doubleValue()) : Expr.scalar(n.longValue());
    }

    /** Whether any argument is an unevaluated recipe. */
    static boolean hasLazy(Object[] args) {
        for (Object a : args) {
            if (a instanceof Lazy) {
                return true;
            }
        }
        return false;
    }

    /**
     * <b>Logically collective.</b> Evaluates the unevaluated recipe arguments in place (for a call that does not
     * fuse); each result is added to {@code temporaries} (closed after the command unless stored).
     */
    static void materialize(Object[] args, java.util.List<DistArray> temporaries) {
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Lazy l) {
                DistArray a = l.expr().eval();
                temporaries.add(a);
                args[i] = a;
            }
        }
    }
}

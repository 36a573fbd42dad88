package org.jdistarray.client.internal;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Engine-side method resolution: a method by target, name and the decoded arguments' runtime types, resolved once per
 * (target, method, argument-type signature) and cached. Rules, closest to Java's: boxed arguments match their
 * primitive (exactly, or by widening: int to long/float/double, long to float/double, float to double), null matches
 * any reference parameter, and a varargs method also matches its trailing arguments packed into its array; the
 * overload with the lowest conversion cost wins (exact beats subtype beats widening beats varargs), a tie is refused
 * as ambiguous.
 */
public final class Dispatch {
    private final Map<Key, Resolved> cache = new HashMap<>();

    /** A resolved call: the method, whether it is an instance method, and how to pack varargs. */
    record Resolved(Method method, boolean instance, int fixed, Class<?> varComponent) {
        Object invoke(Object receiver, Object[] args) throws Throwable {
            Object[] call;
            if (varComponent == null) {
                call = args;
            } else {
                call = new Object[fixed + 1];
                System.arraycopy(args, 0, call, 0, fixed);
                Object pack = Array.newInstance(varComponent, args.length - fixed);
                for (int i = fixed; i < args.length; i++) {
                    Array.set(pack, i - fixed, args[i]);
                }
                call[fixed] = pack;
            }
            try {
                return method.invoke(receiver, call);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /**
     * Invokes {@code target.method(args)}: a static method of the {@link Targets} class, or, for target
     * {@code "array"}, an instance method of {@code args[0]} with the other arguments.
     *
     * @throws IllegalArgumentException for an unknown target, an unknown method or no matching overload (listing
     *                                  the overloads that exist)
     * @throws Throwable                what the method threw
     */
    public Object call(String target, String method, Object[] args) throws Throwable {
        boolean instance = Targets.INSTANCE.equals(target);
        Class<?> type;
        Object receiver = null;
        Object[] rest = args;
        if (instance) {
            if (args.length == 0 || args[0] == null) {
                throw new IllegalArgumentException("an instance call ." + method + "(...) needs the receiver (a remote array or "
                        + "object) as its first argument");
            }
            receiver = args[0];
            type = receiver.getClass();
            rest = Arrays.copyOfRange(args, 1, args.length);
        } else {
            type = Targets.find(target);
            if (type == null) {
                throw new IllegalArgumentException("unknown target " + target + ": expected one of " + Targets.names());
            }
        }
        Key key = key(instance ? type : target, method, rest);
        Resolved r = cache.get(key);
        if (r == null) {
            r = resolve(type, instance, method, rest, target);
            cache.put(key, r);
        }
        return r.invoke(receiver, rest);
    }

    /** An instance call on a receiver of any type (recipe steps). */
    public Object callOn(Object receiver, String method, Object[] args) throws Throwable {
        Object[] all = new Object[args.length + 1];
        all[0] = receiver;
        System.arraycopy(args, 0, all, 1, args.length);
        return call(Targets.INSTANCE, method, all);
    }

    /**
     * The cache key: the target (a name, or the receiver's class), the method and the argument classes. A record of
     * those rather than one string of them: building and hashing a 100-character string took most of an engine's
     * time for a small command (a create + free of 4 elements), the strings arriving new from the wire each time.
     */
    private record Key(Object target, String method, Class<?>[] types) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && target.equals(k.target) && method.equals(k.method)
                    && Arrays.equals(types, k.types);
        }

        @Override
        public int hashCode() {
            return (target.hashCode() * 31 + method.hashCode()) * 31 + Arrays.hashCode(types);
        }
    }

    private static Key key(Object target, String method, Object[] args) {
        Class<?>[] types = new Class<?>[args.length];
        for (int i = 0; i < args.length; i++) {
            types[i] = args[i] == null ? null : args[i].getClass();
        }
        return new Key(target, method, types);
    }

    private static Resolved resolve(Class<?> type, boolean instance, String name, Object[] args, String target) {
        List<Method> named = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers()) != instance && !m.isSynthetic()) {
                named.add(m);
            }
        }
        Resolved best = null;
        Method tie = null;
        int bestCost = Integer.MAX_VALUE;
        for (Method m : named) {
            Class<?>[] p = m.getParameterTypes();
            int cost = cost(p, args, p.length, null);
            Resolved candidate = null;
            if (cost >= 0) {
                candidate = new Resolved(m, instance, p.length, null);
            } else if (m.isVarArgs() && args.length >= p.length - 1) {
                Class<?> comp = p[p.length - 1].getComponentType();
                cost = cost(p, args, p.length - 1, comp);
                if (cost >= 0) {
                    cost += 1000;
                    candidate = new Resolved(m, instance, p.length - 1, comp);
                }
            }
            if (candidate != null) {
                if (cost < bestCost) {
                    best = candidate;
                    bestCost = cost;
                    tie = null;
                } else if (cost == bestCost) {
                    tie = m;
                }
            }
        }
        String what = (instance ? type.getSimpleName() + "." : target + ".") + name + signature(args);
        if (best == null) {
            if (named.isEmpty()) {
                throw new IllegalArgumentException("no method " + what + ": " + type.getSimpleName() + " has no public "
                        + (instance ? "instance" : "static") + " method named " + name);
            }
            StringJoiner j = new StringJoiner("; ");
            for (Method m : named) {
                j.add(describe(m));
            }
            throw new IllegalArgumentException("no overload of " + what + " matches the argument types; the overloads are: " + j);
        }
        if (tie != null) {
            throw new IllegalArgumentException("the call " + what + " is ambiguous between " + describe(best.method())
                    + " and " + describe(tie) + ": pass arguments of the exact parameter types");
        }
        Method m = best.method();
        if (!Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
            m.setAccessible(true); // a public method of a non-public class of this module
        }
        return best;
    }

    /** The cost of matching args[0..fixed) to p[0..fixed) and the rest to {@code varComponent}; -1 if no match. */
    private static int cost(Class<?>[] p, Object[] args, int fixed, Class<?> varComponent) {
        if (varComponent == null && args.length != fixed) {
            return -1;
        }
        int total = 0;
        for (int i = 0; i < args.length; i++) {
            int c = cost(i < fixed ? p[i] : varComponent, args[i]);
            if (c < 0) {
                return -1;
            }
            total += c;
        }
        return total;
    }

    private static int cost(Class<?> p, Object v) {
        if (v == null) {
            return p.isPrimitive() ? -1 : 1;
        }
        Class<?> c = v.getClass();
        if (p.isPrimitive()) {
            int from = rank(c);
            int to = rank(box(p));
            if (from < 0 || to < 0) {
                return box(p) == c ? 0 : -1;
            }
            return from == to ? 0 : from < to ? 10 + (to - from) : -1;
        }
        if (p == c) {
            return 0;
        }
        if (p.isInstance(v)) {
            return p == Object.class ? 5 : 2;
        }
        return -1;
    }

    /** Widening order: 1 int, 2 long, 3 float, 4 double; -1 for the others (boolean, char: exact only). */
    private static int rank(Class<?> c) {
        if (c == Integer.class) {
            return 1;
        }
        if (c == Long.class) {
            return 2;
        }
        if (c == Float.class) {
            return 3;
        }
        if (c == Double.class) {
            return 4;
        }
        return -1;
    }

    private static Class<?> box(Class<?> p) {
        if (p == int.class) {
            return Integer.class;
        }
        if (p == long.class) {
            return Long.class;
        }
        if (p == double.class) {
            return Double.class;
        }
        if (p == float.class) {
            return Float.class;
        }
        if (p == boolean.class) {
            return Boolean.class;
        }
        if (p == byte.class) {
            return Byte.class;
        }
        if (p == short.class) {
            return Short.class;
        }
        if (p == char.class) {
            return Character.class;
        }
        return p;
    }

    private static String signature(Object[] args) {
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (Object a : args) {
            j.add(a == null ? "null" : a.getClass().getSimpleName());
        }
        return j.toString();
    }

    private static String describe(Method m) {
        StringJoiner j = new StringJoiner(", ", m.getName() + "(", ")");
        for (Class<?> p : m.getParameterTypes()) {
            j.add(p.getSimpleName());
        }
        return j.toString();
    }
}

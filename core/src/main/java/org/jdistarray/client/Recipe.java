package org.jdistarray.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A builder chain recorded on the client and replayed on every engine: a static factory of a target class, then
 * instance calls on each result, e.g. a distribution and an option object:
 *
 * <pre>{@code
 * Recipe dist = Recipe.of("Distribution", "builder", Recipe.ENGINE_COMM).then("shape", 8L, 8L)
 *         .then("cyclic", 0, 2L).then("build");
 * Recipe opts = Recipe.of("ReduceOptions", "axis", 1).then("keepDims", true);
 * RemoteArray a = ctx.callArray("DistArrays", "zeros", dist, DType.FLOAT64);
 * }</pre>
 *
 * Targets are the simple names the generic call accepts ({@link Context#callArray}); arguments are the values that
 * can travel, other recipes, remote arrays and {@link #ENGINE_COMM}, which the engines replace by their communicator.
 * Methods resolve on the engines as in {@link Context#callArray}. Immutable: {@link #then} returns a new recipe.
 */
public final class Recipe {
    /** The placeholder of the engine communicator. */
    public enum Placeholder {
        /** Replaced by the engines' communicator on each engine. */
        ENGINE_COMM
    }

    /** Stands for the engine communicator (the engines replace it by theirs). */
    public static final Placeholder ENGINE_COMM = Placeholder.ENGINE_COMM;

    /** One recorded call. */
    record Step(String method, Object[] args) {
    }

    private final String target;
    private final List<Step> steps;

    private Recipe(String target, List<Step> steps) {
        this.target = target;
        this.steps = steps;
    }

    /**
     * <b>Not collective.</b> A recipe that starts with the static call {@code target.method(args)} ({@code target}:
     * a simple class name of the call table, or {@code "array"} with the receiver as the first argument).
     */
    public static Recipe of(String target, String method, Object... args) {
        if (target == null || target.isBlank() || method == null || method.isBlank()) {
            throw new IllegalArgumentException("a recipe needs a target and a method name, not " + target + "." + method);
        }
        return new Recipe(target, List.of(new Step(method, args.clone())));
    }

    /** <b>Not collective.</b> This recipe followed by the instance call {@code .method(args)} on its result. */
    public Recipe then(String method, Object... args) {
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("a recipe step needs a method name");
        }
        List<Step> more = new ArrayList<>(steps);
        more.add(new Step(method, args.clone()));
        return new Recipe(target, Collections.unmodifiableList(more));
    }

    /** <b>Not collective.</b> The default (block) distribution of {@code shape} over the engines. */
    public static Recipe distribution(long... shape) {
        return of("Distribution", "builder", ENGINE_COMM).then("shape", (Object) shape.clone()).then("build");
    }

    String target() {
        return target;
    }

    List<Step> steps() {
        return steps;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(target);
        for (Step s : steps) {
            sb.append('.').append(s.method()).append('(');
            for (int i = 0; i < s.args().length; i++) {
                sb.append(i == 0 ? "" : ", ").append(describe(s.args()[i]));
            }
            sb.append(')');
        }
        return sb.toString();
    }

    private static String describe(Object o) {
        if (o instanceof long[] a) {
            return java.util.Arrays.toString(a);
        }
        if (o instanceof int[] a) {
            return java.util.Arrays.toString(a);
        }
        if (o instanceof double[] a) {
            return a.length <= 8 ? java.util.Arrays.toString(a) : "double[" + a.length + "]";
        }
        return String.valueOf(o);
    }
}

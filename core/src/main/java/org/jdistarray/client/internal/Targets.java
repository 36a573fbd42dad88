package org.jdistarray.client.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one table of classes a client may name as a call target, by simple name: the static API of the core
 * (creation, ufuncs, reductions, indexing, redistribution, random, IO, algorithms, pictures) and the option and layout
 * builders that {@link org.jdistarray.client.Recipe}s start from. {@code "array"} is not in the table: it names an
 * instance method of the first argument.
 */
public final class Targets {
    /** The target of an instance method on the first argument. */
    public static final String INSTANCE = "array";
    /** The entry point of the ufuncs (the target {@link Fusion} fuses). */
    static final String NP = "Np";
    private static final Map<String, Class<?>> TABLE = new LinkedHashMap<>();

    static {
        add(org.jdistarray.ops.Np.class);
        add(org.jdistarray.ops.Indexing.class);
        add(org.jdistarray.ops.Reductions.class);
        add(org.jdistarray.ops.ReduceOptions.class);
        add(org.jdistarray.ops.UfuncOptions.class);
        add(org.jdistarray.ops.Expr.class);
        add(org.jdistarray.array.DistArray.class);
        add(org.jdistarray.array.DistArrays.class);
        add(org.jdistarray.array.Index.class);
        add(org.jdistarray.dist.Distribution.class);
        add(org.jdistarray.dist.Redistribution.class);
        add(org.jdistarray.random.RandomArrays.class);
        add(org.jdistarray.random.Generator.class);
        add(org.jdistarray.io.ArrayIO.class);
        add(org.jdistarray.io.Hdf5Options.class);
        add(org.jdistarray.algo.Sorting.class);
        add(org.jdistarray.algo.AlgoOptions.class);
        add(org.jdistarray.algo.Searching.class);
        add(org.jdistarray.algo.Counting.class);
        add(org.jdistarray.algo.Uniques.class);
        add(org.jdistarray.plot.Plots.class);
        add(org.jdistarray.plot.PlotOptions.class);
        add(org.jdistarray.sparse.Stencils.class);
        add(org.jdistarray.protocol.DType.class);
    }

    private Targets() {
    }

    private static void add(Class<?> c) {
        TABLE.put(c.getSimpleName(), c);
    }

    /** The class named {@code simpleName}, or null. */
    public static Class<?> find(String simpleName) {
        return TABLE.get(simpleName);
    }

    /** The names a client may use, for messages. */
    public static String names() {
        return String.join(", ", TABLE.keySet()) + " (and \"" + INSTANCE + "\" for an instance method of the first argument)";
    }
}

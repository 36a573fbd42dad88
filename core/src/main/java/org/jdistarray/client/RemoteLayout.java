package org.jdistarray.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The client-side mirror of {@link org.jdistarray.dist.DistributionBuilder}: the same chain of calls, recorded as the
 * {@link Recipe} the engines replay on their communicator ({@code Distribution.builder(engineComm).shape(...)...
 * .build()}). Immutable: each call returns a new layout. Nothing is checked on the client; the engines check the
 * layout when they build it (the builder's message comes back as the exception).
 *
 * <pre>{@code
 * RemoteLayout l = RemoteLayout.of(8, 10).cyclic(0, 2).undistributed(1);
 * try (RemoteArray a = RemoteArrays.of(ctx).zeros(l, DType.FLOAT64)) { ... }
 * }</pre>
 */
public final class RemoteLayout {
    private final List<Object[]> steps; // {method, args...}

    private RemoteLayout(List<Object[]> steps) {
        this.steps = steps;
    }

    /** <b>Not collective.</b> A layout of {@code shape} ({@code DistributionBuilder.shape}); the default partition. */
    public static RemoteLayout of(long... shape) {
        return new RemoteLayout(List.of()).then("shape", (Object) shape.clone());
    }

    private RemoteLayout then(String method, Object... args) {
        List<Object[]> next = new ArrayList<>(steps);
        Object[] step = new Object[args.length + 1];
        step[0] = method;
        System.arraycopy(args, 0, step, 1, args.length);
        next.add(step);
        return new RemoteLayout(List.copyOf(next));
    }

    /** <b>Not collective.</b> {@code DistributionBuilder.block(axis)}. */
    public RemoteLayout block(int axis) {
        return then("block", axis);
    }

    /** <b>Not collective.</b> {@code DistributionBuilder.blockBounds(axis, bounds)}. */
    public RemoteLayout blockBounds(int axis, long... bounds) {
        return then("blockBounds", axis, bounds.clone());
    }

    /** <b>Not collective.</b> {@code DistributionBuilder.cyclic(axis)}. */
    public RemoteLayout cyclic(int axis) {
        return then("cyclic", axis);
    }

    /** <b>Not collective.</b> {@code DistributionBuilder.cyclic(axis, blockSize)}. */
    public RemoteLayout cyclic(int axis, long blockSize) {
        return then("cyclic", axis, blockSize);
    }

    /** <b>Not collective.</b> {@code DistributionBuilder.undistributed(axis)}. */
    public RemoteLayout undistributed(int axis) {
        return then("undistributed", axis);
    }

    /** <b>Not collective.</b> {@code DistributionBuilder.unstructured(axis, indicesPerGridRank)}. */
    public RemoteLayout unstructured(int axis, long[][] indicesPerGridRank) {
        long[][] copy = new long[indicesPerGridRank.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = indicesPerGridRank[i].clone();
        }
        return then("unstructured", axis, copy);
    }

    /** <b>Not collective.</b> {@code DistributionBuilder.padding(axis, commWidth, boundaryWidth)}. */
    public RemoteLayout padding(int axis, long commWidth, long boundaryWidth) {
        return then("padding", axis, commWidth, boundaryWidth);
    }

    /** <b>Not collective.</b> {@code DistributionBuilder.periodic(axis)}. */
    public RemoteLayout periodic(int axis) {
        return then("periodic", axis);
    }

    /** <b>Not collective.</b> {@code DistributionBuilder.grid(gridShape)}. */
    public RemoteLayout grid(int... gridShape) {
        return then("grid", (Object) gridShape.clone());
    }

    /** <b>Not collective.</b> {@code DistributionBuilder.onRank(rank)}: the array on one engine (engine rank). */
    public RemoteLayout onRank(int rank) {
        return then("onRank", rank);
    }

    /** <b>Not collective.</b> {@code DistributionBuilder.onRanks(ranks)}: the array on these engines. */
    public RemoteLayout onRanks(int... ranks) {
        return then("onRanks", (Object) ranks.clone());
    }

    /** <b>Not collective.</b> The recipe: {@code Distribution.builder(ENGINE_COMM)}, the calls, {@code build()}. */
    public Recipe recipe() {
        Recipe r = Recipe.of("Distribution", "builder", Recipe.ENGINE_COMM);
        for (Object[] s : steps) {
            Object[] args = new Object[s.length - 1];
            System.arraycopy(s, 1, args, 0, args.length);
            r = r.then((String) s[0], args);
        }
        return r.then("build");
    }

    @Override
    public String toString() {
        return "RemoteLayout(" + recipe() + ")";
    }
}

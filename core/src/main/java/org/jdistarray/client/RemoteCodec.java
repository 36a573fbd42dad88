package org.jdistarray.client;

import org.jdistarray.ops.ReduceOptions;
import org.jdistarray.ops.UfuncOptions;

/**
 * The client-side encodings of the core's option objects: each becomes the {@link Recipe} that builds the same
 * options on the engines, from the settings the object reports. Settings that name engine arrays ({@code out},
 * {@code where}) cannot be made on the client and are rejected.
 */
final class RemoteCodec {
    private RemoteCodec() {
    }

    /** The recipe of {@code o} (null for null). */
    static Recipe recipe(UfuncOptions o) {
        if (o == null) {
            return null;
        }
        if (o.out() != null) {
            throw new IllegalArgumentException("UfuncOptions.out names a DistArray of this process; on the client use "
                    + "the RemoteArray form of the operation and assign the result, or a registered engine function");
        }
        Recipe r = Recipe.of("UfuncOptions", "none");
        if (o.casting() != null) {
            r = r.then("casting", o.casting());
        }
        if (o.dtype() != null) {
            r = r.then("dtype", o.dtype());
        }
        return r;
    }

    /** The recipe of {@code o} (null for null). */
    static Recipe recipe(ReduceOptions o) {
        if (o == null) {
            return null;
        }
        if (o.outOrNull() != null || o.whereOrNull() != null) {
            throw new IllegalArgumentException("ReduceOptions.out and .where name DistArrays of this process; on the "
                    + "client pass the mask as a RemoteArray through ctx.callArray(\"Reductions\", ...) with "
                    + "Recipe.of(\"ReduceOptions\", ...).then(\"where\", mask)");
        }
        int[] axes = o.axisOrNull();
        Recipe r = axes == null ? Recipe.of("ReduceOptions", "defaults") : Recipe.of("ReduceOptions", "axis", (Object) axes);
        if (o.isKeepdims()) {
            r = r.then("keepdims", true);
        }
        if (o.dtypeOrNull() != null) {
            r = r.then("dtype", o.dtypeOrNull());
        }
        if (o.ddofValue() != 0) {
            r = r.then("ddof", o.ddofValue());
        }
        if (o.isReproducible()) {
            r = r.then("reproducible", true);
        }
        Number initial = o.initialOrNull();
        if (initial != null) {
            r = r.then("initial", initial);
        }
        return r;
    }
}

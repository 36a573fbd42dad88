package org.jdistarray.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import org.jdistarray.array.DoubleIndexFunction;
import org.jdistarray.client.internal.ApiFunctions;
import org.jdistarray.io.Hdf5Mode;
import org.jdistarray.protocol.DType;

/**
 * The client side of the core's static API beyond {@link RemoteNp}: creation ({@code DistArrays}), random arrays
 * ({@code RandomArrays}), IO ({@code ArrayIO}: {@code .npy}, {@code .dnpy}, HDF5), protocol metadata (each engine's
 * descriptor) and pictures ({@code Plots}, drawn on the engines, sent as SVG text or PNG bytes). Every method is one
 * command to the engines of the context; a returned {@link RemoteArray} must be closed by the caller. Layouts are
 * {@link RemoteLayout}s. Paths are the engines' paths (a shared file system, as DistArray assumes).
 */
public final class RemoteArrays {
    private final Context ctx;

    private RemoteArrays(Context ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    /** <b>Not collective.</b> The creation, IO and picture calls of {@code ctx}. */
    public static RemoteArrays of(Context ctx) {
        return new RemoteArrays(ctx);
    }

    // ---- creation (DistArrays)

    /** <b>Collective</b> (one command). {@code DistArrays.zeros}. */
    public RemoteArray zeros(RemoteLayout layout, DType dtype) {
        return ctx.callArray("DistArrays", "zeros", layout.recipe(), dtype);
    }

    /** <b>Collective</b> (one command). {@code DistArrays.ones}. */
    public RemoteArray ones(RemoteLayout layout, DType dtype) {
        return ctx.callArray("DistArrays", "ones", layout.recipe(), dtype);
    }

    /** <b>Collective</b> (one command). {@code DistArrays.full} with a floating-point value. */
    public RemoteArray full(RemoteLayout layout, DType dtype, double value) {
        return ctx.callArray("DistArrays", "full", layout.recipe(), dtype, value);
    }

    /** <b>Collective</b> (one command). {@code DistArrays.full} with an integer value. */
    public RemoteArray full(RemoteLayout layout, DType dtype, long value) {
        return ctx.callArray("DistArrays", "full", layout.recipe(), dtype, value);
    }

    /** <b>Collective</b> (one command). {@code DistArrays.arange(dist, start, step, dtype)} over the layout's shape. */
    public RemoteArray arange(RemoteLayout layout, double start, double step, DType dtype) {
        return ctx.callArray("DistArrays", "arange", layout.recipe(), start, step, dtype);
    }

    /** <b>Collective</b> (one command). {@code DistArrays.linspace(dist, start, stop, endpoint)}. */
    public RemoteArray linspace(RemoteLayout layout, double start, double stop, boolean endpoint) {
        return ctx.callArray("DistArrays", "linspace", layout.recipe(), start, stop, endpoint);
    }

    /** <b>Collective</b> (one command). The client's values (C order) on the layout. */
    public RemoteArray fromArray(RemoteLayout layout, DType dtype, double[] values) {
        return ctx.fromArray(layout.recipe(), dtype, values);
    }

    /** <b>Collective</b> (one command). The client's values (C order) on the layout. */
    public RemoteArray fromArray(RemoteLayout layout, DType dtype, long[] values) {
        return ctx.fromArray(layout.recipe(), dtype, values);
    }

    /**
     * <b>Collective</b> (one command). {@code DistArrays.fromFunction} with an instance of {@code function} made on
     * every engine (DistArray's {@code fromfunction} pushed the function's code; here the class must be on every
     * engine's class path, public, with a public no-argument constructor).
     */
    public RemoteArray fromFunction(RemoteLayout layout, DType dtype, Class<? extends DoubleIndexFunction> function) {
        return (RemoteArray) ctx.apply(new ApiFunctions.FromFunction(), layout.recipe(), dtype, function.getName());
    }

    // ---- random (RandomArrays)

    /** <b>Collective</b> (one command). {@code RandomArrays.rand}: uniform [0, 1), reproducible for a seed. */
    public RemoteArray rand(RemoteLayout layout, long seed) {
        return ctx.callArray("RandomArrays", "rand", layout.recipe(), seed);
    }

    /** <b>Collective</b> (one command). {@code RandomArrays.randn}: standard normal, reproducible for a seed. */
    public RemoteArray randn(RemoteLayout layout, long seed) {
        return ctx.callArray("RandomArrays", "randn", layout.recipe(), seed);
    }

    // ---- IO (ArrayIO)

    /** <b>Collective</b> (one command). {@code ArrayIO.saveNpy}: one {@code .npy} file written by the engines. */
    public void saveNpy(Path path, RemoteArray array) {
        ctx.callVoid("ArrayIO", "saveNpy", path, array);
    }

    /** <b>Collective</b> (one command). {@code ArrayIO.loadNpy} on the layout (its shape must be the file's). */
    public RemoteArray loadNpy(Path path, RemoteLayout layout) {
        return ctx.callArray("ArrayIO", "loadNpy", path, layout.recipe());
    }

    /** <b>Collective</b> (one command). {@code ArrayIO.saveDnpy}: {@code <prefix>_<rank>.dnpy}, one per engine. */
    public void saveDnpy(String prefix, RemoteArray array) {
        ctx.callVoid("ArrayIO", "saveDnpy", prefix, array);
    }

    /** <b>Collective</b> (one command). {@code ArrayIO.loadDnpy} on the engines' communicator. */
    public RemoteArray loadDnpy(String prefix) {
        return ctx.callArray("ArrayIO", "loadDnpy", Recipe.ENGINE_COMM, prefix);
    }

    /** <b>Collective</b> (one command). {@code ArrayIO.saveHdf5(path, dataset, array, mode)}. */
    public void saveHdf5(Path path, String dataset, RemoteArray array, Hdf5Mode mode) {
        ctx.callVoid("ArrayIO", "saveHdf5", path, dataset, array, mode);
    }

    /** <b>Collective</b> (one command). {@code ArrayIO.loadHdf5(path, dataset, dist)}. */
    public RemoteArray loadHdf5(Path path, String dataset, RemoteLayout layout) {
        return ctx.callArray("ArrayIO", "loadHdf5", path, dataset, layout.recipe());
    }

    // ---- protocol metadata

    /**
     * <b>Collective</b> (one command). Each engine's distributed-array-protocol descriptor of {@code array} (its
     * {@code dim_data}, as {@code JsonCodec} writes it), in engine order: what DistArray's client learns from the
     * engines' {@code __distarray__} exports, without the buffers.
     */
    public List<String> descriptors(RemoteArray array) {
        Object r = ctx.apply(new ApiFunctions.Descriptor(), array);
        List<String> out = new ArrayList<>();
        if (r instanceof List<?> l) {
            for (Object o : l) {
                out.add((String) o);
            }
        } else {
            out.add((String) r); // one engine
        }
        return out;
    }

    // ---- pictures (Plots)

    /** <b>Collective</b> (one command). {@code Plots.distribution} drawn on engine 0: the SVG text. */
    public String distributionSvg(RemoteArray array, String titleOrNull) {
        return (String) ctx.apply(new ApiFunctions.DistributionPicture(), array, titleOrNull, "svg");
    }

    /** <b>Collective</b> (one command). {@code Plots.distribution} drawn on engine 0: the PNG file's bytes. */
    public byte[] distributionPng(RemoteArray array, String titleOrNull) {
        return Base64.getDecoder().decode((String) ctx.apply(new ApiFunctions.DistributionPicture(), array, titleOrNull, "png"));
    }

    /** <b>Collective</b> (one command). {@code Plots.values} (a heat map of a 1-D or 2-D array): the SVG text. */
    public String valuesSvg(RemoteArray array, String titleOrNull) {
        return (String) ctx.apply(new ApiFunctions.ValuesPicture(), array, titleOrNull, "svg");
    }

    /** <b>Collective</b> (one command). {@code Plots.values}: the PNG file's bytes. */
    public byte[] valuesPng(RemoteArray array, String titleOrNull) {
        return Base64.getDecoder().decode((String) ctx.apply(new ApiFunctions.ValuesPicture(), array, titleOrNull, "png"));
    }
}

package org.jdistarray.client.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.DoubleIndexFunction;
import org.jdistarray.client.EngineFunction;
import org.jdistarray.client.EngineScope;
import org.jdistarray.dist.Distribution;
import org.jdistarray.plot.Picture;
import org.jdistarray.plot.PlotOptions;
import org.jdistarray.plot.Plots;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.JsonCodec;

/**
 * The engine functions behind {@link org.jdistarray.client.RemoteArrays} for what no single core method returns in a
 * form that travels: each is a public class with a public no-argument constructor, so every engine makes its own
 * instance ({@link org.jdistarray.client.Context#apply}).
 */
public final class ApiFunctions {
    private ApiFunctions() {
    }

    /**
     * args: {@code Distribution, DType, String className}: {@code DistArrays.fromFunction} with a new instance of the
     * public {@link DoubleIndexFunction} class (public no-argument constructor) on every engine.
     */
    public static final class FromFunction implements EngineFunction {
        @Override
        public Object apply(EngineScope scope, Object[] args) throws Exception {
            Distribution dist = (Distribution) args[0];
            DType dtype = (DType) args[1];
            String name = (String) args[2];
            Class<?> c = Class.forName(name, true, Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : FromFunction.class.getClassLoader());
            if (!DoubleIndexFunction.class.isAssignableFrom(c)) {
                throw new IllegalArgumentException(name + " is not a DoubleIndexFunction");
            }
            DoubleIndexFunction f = (DoubleIndexFunction) c.getConstructor().newInstance();
            return DistArrays.fromFunction(dist, dtype, f);
        }
    }

    /** args: {@code DistArray}: this engine's protocol descriptor as JSON (the buffer stays). */
    public static final class Descriptor implements EngineFunction {
        @Override
        public Object apply(EngineScope scope, Object[] args) {
            return JsonCodec.write(((DistArray) args[0]).export().descriptor());
        }
    }

    /**
     * args: {@code DistArray, String titleOrNull, String format}: the picture of the array's distribution
     * ({@code Plots.distribution}, drawn on engine 0): the SVG text ({@code "svg"}) or the PNG bytes in base64
     * ({@code "png"}) on engine 0, null on the others.
     */
    public static final class DistributionPicture implements EngineFunction {
        @Override
        public Object apply(EngineScope scope, Object[] args) {
            DistArray a = (DistArray) args[0];
            String title = (String) args[1];
            String format = (String) args[2];
            if (!format.equals("svg") && !format.equals("png")) {
                throw new IllegalArgumentException("picture format must be svg or png, not " + format);
            }
            PlotOptions o = title == null ? PlotOptions.defaults() : PlotOptions.defaults().title(title);
            Picture p = Plots.distribution(a, o, 0);
            return p == null ? null : encode(p, format);
        }
    }

    /** args: {@code DistArray, String titleOrNull, String format}: as {@link DistributionPicture}, of the values. */
    public static final class ValuesPicture implements EngineFunction {
        @Override
        public Object apply(EngineScope scope, Object[] args) {
            String format = (String) args[2];
            if (!format.equals("svg") && !format.equals("png")) {
                throw new IllegalArgumentException("picture format must be svg or png, not " + format);
            }
            Picture p = Plots.values((DistArray) args[0], (String) args[1], 0);
            return p == null ? null : encode(p, format);
        }
    }

    private static String encode(Picture p, String format) {
        if (format.equals("svg")) {
            return p.svg();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(p.image(), "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}

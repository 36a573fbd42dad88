package org.jdistarray.random;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The committed NumPy reference draws ({@code src/test/python/random_fixture.py}), parsed. */
final class NumpyFixture {
    static final String RESOURCE = "/org/jdistarray/random/numpy-philox.txt";

    private final Map<String, String[]> cases = new HashMap<>();

    NumpyFixture(String text) {
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(" ");
            String[] v = new String[f.length - 1];
            System.arraycopy(f, 1, v, 0, v.length);
            cases.put(f[0], v);
        }
    }

    static String committed() throws IOException {
        try (InputStream in = NumpyFixture.class.getResourceAsStream(RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A case's values: float64 and float32 as doubles, integers as longs (raw words unsigned). */
    double[] doubles(String name) {
        String[] v = get(name);
        double[] out = new double[v.length - 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = v[0].equals("f8") ? Double.longBitsToDouble(Long.parseUnsignedLong(v[i + 1], 16))
                    : Float.intBitsToFloat(Integer.parseUnsignedInt(v[i + 1], 16));
        }
        return out;
    }

    long[] longs(String name) {
        String[] v = get(name);
        long[] out = new long[v.length - 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = v[i + 1].startsWith("-") ? Long.parseLong(v[i + 1]) : Long.parseUnsignedLong(v[i + 1]);
        }
        return out;
    }

    private String[] get(String name) {
        String[] v = cases.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no fixture case " + name);
        }
        return v;
    }
}

package org.jdistarray.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;

/** Builders of JSON exports for tests. */
final class Exports {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Exports() {
    }

    /** A float64 descriptor whose buffer shape is every dimension's local size. */
    static ArrayDescriptor descriptor(DimDistribution... dims) {
        long[] shape = Arrays.stream(dims).mapToLong(DimDistribution::localSize).toArray();
        return new ArrayDescriptor(new BufferSpec(DType.FLOAT64, shape), List.of(dims));
    }

    static JsonNode export(DimDistribution... dims) {
        return tree(JsonCodec.write(descriptor(dims)));
    }

    /** An export with the given shape and raw dimension dictionaries (JSON text, comma-separated). */
    static String raw(String shape, String dimDicts) {
        return "{\"__version__\": \"0.10.0\", \"buffer\": {\"dtype\": \"<f8\", \"shape\": " + shape
                + "}, \"dim_data\": [" + dimDicts + "]}";
    }

    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}

package org.jdistarray.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.PrimitiveIterator;
import org.jdistarray.protocol.DimDistribution;
import org.jdistarray.protocol.GlobalLayout;
import org.jdistarray.protocol.JsonCodec;

/**
 * The {@code describe --json} document, streamed rank by rank (nothing of the size of the layout is held in
 * memory): {@code grid_shape}, then per rank {@code rank}, {@code coords}, {@code dim_data}, {@code local_shape}
 * and {@code global_indices} (the owned global indices per axis, in local order). The indices are listed only
 * while the whole document lists at most {@link #INDEX_LIMIT} of them; a larger layout carries
 * {@code global_indices_omitted} (why, and how many there would be) instead, and every rank's {@code dim_data}
 * still says exactly what it owns. A replicated layout (no distributed axis, every rank holding the whole array)
 * carries {@code "replicated": true}.
 */
final class DescribeJson {
    /** Most global indices one document lists (about 10 MB of JSON). */
    static final long INDEX_LIMIT = 1_000_000;

    private DescribeJson() {
    }

    /**
     * Writes the document for {@code layout} held by {@code holders} ranks to {@code out} (which stays open) and a
     * final newline. {@code holders} is the layout's rank count, or more for a replicated layout (one grid position,
     * held whole by every rank): then every rank is listed with that position's data, and {@code replicated} is true.
     */
    static void write(GlobalLayout layout, int holders, Writer out) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonGenerator g = mapper.getFactory().createGenerator(out);
        g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        g.useDefaultPrettyPrinter();
        int[] grid = layout.grid().shape();
        boolean replicated = holders > layout.rankCount();
        long listed = listedIndexCount(layout);
        listed = replicated && listed > 0 ? (listed > Long.MAX_VALUE / holders ? Long.MAX_VALUE : listed * holders) : listed;
        boolean listIndices = listed <= INDEX_LIMIT;
        g.writeStartObject();
        g.writeFieldName("grid_shape");
        g.writeArray(grid, 0, grid.length);
        if (replicated) {
            g.writeBooleanField("replicated", true);
        }
        if (!listIndices) {
            g.writeStringField("global_indices_omitted", "the ranks own " + (listed == Long.MAX_VALUE
                    ? "more than " + Long.MAX_VALUE : String.valueOf(listed)) + " global indices along their axes,"
                    + " more than the " + INDEX_LIMIT + " that --json lists; each rank's dim_data gives them");
        }
        g.writeArrayFieldStart("ranks");
        for (int rank = 0; rank < holders; rank++) {
            int r = replicated ? 0 : rank; // the grid position this rank holds
            g.writeStartObject();
            g.writeNumberField("rank", rank);
            int[] coords = layout.grid().coordsOf(r);
            g.writeFieldName("coords");
            g.writeArray(coords, 0, coords.length);
            List<DimDistribution> dims = layout.dimDataFor(r);
            g.writeArrayFieldStart("dim_data");
            for (DimDistribution d : dims) {
                g.writeTree(JsonCodec.dimDictToJson(d));
            }
            g.writeEndArray();
            long[] localShape = layout.mapFor(r).localShape();
            g.writeFieldName("local_shape");
            g.writeArray(localShape, 0, localShape.length);
            if (listIndices) {
                g.writeArrayFieldStart("global_indices");
                for (DimDistribution d : dims) {
                    g.writeStartArray();
                    for (PrimitiveIterator.OfLong it = d.ownedGlobalIndices().iterator(); it.hasNext(); ) {
                        g.writeNumber(it.nextLong());
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        out.write(System.lineSeparator());
        out.flush();
    }

    /**
     * How many indices {@code global_indices} would list: every index of axis {@code a} is owned once per grid
     * position of the other axes, so the count is the sum over axes of {@code shape[a] * ranks / grid[a]}
     * (saturating at {@link Long#MAX_VALUE}).
     */
    static long listedIndexCount(GlobalLayout layout) {
        long total = 0;
        int ranks = layout.grid().size();
        for (int a = 0; a < layout.ndim(); a++) {
            try {
                total = Math.addExact(total, Math.multiplyExact(layout.shape()[a], ranks / layout.grid().shape(a)));
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
        return total;
    }
}

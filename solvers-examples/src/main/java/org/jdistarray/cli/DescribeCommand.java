package org.jdistarray.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.jdistarray.protocol.DimDistribution;
import org.jdistarray.protocol.DistKind;
import org.jdistarray.protocol.GlobalDimData;
import org.jdistarray.protocol.GlobalLayout;
import org.jdistarray.protocol.JsonCodec;
import org.jdistarray.protocol.NdMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jdistarray describe}: what every rank holds of a distribution given by shape and per-axis types, or
 * by DistArray's global dim data.
 */
@Command(name = "describe", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show, for every rank, its grid coordinates, protocol dim_data, local shape and the",
            "global indices it owns along each axis (in local order).",
            "Example: jdistarray describe --shape 5,9 --dist c,b --grid 2,2 --block-size 2,1"})
final class DescribeCommand implements Callable<Integer> {

    @Option(names = "--shape", split = ",", paramLabel = "N", description = "global shape, e.g. 5,9")
    long[] shape;

    @Option(names = "--dist", split = ",", paramLabel = "T",
            description = "per-axis type: b (block), c (cyclic; block-cyclic with --block-size > 1), "
                    + "u (unstructured: only with --global-dim-data), n (undistributed). "
                    + "Missing trailing axes are n. Default: b on axis 0.")
    String[] dist;

    @Option(names = "--grid", split = ",", paramLabel = "P",
            description = "process grid shape; default: DistArray's grid-shape rule")
    int[] grid;

    @Option(names = "--block-size", split = ",", paramLabel = "B", description = "per-axis block size for c axes (default 1)")
    long[] blockSize;

    @Option(names = "--ranks", paramLabel = "N", description = "number of ranks; default: the product of the grid")
    Integer ranks;

    @Option(names = "--global-dim-data", paramLabel = "FILE.json",
            description = "DistArray's global dim data (one dict per axis: bounds / size+proc_grid_size+block_size / indices / size)")
    Path globalDimData;

    @Option(names = "--owner", split = ",", paramLabel = "I",
            description = "print the owning rank and local index of this global index (negative counts from the end)")
    long[] owner;

    @Option(names = "--json", description = "print one JSON document")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        GlobalLayout layout;
        try {
            layout = layout();
        } catch (NoSuchFileException e) {
            spec.commandLine().getErr().println("error: no such file: " + globalDimData);
            return JDistArrayCli.EXIT_BAD_INPUT;
        }
        if (owner != null) {
            printOwner(layout, out);
            return 0;
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson(layout)));
        } else {
            printText(layout, out);
        }
        return 0;
    }

    private GlobalLayout layout() throws IOException {
        if (globalDimData != null) {
            if (shape != null || dist != null || grid != null || blockSize != null) {
                throw usage("--global-dim-data describes the whole distribution: do not combine it with "
                        + "--shape, --dist, --grid or --block-size");
            }
            GlobalLayout l = GlobalLayout.fromAxes(GlobalDimData.fromJson(Files.readString(globalDimData)));
            if (ranks != null && ranks != l.grid().size()) {
                throw usage("--ranks " + ranks + " but the global dim data describes a grid of "
                        + l.grid().size() + " ranks " + Arrays.toString(l.grid().shape()));
            }
            return l;
        }
        if (shape == null) {
            throw usage("give --shape (with --dist, --grid or --ranks) or --global-dim-data");
        }
        List<DistKind> kinds = kinds();
        long[] blocks = blockSizes(kinds);
        int commSize;
        if (ranks != null) {
            commSize = ranks;
        } else if (grid != null) {
            commSize = Arrays.stream(grid).reduce(1, Math::multiplyExact);
        } else {
            throw usage("give --grid or --ranks (or both)");
        }
        if (commSize < 1) {
            throw usage("--ranks must be >= 1, got " + commSize);
        }
        return GlobalLayout.fromShape(shape, kinds, grid, blocks, commSize);
    }

    private List<DistKind> kinds() {
        String[] letters = dist == null ? new String[] {"b"} : dist;
        if (letters.length > shape.length) {
            throw usage("--dist has " + letters.length + " entries for a " + shape.length + "-d shape");
        }
        List<DistKind> kinds = new ArrayList<>();
        for (String s : letters) {
            String t = s.trim();
            if (t.length() != 1) {
                throw usage("--dist entry '" + s + "' is not one of b, c, u, n");
            }
            kinds.add(DistKind.fromCode(t.charAt(0)));
        }
        while (kinds.size() < shape.length) {
            kinds.add(DistKind.UNDISTRIBUTED);
        }
        return kinds;
    }

    private long[] blockSizes(List<DistKind> kinds) {
        if (blockSize == null) {
            return null;
        }
        if (blockSize.length != kinds.size()) {
            throw usage("--block-size has " + blockSize.length + " entries for a " + kinds.size() + "-d shape");
        }
        for (int i = 0; i < blockSize.length; i++) {
            if (blockSize[i] < 1) {
                throw usage("--block-size on axis " + i + " must be >= 1, got " + blockSize[i]);
            }
            if (blockSize[i] != 1 && kinds.get(i) != DistKind.CYCLIC) {
                throw usage("--block-size " + blockSize[i] + " on axis " + i + ", which is "
                        + kinds.get(i).name().toLowerCase() + ": block sizes > 1 apply to c axes only");
            }
        }
        return blockSize;
    }

    private void printOwner(GlobalLayout layout, PrintWriter out) {
        long[] s = layout.shape();
        if (owner.length != s.length) {
            throw usage("--owner has " + owner.length + " indices for a " + s.length + "-d array");
        }
        long[] g = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            g[i] = owner[i] < 0 ? owner[i] + s[i] : owner[i];
            if (g[i] < 0 || g[i] >= s[i]) {
                throw usage("index " + owner[i] + " is out of bounds for axis " + i + " with size " + s[i]);
            }
        }
        int rank = layout.ownerOf(g);
        long[] local = layout.mapFor(rank).localFromGlobal(g);
        out.println("global index " + Arrays.toString(g) + ": rank " + rank + " (grid coordinates "
                + Arrays.toString(layout.grid().coordsOf(rank)) + "), local index " + Arrays.toString(local));
    }

    private void printText(GlobalLayout layout, PrintWriter out) {
        out.println("shape " + Arrays.toString(layout.shape()) + " over " + layout.grid().size()
                + " ranks, grid_shape " + Arrays.toString(layout.grid().shape()));
        for (int r = 0; r < layout.grid().size(); r++) {
            NdMap map = layout.mapFor(r);
            out.println("rank " + r + "  coords " + Arrays.toString(layout.grid().coordsOf(r))
                    + "  local_shape " + Arrays.toString(map.localShape()));
            List<DimDistribution> dims = layout.dimDataFor(r);
            for (int a = 0; a < dims.size(); a++) {
                out.println("  axis " + a + "  " + JsonCodec.dimDictToJson(dims.get(a))
                        + "\n          owns " + IndexRuns.format(dims.get(a).ownedGlobalIndices().toArray()));
            }
        }
    }

    private static ObjectNode toJson(GlobalLayout layout) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        ArrayNode gs = root.putArray("grid_shape");
        Arrays.stream(layout.grid().shape()).forEach(gs::add);
        ArrayNode ranksNode = root.putArray("ranks");
        for (int r = 0; r < layout.grid().size(); r++) {
            ObjectNode rn = ranksNode.addObject();
            rn.put("rank", r);
            ArrayNode coords = rn.putArray("coords");
            Arrays.stream(layout.grid().coordsOf(r)).forEach(coords::add);
            ArrayNode dd = rn.putArray("dim_data");
            List<DimDistribution> dims = layout.dimDataFor(r);
            dims.forEach(d -> dd.add(JsonCodec.dimDictToJson(d)));
            ArrayNode ls = rn.putArray("local_shape");
            Arrays.stream(layout.mapFor(r).localShape()).forEach(ls::add);
            ArrayNode gi = rn.putArray("global_indices");
            for (DimDistribution d : dims) {
                ArrayNode axis = gi.addArray();
                d.ownedGlobalIndices().forEach(axis::add);
            }
        }
        return root;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}

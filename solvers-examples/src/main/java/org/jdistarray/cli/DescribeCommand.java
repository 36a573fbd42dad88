package org.jdistarray.cli;

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
        description = {"Show what every rank holds of a distribution: grid coordinates, protocol dim_data, local "
                + "shape and the global indices it owns along each axis (in local order, as runs a..b).",
            "",
            "Axes without a --dist entry are block-distributed (b), the rule of the Java DistributionBuilder; "
                + "DistArray 0.5 makes them undistributed instead (its normalize_dist pads with n): give n "
                + "explicitly for its layout. Without --grid, DistArray's grid-shape rule picks the grid, using every rank. With no "
                + "distributed axis (every entry n) the array is replicated: every rank holds all of it, as with the "
                + "builder (DistArray 0.5 puts it on one rank).",
            "",
            "Large layouts are summarised: at most " + DescribeCommand.MAX_RUNS + " runs of indices per axis and "
                + "the first " + DescribeCommand.MAX_TEXT_RANKS + " ranks are printed (the text says what it left "
                + "out); --json is streamed, and lists the global indices only while there are at most "
                + DescribeJson.INDEX_LIMIT + " of them. At most " + DescribeCommand.MAX_RANKS + " ranks.",
            "",
            "Example: jdistarray describe --shape 5,9 --dist c,b --grid 2,2 --block-size 2,1"})
final class DescribeCommand implements Callable<Integer> {
    /** Most runs of owned indices printed per rank and axis. */
    static final int MAX_RUNS = 16;
    /** Most ranks the text form prints. */
    static final int MAX_TEXT_RANKS = 64;
    /** Most ranks a described layout may have. */
    static final int MAX_RANKS = 1 << 20;

    @Option(names = "--shape", split = ",", paramLabel = "N", description = "global shape, e.g. 5,9")
    long[] shape;

    @Option(names = "--dist", split = ",", paramLabel = "T",
            description = "per-axis type: b (block), c (cyclic; block-cyclic with --block-size > 1), "
                    + "u (unstructured: only with --global-dim-data), n (undistributed). "
                    + "Axes without an entry are b (DistArray 0.5: n). Default: b on every axis.")
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

    /** The number of ranks holding the layout: its rank count, or every rank when it is replicated. */
    private int holders;

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
            DescribeJson.write(layout, holders, out);
        } else {
            printText(layout, out);
        }
        return 0;
    }

    GlobalLayout layout() throws IOException {
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
            holders = l.rankCount();
            return l;
        }
        if (shape == null) {
            throw usage("give --shape (with --dist, --grid or --ranks) or --global-dim-data");
        }
        List<DistKind> kinds = kinds();
        long[] blocks = blockSizes(kinds);
        long commSize;
        if (ranks != null) {
            commSize = ranks;
        } else if (grid != null) {
            commSize = 1;
            for (int p : grid) {
                if (p < 1) {
                    throw usage("--grid entries must be >= 1, got " + Arrays.toString(grid));
                }
                commSize = Math.min(commSize * p, MAX_RANKS + 1L); // saturates: no overflow
            }
        } else {
            throw usage("give --grid or --ranks (or both)");
        }
        if (commSize < 1) {
            throw usage("--ranks must be >= 1, got " + commSize);
        }
        if (commSize > MAX_RANKS) {
            throw usage((ranks != null ? "--ranks " + ranks : "--grid " + Arrays.toString(grid) + " has more than "
                    + MAX_RANKS + " ranks") + ": describe shows layouts of at most " + MAX_RANKS + " ranks");
        }
        GlobalLayout l = GlobalLayout.fromShape(shape, kinds, grid, blocks, (int) commSize);
        holders = (int) commSize; // more than l.rankCount() when no axis is distributed: replicated on every rank
        return l;
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
            kinds.add(DistKind.BLOCK); // Distribution.builder's rule (DistArray 0.5 pads with n)
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
        int size = layout.rankCount();
        boolean replicated = holders > size;
        out.println("shape " + Arrays.toString(layout.shape()) + " over " + holders + " ranks, grid_shape "
                + Arrays.toString(layout.grid().shape()) + (replicated ? ", replicated: no axis is distributed, so every"
                + " rank holds the whole array (DistArray 0.5 puts such an array on one rank)" : ""));
        int shown = Math.min(size, MAX_TEXT_RANKS);
        for (int r = 0; r < shown; r++) {
            NdMap map = layout.mapFor(r);
            out.println((replicated ? "ranks 0.." + (holders - 1) : "rank " + r) + "  coords "
                    + Arrays.toString(layout.grid().coordsOf(r)) + "  local_shape " + Arrays.toString(map.localShape()));
            List<DimDistribution> dims = layout.dimDataFor(r);
            for (int a = 0; a < dims.size(); a++) {
                out.println("  axis " + a + "  " + JsonCodec.dimDictToJson(dims.get(a))
                        + "\n          owns " + IndexRuns.summarize(dims.get(a), MAX_RUNS));
            }
        }
        if (shown < size) {
            out.println("... ranks " + shown + ".." + (size - 1) + " not shown (the first " + MAX_TEXT_RANKS
                    + " are printed; --owner I,... names the rank of an index, --json lists every rank)");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}

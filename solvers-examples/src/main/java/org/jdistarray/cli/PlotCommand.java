package org.jdistarray.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.Redistribution;
import org.jdistarray.plot.Picture;
import org.jdistarray.plot.PlotOptions;
import org.jdistarray.plot.Plots;
import org.jdistarray.protocol.AxisDistribution;
import org.jdistarray.protocol.BlockAxis;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.GlobalLayout;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jdistarray plot}: a picture (PNG or SVG) of a distribution, or of a redistribution between two. */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw a distribution as a PNG or SVG picture: cells coloured by owning rank, a legend, "
                + "labelled axes, ghost cells hatched; a 2-D slice of N-d arrays. The layout options are those of "
                + "'describe'.",
            "",
            "Examples:",
            "  jdistarray plot --shape 64,64 --dist b,c --grid 2,2 -o dist.png",
            "  jdistarray plot --shape 12,16 --grid 2,2 --ghosts 1 --panels --values -o ghosts.svg",
            "  jdistarray plot --shape 64,64 --grid 4,1 --to n,b -o plan.png   (who sends how much to whom)"})
final class PlotCommand implements Callable<Integer> {
    /** Most ranks drawn. */
    static final int MAX_RANKS = 4096;
    /** Most ranks for pictures that need the distribution on thread ranks (--values, --to). */
    static final int MAX_THREAD_RANKS = 64;

    @CommandLine.Mixin
    LayoutOptions layoutOptions = new LayoutOptions();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "the picture: .png or .svg")
    Path output;

    @Option(names = "--title", paramLabel = "TEXT", description = "a first title line")
    String title;

    @Option(names = "--axes", split = ",", paramLabel = "A", description = "the two axes drawn (rows,columns) of an N-d array; default the last two")
    int[] axes;

    @Option(names = "--at", split = ",", paramLabel = "I", description = "the slice: one index per axis (drawn axes ignored); default 0")
    long[] at;

    @Option(names = "--ghosts", paramLabel = "W", description = "W ghost cells on both sides of every rank boundary of the block axes")
    long ghosts;

    @Option(names = "--panels", description = "add one panel per rank with its local block")
    boolean panels;

    @Option(names = "--values", description = "fill the array with 0, 1, 2, ... (C order) and print the values in the cells")
    boolean values;

    @Option(names = "--cell", paramLabel = "PX", description = "cell size in pixels (default: fit about 640 pixels)")
    int cell;

    @Option(names = "--to", split = ",", paramLabel = "T",
            description = "draw the redistribution plan to this per-axis layout (b, c, n; same shape, default grid) instead")
    String[] to;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".svg")) {
            throw usage("-o " + output + ": the file name must end with .png or .svg");
        }
        GlobalLayout layout = layoutOptions.describe(spec).layout();
        if (ghosts < 0) {
            throw usage("--ghosts must be >= 0, got " + ghosts);
        }
        if (ghosts > 0) {
            layout = withGhosts(layout, ghosts);
        }
        int ranks = layout.rankCount();
        if (ranks > MAX_RANKS) {
            throw usage("a picture shows at most " + MAX_RANKS + " ranks, this layout has " + ranks);
        }
        PlotOptions opt = options();
        Picture pic;
        if (to != null) {
            pic = plan(layout);
        } else if (values) {
            if (ranks > MAX_THREAD_RANKS) {
                throw usage("--values runs the ranks as threads: at most " + MAX_THREAD_RANKS + " ranks");
            }
            GlobalLayout l = layout;
            pic = LocalCluster.call(ranks, Duration.ofSeconds(60), comm -> {
                Distribution d = Distribution.of(comm, l);
                try (DistArray a = DistArrays.fromFunction(d, DType.INT64, g -> flat(g, l.shape()))) {
                    return Plots.distribution(a, opt, 0);
                }
            }).get(0);
        } else {
            pic = Plots.distribution(layout, opt);
        }
        pic.write(output);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + output + " (" + pic.width() + "x" + pic.height() + ")");
        return 0;
    }

    private PlotOptions options() {
        PlotOptions o = PlotOptions.defaults().title(title).rankPanels(panels).values(values);
        if (cell != 0) {
            o = o.cellPixels(cell);
        }
        if (axes != null) {
            if (axes.length != 2) {
                throw usage("--axes takes two axes (rows,columns), got " + axes.length);
            }
            o = o.axes(axes[0], axes[1]);
        }
        return at == null ? o : o.at(at);
    }

    private Picture plan(GlobalLayout from) throws IOException {
        int ranks = from.rankCount();
        if (ranks > MAX_THREAD_RANKS) {
            throw usage("--to runs the ranks as threads: at most " + MAX_THREAD_RANKS + " ranks");
        }
        LayoutOptions target = new LayoutOptions();
        target.shape = from.shape();
        target.dist = to;
        target.ranks = ranks;
        GlobalLayout toLayout = target.describe(spec).layout();
        return LocalCluster.call(ranks, Duration.ofSeconds(60), comm -> {
            Redistribution plan = Redistribution.plan(Distribution.of(comm, from), Distribution.of(comm, toLayout));
            return comm.rank() == 0 ? Plots.redistribution(plan, title) : null;
        }).get(0);
    }

    private static double flat(long[] g, long[] shape) {
        long f = 0;
        for (int k = 0; k < shape.length; k++) {
            f = f * shape[k] + g[k];
        }
        return f;
    }

    private static GlobalLayout withGhosts(GlobalLayout layout, long width) {
        List<AxisDistribution> axes = new ArrayList<>();
        for (AxisDistribution a : layout.axes()) {
            axes.add(a instanceof BlockAxis b ? new BlockAxis(b.bounds(), width, b.boundaryPadding(), b.periodic()) : a);
        }
        return GlobalLayout.fromAxes(axes);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** The layout options shared with {@code describe}. */
    static final class LayoutOptions {
        @Option(names = "--shape", split = ",", paramLabel = "N", description = "global shape, e.g. 64,64")
        long[] shape;

        @Option(names = "--dist", split = ",", paramLabel = "T",
                description = "per-axis type: b (block), c (cyclic; block-cyclic with --block-size > 1), n (undistributed); default b")
        String[] dist;

        @Option(names = "--grid", split = ",", paramLabel = "P", description = "process grid shape; default: DistArray's rule")
        int[] grid;

        @Option(names = "--block-size", split = ",", paramLabel = "B", description = "per-axis block size for c axes (default 1)")
        long[] blockSize;

        @Option(names = "--ranks", paramLabel = "N", description = "number of ranks; default: the product of the grid")
        Integer ranks;

        @Option(names = "--global-dim-data", paramLabel = "FILE.json", description = "DistArray's global dim data instead")
        Path globalDimData;

        /** A describe command carrying these options, whose layout() builds (and checks) the layout. */
        DescribeCommand describe(CommandLine.Model.CommandSpec spec) {
            DescribeCommand d = new DescribeCommand();
            d.shape = shape;
            d.dist = dist;
            d.grid = grid;
            d.blockSize = blockSize;
            d.ranks = ranks;
            d.globalDimData = globalDimData;
            d.spec = spec;
            return d;
        }
    }
}

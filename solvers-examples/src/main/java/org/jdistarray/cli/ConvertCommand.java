package org.jdistarray.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdistarray.array.DistArray;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.DistributionBuilder;
import org.jdistarray.dist.Redistribution;
import org.jdistarray.io.ArrayIO;
import org.jdistarray.io.Hdf5DatasetInfo;
import org.jdistarray.io.Hdf5Mode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jdistarray convert SRC DST [--ranks N] [--dist b,c,...]}: an array from one file format to another, on N
 * thread ranks through the library's own parallel readers and writers ({@link ArrayIO}), the layout changed with a
 * {@link Redistribution}. Values and dtypes are copied exactly (no conversion).
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert an array between .npy, .dnpy sets and HDF5 datasets, in parallel on N thread ranks.",
            "SRC and DST are each a .npy file (NAME.npy), a .dnpy set (PREFIX, with PREFIX_0.dnpy, ..., or",
            "PREFIX.dnpy, or one of its rank files), or an HDF5 dataset (FILE.h5:/group/dataset; a source file",
            "with one dataset may omit it). An HDF5 target file that exists gets the dataset added (an existing",
            "dataset of that name is an error). The data is read in its file's layout (a .dnpy set: its own; else",
            "block on axis 0) and redistributed to --dist before it is written (.dnpy keeps the layout per rank).",
            "Values and dtypes are kept exactly. Errors: one line on stderr, exit 1."})
final class ConvertCommand implements Callable<Integer> {
    private static final Pattern RANK_FILE = Pattern.compile("(.*)_(\\d+)\\.dnpy");
    private static final Duration TIMEOUT = Duration.ofHours(24);

    @Parameters(index = "0", paramLabel = "SRC", description = "the source: a .npy file, a .dnpy set or FILE.h5:/dataset")
    String src;

    @Parameters(index = "1", paramLabel = "DST", description = "the target: a .npy file, a .dnpy set or FILE.h5:/dataset")
    String dst;

    @Option(names = "--ranks", paramLabel = "N", description = "thread ranks (default 2; a .dnpy source: its file count)")
    Integer ranks;

    @Option(names = "--dist", split = ",", paramLabel = "T",
            description = "per-axis distribution of the target layout: b (block), c (cyclic), n (undistributed);"
                    + " default: b on axis 0, n elsewhere")
    List<String> dist;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A file format and its location. */
    private record Where(String kind, Path file, String prefix, String dataset) {
        String describe() {
            return switch (kind) {
                case "npy" -> file + " (npy)";
                case "dnpy" -> prefix + "_*.dnpy (dnpy)";
                default -> file + ":" + dataset + " (hdf5)";
            };
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Where from = where(src, true);
            Where to = where(dst, false);
            int n = ranks != null ? ranks : from.kind().equals("dnpy") ? ArrayIO.dnpyFiles(from.prefix()).size() : 2;
            if (n < 1 || n > 256) {
                throw new IllegalArgumentException("--ranks " + n + ": expected 1..256");
            }
            String[] result = new String[1];
            LocalCluster.run(n, TIMEOUT, comm -> {
                String r = convert(comm, from, to);
                if (comm.rank() == 0) {
                    result[0] = r;
                }
            });
            out.println(from.describe() + " -> " + to.describe() + ": " + result[0] + " on " + n + " ranks");
            return 0;
        } catch (RuntimeException e) {
            err.println("error: " + JDistArrayCli.oneLine(root(e)));
            return 1;
        }
    }

    private static Throwable root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null
                || t.getClass().getName().startsWith("java.util.concurrent") || t instanceof RuntimeException
                && t.getClass().getSimpleName().contains("Rank"))) {
            t = t.getCause();
        }
        return t;
    }

    private String convert(Communicator comm, Where from, Where to) {
        DistArray a;
        switch (from.kind()) {
            case "npy" -> {
                long[] shape = ArrayIO.readNpyHeader(from.file()).shape();
                a = ArrayIO.loadNpy(from.file(), Distribution.builder(comm).shape(shape).build());
            }
            case "dnpy" -> a = ArrayIO.loadDnpy(comm, from.prefix());
            default -> {
                long[] shape = hdf5Shape(from);
                a = ArrayIO.loadHdf5(from.file(), from.dataset(), Distribution.builder(comm).shape(shape).build());
            }
        }
        try {
            DistArray b = a;
            if (dist != null) {
                Distribution target = target(comm, a.shape());
                b = a.redistribute(Redistribution.plan(a.distribution(), target));
            }
            try {
                switch (to.kind()) {
                    case "npy" -> ArrayIO.saveNpy(to.file(), b);
                    case "dnpy" -> ArrayIO.saveDnpy(to.prefix(), b);
                    default -> ArrayIO.saveHdf5(to.file(), to.dataset(), b, Hdf5Mode.APPEND);
                }
                return "shape " + org.jdistarray.io.NpyHeader.shapeString(b.shape()) + " " + b.dtype().numpyName();
            } finally {
                if (b != a) {
                    b.close();
                }
            }
        } finally {
            a.close();
        }
    }

    private static long[] hdf5Shape(Where from) {
        for (Hdf5DatasetInfo d : ArrayIO.listHdf5(from.file())) {
            if (d.path().equals(from.dataset())) {
                return d.shape();
            }
        }
        throw new org.jdistarray.io.ArrayFileException(from.file() + ": no dataset " + from.dataset());
    }

    private Distribution target(Communicator comm, long[] shape) {
        if (dist.size() != shape.length) {
            throw new IllegalArgumentException("--dist has " + dist.size() + " entries for a " + shape.length
                    + "-d array of shape " + org.jdistarray.io.NpyHeader.shapeString(shape));
        }
        DistributionBuilder b = Distribution.builder(comm).shape(shape);
        for (int i = 0; i < shape.length; i++) {
            switch (dist.get(i).trim()) {
                case "b" -> b.block(i);
                case "c" -> b.cyclic(i);
                case "n" -> b.undistributed(i);
                default -> throw new IllegalArgumentException("--dist entry '" + dist.get(i)
                        + "' is not one of b, c, n");
            }
        }
        return b.build();
    }

    private static Where where(String text, boolean source) {
        Hdf5Target h = Hdf5Target.parse(text);
        if (h != null) {
            String ds = h.dataset();
            if (ds == null) {
                if (!source) {
                    throw new IllegalArgumentException(text + ": name the dataset: " + text + ":/group/name");
                }
                List<Hdf5DatasetInfo> all = ArrayIO.listHdf5(h.file());
                if (all.size() != 1) {
                    throw new IllegalArgumentException(text + " has " + all.size() + " datasets: name one ("
                            + text + ":/path; see 'jdistarray info " + text + "')");
                }
                ds = all.get(0).path();
            }
            return new Where("hdf5", h.file(), null, ds);
        }
        if (text.endsWith(".npy")) {
            if (source && !Files.isRegularFile(Path.of(text))) {
                throw new IllegalArgumentException(text + ": no such file");
            }
            return new Where("npy", Path.of(text), null, null);
        }
        Matcher m = RANK_FILE.matcher(text);
        String prefix = m.matches() ? m.group(1) : text.endsWith(".dnpy") ? text.substring(0, text.length() - 5)
                : text;
        if (source && !Files.isRegularFile(Path.of(prefix + "_0.dnpy"))) {
            throw new IllegalArgumentException(text + ": no such .npy file, .dnpy set (" + prefix
                    + "_0.dnpy) or HDF5 file");
        }
        if (!source && !text.endsWith(".dnpy") && !m.matches()) {
            throw new IllegalArgumentException(text + ": unknown target format (NAME.npy, PREFIX.dnpy or"
                    + " FILE.h5:/dataset)");
        }
        return new Where("dnpy", null, prefix, null);
    }
}

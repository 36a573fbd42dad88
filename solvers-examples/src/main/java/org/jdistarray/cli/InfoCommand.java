package org.jdistarray.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdistarray.io.ArrayFileException;
import org.jdistarray.io.ArrayIO;
import org.jdistarray.io.DnpyFileInfo;
import org.jdistarray.io.Hdf5DatasetInfo;
import org.jdistarray.io.NpyHeader;
import org.jdistarray.protocol.DimDistribution;
import org.jdistarray.protocol.JsonCodec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jdistarray info PATH [--json]}: what a {@code .npy} file, a {@code .dnpy} set or an HDF5 file holds (format,
 * shape, dtype as NumPy's string, for {@code .dnpy} every rank's dimension data, for HDF5 every dataset). Reads the
 * headers (metadata) only.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Show what an array file holds, from its headers: format, shape, dtype (NumPy's string).",
            "PATH is a .npy file, a .dnpy prefix (PREFIX_0.dnpy, PREFIX_1.dnpy, ... exist) or one of its files,",
            "an HDF5 file or FILE.h5:/group/dataset; for .dnpy, every rank file's dim_data is listed, for HDF5",
            "every dataset (path, shape, dtype, chunks, compression). --json prints one JSON object (format,",
            "version, shape, dtype, and fortran_order, or ranks: one entry per rank file with its file and",
            "dim_data, or datasets: one entry per dataset).",
            "A corrupt file: one line on stderr, exit 1; a missing file: exit 2."})
final class InfoCommand implements Callable<Integer> {
    private static final Pattern RANK_FILE = Pattern.compile("(.*)_(\\d+)\\.dnpy");

    @Parameters(index = "0", paramLabel = "PATH", description = "a .npy file, or a .dnpy prefix or file")
    String path;

    @Option(names = "--json", description = "one JSON object instead of text")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Matcher m = RANK_FILE.matcher(path);
        String prefix = m.matches() ? m.group(1) : path;
        try {
            Hdf5Target h5 = Hdf5Target.parse(path);
            if (h5 != null) {
                hdf5(h5, out);
            } else if (Files.isRegularFile(Path.of(prefix + "_0.dnpy"))) {
                dnpy(prefix, out);
            } else if (Files.isRegularFile(Path.of(path))) {
                npy(Path.of(path), out);
            } else {
                err.println("error: no such file: " + path + (m.matches() ? " (and no " + prefix + "_0.dnpy)" : ""));
                return JDistArrayCli.EXIT_BAD_INPUT;
            }
        } catch (ArrayFileException e) {
            err.println("error: " + JDistArrayCli.oneLine(e));
            return 1;
        }
        return 0;
    }

    private void hdf5(Hdf5Target t, PrintWriter out) {
        List<Hdf5DatasetInfo> all = ArrayIO.listHdf5(t.file());
        if (t.dataset() != null) {
            all = all.stream().filter(d -> d.path().equals(t.dataset())).toList();
            if (all.isEmpty()) {
                throw new ArrayFileException(t.file() + ": no dataset " + t.dataset());
            }
        }
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("format", "hdf5");
            if (all.size() == 1 && t.dataset() != null) {
                ArrayNode shape = o.putArray("shape");
                Arrays.stream(all.get(0).shape()).forEach(shape::add);
                o.put("dtype", all.get(0).dtype());
            }
            ArrayNode ds = o.putArray("datasets");
            for (Hdf5DatasetInfo d : all) {
                ObjectNode e = ds.addObject();
                e.put("path", d.path());
                ArrayNode shape = e.putArray("shape");
                Arrays.stream(d.shape()).forEach(shape::add);
                e.put("dtype", d.dtype());
                if (d.chunks() == null) {
                    e.putNull("chunks");
                } else {
                    ArrayNode c = e.putArray("chunks");
                    Arrays.stream(d.chunks()).forEach(c::add);
                }
                if (d.compression() == null) {
                    e.putNull("compression");
                } else {
                    e.put("compression", d.compression());
                }
            }
            out.println(o);
            return;
        }
        out.println(t.file() + ": hdf5, " + all.size() + " dataset" + (all.size() == 1 ? "" : "s"));
        for (Hdf5DatasetInfo d : all) {
            out.println("  " + d.path() + "  shape " + NpyHeader.shapeString(d.shape()) + "  dtype " + d.dtype()
                    + "  chunks " + (d.chunks() == null ? "None" : NpyHeader.shapeString(d.chunks()))
                    + "  compression " + (d.compression() == null ? "None" : d.compression()));
        }
    }

    private void npy(Path file, PrintWriter out) {
        NpyHeader h = ArrayIO.readNpyHeader(file);
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("format", "npy").put("version", h.version());
            ArrayNode shape = o.putArray("shape");
            Arrays.stream(h.shape()).forEach(shape::add);
            o.put("dtype", h.descr()).put("fortran_order", h.fortranOrder());
            out.println(o);
            return;
        }
        out.println(file + ": npy " + h.version());
        out.println("  shape  " + NpyHeader.shapeString(h.shape()));
        out.println("  dtype  " + h.descr() + " (" + h.dtype().numpyName() + ")");
        out.println("  order  " + (h.fortranOrder() ? "Fortran" : "C") + ", data at byte " + h.dataOffset() + ", "
                + h.dataBytes() + " bytes");
    }

    private void dnpy(String prefix, PrintWriter out) {
        List<DnpyFileInfo> files = new ArrayList<>();
        for (Path p : ArrayIO.dnpyFiles(prefix)) {
            files.add(ArrayIO.readDnpyHeader(p));
        }
        DnpyFileInfo first = files.get(0);
        for (DnpyFileInfo f : files) {
            if (!Arrays.equals(f.globalShape(), first.globalShape()) || f.npy().dtype() != first.npy().dtype()) {
                throw new ArrayFileException(f.path() + ": shape " + NpyHeader.shapeString(f.globalShape()) + " "
                        + f.npy().descr() + " disagrees with " + first.path() + ": "
                        + NpyHeader.shapeString(first.globalShape()) + " " + first.npy().descr());
            }
        }
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("format", "dnpy").put("version", "1.0");
            ArrayNode shape = o.putArray("shape");
            Arrays.stream(first.globalShape()).forEach(shape::add);
            o.put("dtype", first.npy().descr());
            ArrayNode ranks = o.putArray("ranks");
            for (DnpyFileInfo f : files) {
                ObjectNode r = ranks.addObject();
                r.put("file", f.path().toString());
                ArrayNode dims = r.putArray("dim_data");
                for (DimDistribution d : f.dimData()) {
                    dims.add(JsonCodec.dimDictToJson(d));
                }
            }
            out.println(o);
            return;
        }
        out.println(prefix + "_*.dnpy: dnpy 1.0, " + files.size() + " rank files");
        out.println("  shape  " + NpyHeader.shapeString(first.globalShape()));
        out.println("  dtype  " + first.npy().descr() + " (" + first.npy().dtype().numpyName() + ")");
        for (int r = 0; r < files.size(); r++) {
            DnpyFileInfo f = files.get(r);
            out.println("  rank " + r + "  " + f.path().getFileName() + "  local_shape "
                    + NpyHeader.shapeString(f.npy().shape()));
            for (int ax = 0; ax < f.dimData().size(); ax++) {
                out.println("    axis " + ax + "  " + JsonCodec.dimDictToJson(f.dimData().get(ax)));
            }
        }
    }
}

package org.jdistarray.array;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.jdistarray.array.internal.ConvertKernels;
import org.jdistarray.array.internal.NativeMemory;
import org.jdistarray.array.internal.SharedSegment;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.comm.CollectiveErrors;
import org.jdistarray.comm.CommContext;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.ArrayDescriptor;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.JsonCodec;
import org.jdistarray.protocol.ProtocolException;
import org.jdistarray.protocol.ProtocolExport;
import org.jdistarray.protocol.ProtocolValidator;
import org.jdistarray.protocol.Violation;

/**
 * Arrays in named shared memory and their protocol export across the process (and language) boundary: another
 * process on the node &mdash; Python with NumPy and {@code python/jdistarray_dap.py}, or another JVM &mdash; maps
 * the same bytes.
 *
 * <p><b>Shared arrays.</b> {@link #zeros} creates an array whose local block is a file in {@code /dev/shm}
 * ({@link SharedSegment}: owner-only mode 0600, page aligned, C order, as today's storage); {@link #toShared} copies
 * an array there once. Closing the array unlinks the file (a shutdown hook unlinks what is left open at exit; segments
 * of dead processes are removed by the next process that creates one).
 *
 * <p><b>The descriptor file</b> ({@link #export}, one per rank, {@code <dir>/dap-rank<r>.json}, mode 0600):
 * <pre>{"__distarray__": {"__version__":"0.10.0","buffer":{"dtype":"&lt;f8","shape":[5]},"dim_data":[...]},
 *  "shm": {"path":"/dev/shm/jdistarray-123-1-ab.shm","offset":0,"nbytes":40,"readonly":false,"pid":123,
 *          "rank":0,"nranks":2}}</pre>
 * {@code __distarray__} is the protocol export in its JSON form ({@link JsonCodec}, protocol.md §7) and {@code shm}
 * says where the buffer lives. Writing it costs O(1) in the array's size (the dimension dictionaries only, except for
 * the {@code indices} of unstructured axes).
 */
public final class SharedArrays {
    /** Top-level key of the protocol dictionary in a descriptor file. */
    public static final String DISTARRAY_KEY = "__distarray__";
    /** Top-level key of the buffer location in a descriptor file. */
    public static final String SHM_KEY = "shm";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedArrays() {
    }

    /**
     * <b>Collective</b> (creation; one small all-reduce so that a failure on one rank fails every rank). A
     * zero-filled array whose local block lives in named shared memory. Caller must close it (which unlinks the block).
     *
     * @throws IllegalArgumentException on every rank if some rank's block exceeds {@code 2^31 - 1} bytes
     * @throws UncheckedIOException on every rank if {@code /dev/shm} has no room on some rank
     */
    public static DistArray zeros(Distribution dist, DType dtype) {
        if (dist == null || dtype == null) {
            throw new IllegalArgumentException("distribution and dtype are required");
        }
        Communicator lib = dist.context().comm();
        SharedSegment seg = null;
        RuntimeException failure = null;
        try {
            long elements = dist.localElementCount();
            if (elements > Integer.MAX_VALUE / dtype.itemSize()) {
                throw new IllegalArgumentException("a shared-memory block holds at most 2^31 - 1 bytes; rank "
                        + dist.rank() + "'s block has " + elements + " " + dtype.numpyName() + " elements");
            }
            seg = SharedSegment.create(elements * dtype.itemSize());
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            CollectiveErrors.agree(lib, failure); // every rank has its block, or every rank throws
        } catch (RuntimeException e) {
            if (seg != null) {
                seg.close();
            }
            throw e;
        }
        return new DistArray(dist, dtype, Storage.shared(seg, dtype));
    }

    /**
     * <b>Collective</b> (as {@link #zeros}). A copy of {@code a} in named shared memory (same distribution and dtype): the one
     * copy needed to export an ordinary array. Caller must close both.
     */
    public static DistArray toShared(DistArray a) {
        if (a == null) {
            throw new IllegalArgumentException("toShared: the array is null");
        }
        a.checkOpen();
        a.verify("toShared");
        Storage from = a.storage();
        Distribution d = a.distribution();
        long n = d.localElementCount();
        DistArray out = zeros(d, a.dtype());
        ConvertKernels.convert(from, out.storage(), n);
        return out;
    }

    /** <b>Not collective.</b> Whether {@code a}'s local block lives in named shared memory. */
    public static boolean isShared(DistArray a) {
        return a.storage().sharedSegment() != null;
    }

    /** <b>Not collective.</b> The file of {@code a}'s shared block, or null if it is not shared. */
    public static Path segmentPath(DistArray a) {
        SharedSegment s = a.storage().sharedSegment();
        return s == null ? null : s.path();
    }

    /**
     * <b>Collective</b> (every rank writes its own file, then one small all-reduce: when it returns, every rank's
     * descriptor is in place, or every rank throws). Writes this rank's descriptor ({@code <dir>/dap-rank<r>.json},
     * replaced atomically, mode 0600) for the shared array {@code a}; no data is copied. The descriptor is removed
     * when {@code a} is closed.
     *
     * @param readOnly whether importers must map the block read-only ({@code jdistarray_dap} maps it with mode
     *     {@code 'r'}; Java importers copy-on-write)
     * @return this rank's descriptor file
     * @throws IllegalStateException on every rank if {@code a} is not in shared memory on some rank ({@link #toShared}
     *     it first)
     * @throws UncheckedIOException on every rank if some rank cannot write its file
     */
    public static Path export(DistArray a, Path dir, boolean readOnly) {
        a.checkOpen();
        a.verify("exportShared", readOnly ? 1 : 0); // every rank exports the same array
        Communicator lib = a.distribution().context().comm();
        return CollectiveErrors.agree(lib, () -> writeDescriptor(a, dir, readOnly));
    }

    private static Path writeDescriptor(DistArray a, Path dir, boolean readOnly) {
        if (dir == null) {
            throw new IllegalArgumentException("exportShared: the directory is null");
        }
        SharedSegment seg = a.storage().sharedSegment();
        if (seg == null) {
            throw new IllegalStateException("exportShared: the array's local block is not in shared memory;"
                    + " export SharedArrays.toShared(array) (one copy) or create it with DistArrays.zerosShared");
        }
        if (!seg.isOwner()) {
            throw new IllegalStateException("exportShared: the array wraps another process's block (" + seg.path()
                    + "); that process exports it");
        }
        ProtocolExport e = a.export();
        Distribution d = a.distribution();
        ObjectNode root = JSON.createObjectNode();
        try {
            root.set(DISTARRAY_KEY, JSON.readTree(JsonCodec.write(e.descriptor())));
        } catch (IOException ex) {
            throw new IllegalStateException("the protocol codec wrote invalid JSON", ex);
        }
        ObjectNode shm = root.putObject(SHM_KEY);
        shm.put("path", seg.path().toAbsolutePath().toString());
        shm.put("offset", NativeMemory.addressOf(e.buffer()) - NativeMemory.addressOf(seg.buffer()));
        shm.put("nbytes", e.descriptor().buffer().byteCount());
        shm.put("readonly", readOnly);
        shm.put("pid", SharedSegment.pid());
        shm.put("rank", d.rank());
        shm.put("nranks", d.communicator().size());
        Path file = descriptorFile(dir, d.rank());
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(".dap-rank" + d.rank() + ".json." + SharedSegment.pid() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new UncheckedIOException("exportShared: cannot write " + file + ": " + ex.getMessage(), ex);
        }
        seg.removeOnClose(file);
        return file;
    }

    /** <b>Not collective.</b> The descriptor file of rank {@code rank} in {@code dir}. */
    public static Path descriptorFile(Path dir, int rank) {
        return dir.resolve("dap-rank" + rank + ".json");
    }

    /**
     * <b>Collective.</b> Wraps blocks another process exported to shared memory (descriptor files as written by
     * {@link #export} or {@code jdistarray_dap.export}) with no copy. {@code where} is this rank's descriptor file, or
     * a directory holding {@code dap-rank<r>.json} for this rank {@code r} of {@code comm}. Each rank reads and
     * validates its descriptor ({@link ProtocolValidator}, plus the {@code shm} location: the file exists and holds
     * the buffer) before mapping anything, then the ranks agree as in {@link DistArray#fromProtocol}. A read-only
     * export is mapped copy-on-write (writes stay in this process). The exporter keeps ownership: closing the array
     * unmaps nothing the exporter needs and unlinks nothing.
     *
     * @throws ProtocolException on every rank if some rank's descriptor is invalid (the violations), unreadable or not
     *     JSON, or its block cannot be mapped
     */
    public static DistArray importShared(Communicator comm, Path where) {
        if (comm == null) {
            throw new IllegalArgumentException("importShared: the communicator is null");
        }
        Communicator lib = CommContext.of(comm).comm();
        ProtocolExport export = CollectiveErrors.agree(lib, () -> read(where, comm.rank()));
        return DistArray.fromProtocol(comm, export);
    }

    /** Reads, validates and maps one rank's descriptor. */
    static ProtocolExport read(Path where, int rank) {
        if (where == null) {
            throw new IllegalArgumentException("importShared: the descriptor path is null");
        }
        Path file = Files.isDirectory(where) ? descriptorFile(where, rank) : where;
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new ProtocolException("importShared: cannot read the descriptor " + file + ": "
                    + ex.getMessage().replace('\n', ' '), ex);
        }
        List<Violation> v = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new ProtocolException(List.of(new Violation(-1, "", file + " is not a JSON object")));
        }
        JsonNode dict = root.get(DISTARRAY_KEY);
        if (dict == null) {
            v.add(new Violation(-1, DISTARRAY_KEY, "missing: the descriptor holds no protocol dictionary"));
        } else {
            v.addAll(ProtocolValidator.validate(dict));
        }
        JsonNode shm = root.get(SHM_KEY);
        if (shm == null || !shm.isObject()) {
            v.add(new Violation(-1, SHM_KEY, "missing or not an object: the descriptor does not say where the buffer is"));
        } else {
            if (!shm.path("path").isTextual()) {
                v.add(new Violation(-1, SHM_KEY + ".path", "missing or not a string"));
            }
            for (String k : new String[] {"offset", "nbytes"}) {
                if (!shm.path(k).canConvertToLong() || !shm.path(k).isIntegralNumber() || shm.path(k).asLong() < 0) {
                    v.add(new Violation(-1, SHM_KEY + "." + k, "missing or not an integer >= 0"));
                }
            }
            if (shm.has("readonly") && !shm.get("readonly").isBoolean()) {
                v.add(new Violation(-1, SHM_KEY + ".readonly", "not a boolean"));
            }
        }
        if (!v.isEmpty()) {
            throw new ProtocolException(v);
        }
        ArrayDescriptor d = JsonCodec.read(dict.toString());
        long need = d.buffer().byteCount();
        long nbytes = shm.get("nbytes").asLong();
        if (nbytes != need) {
            throw new ProtocolException(List.of(new Violation(-1, SHM_KEY + ".nbytes", nbytes
                    + " bytes, but the buffer " + d.buffer() + " needs " + need)));
        }
        long offset = shm.get("offset").asLong();
        if (offset % d.buffer().dtype().itemSize() != 0) {
            throw new ProtocolException(List.of(new Violation(-1, SHM_KEY + ".offset", offset
                    + " is not a multiple of the item size " + d.buffer().dtype().itemSize())));
        }
        Path seg = Path.of(shm.get("path").asText());
        if (!Files.isRegularFile(seg)) {
            throw new ProtocolException(List.of(new Violation(-1, SHM_KEY + ".path", "no such shared-memory block: "
                    + seg)));
        }
        SharedSegment s;
        try {
            s = SharedSegment.attach(seg, offset, need, shm.path("readonly").asBoolean(false));
        } catch (RuntimeException ex) {
            throw new ProtocolException(List.of(new Violation(-1, SHM_KEY, ex.getMessage())));
        }
        ByteBuffer b = s.buffer();
        return new ProtocolExport(d, b);
    }
}

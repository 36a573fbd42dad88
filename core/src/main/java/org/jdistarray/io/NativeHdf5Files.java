package org.jdistarray.io;

import static org.jdistarray.io.internal.Hdf5Native.H5P_DEFAULT;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;

import io.jhdf.HdfFile;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.LocalBlock;
import org.jdistarray.comm.CommContext;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiCommunicator;
import org.jdistarray.comm.mpi.MpiImplementation;
import org.jdistarray.comm.mpi.internal.MpiBinding;
import org.jdistarray.dist.Distribution;
import org.jdistarray.io.JhdfReader.AxisCells;
import org.jdistarray.io.internal.Hdf5Native;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DimDistribution;

/**
 * The parallel HDF5 engine: Debian's {@code libhdf5-openmpi} through JNA ({@link Hdf5Native}), the file opened by
 * every rank with MPI-IO on the library's duplicate of the communicator, each rank's cells read or written with one
 * collective {@code H5Dread}/{@code H5Dwrite} per round ({@link NativeSelection}). The dataset's metadata (shape,
 * dtype) is checked with jHDF first, on every rank, so that bad files fail before any collective HDF5 call.
 */
final class NativeHdf5Files {
    private static final String ENGINE_PROPERTY = "jdistarray.hdf5.engine";

    private NativeHdf5Files() {
    }

    /** Whether the native engine can run on {@code comm} (same answer on every rank of one installation). */
    static boolean usable(Communicator comm) {
        return unavailableReason(comm) == null;
    }

    /** Why the native engine cannot run on {@code comm}, or null. */
    static String unavailableReason(Communicator comm) {
        if (!(comm instanceof MpiCommunicator)) {
            return "needs an MPI communicator (this is " + comm.getClass().getSimpleName()
                    + "; thread ranks use the jHDF engine)";
        }
        try {
            if (MpiBinding.get().implementation() != MpiImplementation.OPEN_MPI) {
                return "needs Open MPI (libhdf5-openmpi), this process uses "
                        + MpiBinding.get().implementation().displayName();
            }
        } catch (RuntimeException e) {
            return "no MPI library: " + e.getMessage();
        }
        Throwable f = Hdf5Native.failure();
        return f == null ? null : "the parallel HDF5 library did not load: " + f.getMessage();
    }

    /** Whether AUTO may pick the native engine ({@code -Djdistarray.hdf5.engine=jhdf} says no). */
    static boolean autoAllowed() {
        String v = System.getProperty(ENGINE_PROPERTY);
        return v == null || !v.trim().equalsIgnoreCase("jhdf");
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    static DistArray load(Path path, String ds, Distribution dist, DType dtype) {
        CommContext ctx = dist.context();
        Communicator lib = ctx.comm();
        String name = path.toString();
        DType t = IoAgreement.agree(lib, name, () -> Hdf5Files.checked(path, name, ds, dist, dtype));
        DistArray a = DistArrays.empty(dist, t);
        try {
            boolean nothing = dist.localMap().holdsNothing() || a.local().elementCount() == 0;
            Plan plan = IoAgreement.agree(lib, name, () -> Plan.of(nothing ? null : dist.dimData(), false, a.local(),
                    t.itemSize()));
            int rounds = (int) Collectives.max(lib, (long) plan.sel.rounds);
            IoAgreement.agree(lib, name, () -> {
                synchronized (Hdf5Native.LOCK) {
                    transfer(path.toString(), ds, lib, plan, rounds, a.local(), t, false, null);
                }
                return null;
            });
            return a;
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
    }

    /** One rank's selection: unique sorted globals per axis and, per held cell, the index of its global. */
    private static final class Plan {
        final NativeSelection sel;
        final AxisCells[] unique;
        final AxisCells[] scatter;

        private Plan(NativeSelection box) {
            sel = box;
            unique = null;
            scatter = null;
        }

        /**
         * The plan of the held ({@code owned == false}: padding included) or owned cells of {@code dims} (null: none).
         * Block and undistributed axes over a contiguous block make one box, described by its corners alone: no
         * per-cell index lists, whatever the block's size. Other layouts list the cells per axis.
         */
        static Plan of(List<DimDistribution> dims, boolean owned, LocalBlock block, int item) {
            if (dims == null) {
                return new Plan(null, block, item);
            }
            int n = dims.size();
            boolean box = block.isContiguous() && java.util.Arrays.equals(block.shape(),
                    block.array().distribution().localMap().localShape());
            long[] start = new long[n];
            long[] local = new long[n];
            long[] count = new long[n];
            for (int i = 0; i < n && box; i++) {
                DimDistribution d = dims.get(i);
                box = d.isContiguous();
                if (!box) {
                    break;
                }
                long first = d instanceof org.jdistarray.protocol.Block b && owned ? b.ownedStart() : 0;
                count[i] = owned ? d.ownedCount() : d.localSize();
                if (count[i] > 0) {
                    start[i] = owned ? first : d.globalFromLocal(0);
                    local[i] = owned ? d.localFromGlobal(first) : 0;
                }
            }
            if (box) {
                return new Plan(new NativeSelection(start, local, count));
            }
            AxisCells[] cells = new AxisCells[n];
            for (int i = 0; i < n; i++) {
                cells[i] = owned ? AxisCells.owned(dims.get(i)) : AxisCells.held(dims.get(i));
            }
            return new Plan(cells, block, item);
        }

        Plan(AxisCells[] cells, LocalBlock block, int item) {
            if (cells == null) {
                unique = new AxisCells[] {new AxisCells(new long[0], new long[0])};
                scatter = unique;
                sel = new NativeSelection(unique, item, false);
                return;
            }
            int n = cells.length;
            unique = new AxisCells[n];
            scatter = new AxisCells[n];
            for (int i = 0; i < n; i++) {
                long[] g = cells[i].g;
                long[] ug = new long[g.length];
                long[] ul = new long[g.length];
                long[] idx = new long[g.length];
                int u = 0;
                for (int k = 0; k < g.length; k++) {
                    if (u == 0 || ug[u - 1] != g[k]) {
                        ug[u] = g[k];
                        ul[u] = cells[i].l[k];
                        u++;
                    }
                    idx[k] = u - 1;
                }
                unique[i] = new AxisCells(java.util.Arrays.copyOf(ug, u), java.util.Arrays.copyOf(ul, u));
                scatter[i] = new AxisCells(idx, cells[i].l);
            }
            boolean dups = false;
            for (int i = 0; i < n; i++) {
                dups |= unique[i].g.length != cells[i].g.length;
            }
            boolean contiguous = !dups && block.isContiguous() && java.util.Arrays.equals(block.shape(),
                    block.array().distribution().localMap().localShape());
            sel = new NativeSelection(unique, item, contiguous);
        }
    }

    /**
     * The collective HDF5 sequence of a read ({@code write == false}) or write: open (or, for a write, create / open
     * read-write), the dataset, {@code rounds} collective transfers, the attributes, close. Each step is agreed on
     * every rank ({@link CollectiveSteps}) before the next collective HDF5 call, so a failure on one rank (a Java
     * exception, a negative return of a call, an injected fault) makes every rank throw and close its handles instead
     * of leaving the others inside HDF5.
     */
    private static void transfer(String file, String ds, Communicator lib, Plan plan, int rounds, LocalBlock block,
            DType t, boolean write, WriteSpec spec) {
        try (CollectiveSteps steps = new CollectiveSteps(lib, file)) {
            long fapl = steps.step("file access list", () -> {
                long p = check(Hdf5Native.H5Pcreate(Hdf5Native.global("H5P_CLS_FILE_ACCESS_ID_g")), "H5Pcreate",
                        file);
                steps.onClose(() -> Hdf5Native.H5Pclose(p));
                return p;
            });
            steps.runCollective("H5Pset_fapl_mpio", () -> check(Hdf5Native.H5Pset_fapl_mpio(fapl, // MPI_Comm_dup
                    ((MpiCommunicator) lib).nativeHandle(), Hdf5Native.address("ompi_mpi_info_null")),
                    "H5Pset_fapl_mpio", file));
            long f = steps.collective(write ? "H5Fcreate" : "H5Fopen", () -> {
                long h;
                if (!write) {
                    h = Hdf5Native.H5Fopen(file, Hdf5Native.H5F_ACC_RDONLY, fapl);
                } else if (spec.create) {
                    h = Hdf5Native.H5Fcreate(file, Hdf5Native.H5F_ACC_TRUNC, H5P_DEFAULT, fapl);
                } else {
                    h = Hdf5Native.H5Fopen(file, Hdf5Native.H5F_ACC_RDWR, fapl);
                }
                check(h, write ? "H5Fcreate/H5Fopen" : "H5Fopen", file);
                steps.onClose(() -> Hdf5Native.H5Fclose(h));
                return h;
            });
            long[] memType = {steps.step("memory type", () -> memType(t, steps))};
            long[] creation = write ? steps.step("dataset creation lists", () -> creationLists(t, spec, memType[0],
                    steps, file)) : null;
            long dset = steps.collective(write ? "H5Dcreate2" : "H5Dopen2", () -> {
                long d;
                if (!write) {
                    d = check(Hdf5Native.H5Dopen2(f, ds, H5P_DEFAULT), "H5Dopen2 " + ds, file);
                    steps.onClose(() -> Hdf5Native.H5Dclose(d));
                    long ft = Hdf5Native.H5Dget_type(d);
                    int cls = Hdf5Native.H5Tget_class(ft);
                    if (t == DType.BOOL || cls == Hdf5Native.H5T_BITFIELD || cls == Hdf5Native.H5T_ENUM) {
                        memType[0] = ft; // 1-byte enums and bitfields: no conversion path to integers; same bytes
                        steps.onClose(() -> Hdf5Native.H5Tclose(ft));
                    } else {
                        Hdf5Native.H5Tclose(ft);
                    }
                } else {
                    d = check(Hdf5Native.H5Dcreate2(f, ds, creation[3], creation[0], creation[1], creation[2],
                            H5P_DEFAULT), "H5Dcreate2 " + ds, file);
                    steps.onClose(() -> Hdf5Native.H5Dclose(d));
                }
                return d;
            });
            long[] lists = steps.step("transfer list", () -> {
                long dxpl = check(Hdf5Native.H5Pcreate(Hdf5Native.global("H5P_CLS_DATASET_XFER_ID_g")), "H5Pcreate",
                        file);
                steps.onClose(() -> Hdf5Native.H5Pclose(dxpl));
                check(Hdf5Native.H5Pset_dxpl_mpio(dxpl, Hdf5Native.H5FD_MPIO_COLLECTIVE), "H5Pset_dxpl_mpio", file);
                long fspace = check(Hdf5Native.H5Dget_space(dset), "H5Dget_space", file);
                steps.onClose(() -> Hdf5Native.H5Sclose(fspace));
                return new long[] {dxpl, fspace};
            });
            long mine = plan.sel.cellCount() * t.itemSize();
            Distribution dist = block.array().distribution();
            try (Progress p = Progress.start(lib, (write ? "saveHdf5 " : "loadHdf5 ") + file, mine,
                    dist.globalSize() * t.itemSize())) {
                for (int r = 0; r < rounds; r++) {
                    round(steps, file, plan, r, block, t, write, dset, memType[0], lists[1], lists[0]);
                    p.add(r < plan.sel.rounds ? mine / Math.max(1, plan.sel.rounds) : 0);
                }
            }
            if (write && spec.attrs != null) {
                steps.runCollective("attributes", () -> writeAttributes(dset, spec.attrs, file));
            }
        }
    }

    /** One round's buffers: the memory space, the address, the staging buffer (null when direct). */
    private record Round(long mspace, long buf, ByteBuffer tmp, long[] dims, long cells) {
    }

    /** Round {@code r}: select and stage (one step), the collective transfer (the next), and for a read the scatter. */
    private static void round(CollectiveSteps steps, String file, Plan plan, int r, LocalBlock block, DType t,
            boolean write, long dset, long memType, long fspace, long dxpl) {
        NativeSelection sel = plan.sel;
        int n = block.ndim();
        int item = t.itemSize();
        boolean staged = r < sel.rounds && n > 0 && !sel.direct;
        long[] mspace = {-1};
        try {
            Round rd = steps.step("select round " + r, () -> {
                Round x = prepare(file, plan, r, block, item, write, fspace);
                mspace[0] = x.mspace;
                return x;
            });
            steps.runCollective((write ? "H5Dwrite" : "H5Dread") + " round " + r, () -> {
                int rc = write ? Hdf5Native.H5Dwrite(dset, memType, rd.mspace, fspace, dxpl, rd.buf)
                        : Hdf5Native.H5Dread(dset, memType, rd.mspace, fspace, dxpl, rd.buf);
                java.lang.ref.Reference.reachabilityFence(rd.tmp);
                check(rc, write ? "H5Dwrite" : "H5Dread", file);
                if (!write && staged) {
                    move(rd.tmp, rd.cells * item, plan, sel.from(r), sel.to(r), rd.dims, item, block, false);
                }
            });
        } finally {
            if (mspace[0] >= 0) {
                Hdf5Native.H5Sclose(mspace[0]); // not collective
            }
        }
    }

    /** The selection and buffers of round {@code r} (a write's cells gathered into the staging buffer). */
    private static Round prepare(String file, Plan plan, int r, LocalBlock block, int item, boolean write,
            long fspace) {
        NativeSelection sel = plan.sel;
        int n = block.ndim();
        if (r >= sel.rounds) {
            Hdf5Native.H5Sselect_none(fspace);
            long mspace = check(Hdf5Native.H5Screate_simple(1, new long[] {1}, null), "H5Screate", file);
            Hdf5Native.H5Sselect_none(mspace);
            ByteBuffer tmp = ByteBuffer.allocateDirect(Math.max(8, item));
            return new Round(mspace, Hdf5Native.address(tmp), tmp, null, 0);
        }
        if (n == 0) {
            Hdf5Native.H5Sselect_all(fspace);
            return new Round(check(Hdf5Native.H5Screate(0), "H5Screate", file), block.address(), null, null, 1);
        }
        if (sel.direct) {
            check(Hdf5Native.H5Sselect_hyperslab(fspace, Hdf5Native.H5S_SELECT_SET, sel.boxStart, null,
                    sel.boxCount, null), "H5Sselect_hyperslab", file);
            long mspace = check(Hdf5Native.H5Screate_simple(n, block.shape(), null), "H5Screate", file);
            int rc = Hdf5Native.H5Sselect_hyperslab(mspace, Hdf5Native.H5S_SELECT_SET, sel.boxLocal, null,
                    sel.boxCount, null);
            if (rc < 0) {
                Hdf5Native.H5Sclose(mspace);
                check(rc, "H5Sselect_hyperslab", file);
            }
            return new Round(mspace, block.address(), null, null, sel.cellCount());
        }
        int from = sel.from(r);
        int to = sel.to(r);
        long[] dims = new long[n];
        dims[0] = to - from;
        long cellsN = dims[0];
        for (int i = 1; i < n; i++) {
            dims[i] = sel.cells[i].g.length;
            cellsN *= dims[i];
        }
        select(fspace, sel, from, to, file);
        ByteBuffer tmp = ByteBuffer.allocateDirect((int) Math.max(8, cellsN * item)).order(ByteOrder.nativeOrder());
        if (write) {
            move(tmp, cellsN * item, plan, from, to, dims, item, block, true);
        }
        long mspace = check(Hdf5Native.H5Screate_simple(n, dims, null), "H5Screate", file);
        return new Round(mspace, Hdf5Native.address(tmp), tmp, dims, cellsN);
    }

    /** Between the round's C-order buffer and the block (gather for a write, scatter for a read). */
    private static void move(ByteBuffer tmp, long bytes, Plan plan, int from, int to, long[] dims, int item,
            LocalBlock block, boolean gather) {
        ByteBuffer b = tmp.duplicate().order(ByteOrder.nativeOrder());
        int n = dims.length;
        AxisCells[] sub = new AxisCells[n];
        long[] origin = new long[n];
        int[] cd = new int[n];
        for (int i = 0; i < n; i++) {
            cd[i] = (int) dims[i];
        }
        if (gather) { // written cells are unique (owned): scatter index = position
            for (int i = 0; i < n; i++) {
                AxisCells u = plan.unique[i];
                int a = i == 0 ? from : 0;
                int z = i == 0 ? to : u.g.length;
                long[] idx = new long[z - a];
                for (int k = 0; k < idx.length; k++) {
                    idx[k] = a + k;
                }
                sub[i] = new AxisCells(idx, java.util.Arrays.copyOfRange(u.l, a, z));
            }
            origin[0] = from;
        } else {
            for (int i = 0; i < n; i++) {
                AxisCells s = plan.scatter[i];
                if (i == 0) {
                    int a = 0;
                    while (a < s.g.length && s.g[a] < from) {
                        a++;
                    }
                    int z = a;
                    while (z < s.g.length && s.g[z] < to) {
                        z++;
                    }
                    sub[i] = s.range(a, z);
                } else {
                    sub[i] = s;
                }
            }
            origin[0] = from;
        }
        JhdfReader.move(b, origin, cd, sub, item, block, false, gather);
    }

    /** Selects the product of the pieces of every axis (axis 0 restricted to {@code [from, to)}). */
    private static void select(long space, NativeSelection sel, int from, int to, String file) {
        int n = sel.cells.length;
        List<List<long[]>> pieces = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long[] g = sel.cells[i].g;
            pieces.add(i == 0 ? NativeSelection.pieces(g, from, to) : NativeSelection.pieces(g, 0, g.length));
        }
        int[] pos = new int[n];
        boolean first = true;
        long[] start = new long[n];
        long[] stride = new long[n];
        long[] count = new long[n];
        long[] blk = new long[n];
        while (true) {
            for (int i = 0; i < n; i++) {
                long[] p = pieces.get(i).get(pos[i]);
                start[i] = p[0];
                stride[i] = p[2] == 1 ? Math.max(1, p[3]) : p[1];
                count[i] = p[2];
                blk[i] = p[3];
            }
            check(Hdf5Native.H5Sselect_hyperslab(space, first ? Hdf5Native.H5S_SELECT_SET : Hdf5Native.H5S_SELECT_OR,
                    start, stride, count, blk), "H5Sselect_hyperslab", file);
            first = false;
            int axis = n - 1;
            while (axis >= 0 && ++pos[axis] == pieces.get(axis).size()) {
                pos[axis] = 0;
                axis--;
            }
            if (axis < 0) {
                break;
            }
        }
    }

    // ---- writing ---------------------------------------------------------------------------------------------

    /** What a write creates. */
    private record WriteSpec(boolean create, long[] shape, long[] chunks, int gzip, Map<String, Object> attrs) {
    }

    /**
     * <b>Collective.</b> The native engine's save: into a temporary file renamed over the target (create, truncate,
     * append to a missing file) or, for append to an existing file, in place (not atomic). {@link Hdf5Files#saveFault}
     * is the test hook, as for jHDF.
     */
    static void save(Path path, String ds, DistArray array, Hdf5Mode mode, Hdf5Options options) {
        Distribution dist = array.distribution();
        Communicator lib = dist.context().comm();
        int rank = lib.rank();
        String name = path.toString();
        Path target = path.toAbsolutePath();
        long token = Collectives.broadcast(lib, rank == 0 ? ThreadLocalRandom.current().nextLong() >>> 1 : 0L, 0);
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(token) + ".tmp");
        DType t = array.dtype();
        long[] chunks = Hdf5Paths.chunkShape(dist.shape(), t.itemSize(), options);
        boolean inPlace = IoAgreement.agree(lib, name, () -> {
            if (array.isClosed()) {
                throw new IllegalStateException("saveHdf5: the array is closed");
            }
            return rank == 0 && Hdf5Files.checkTarget(target, name, ds, mode, 0, false);
        });
        boolean append = Collectives.broadcast(lib, inPlace ? 1L : 0L, 0) == 1L;
        boolean writes = !dist.localMap().holdsNothing() && array.local().elementCount() > 0
                && (rank == 0 || !dist.isReplicated());
        Plan plan = IoAgreement.agree(lib, name, () -> Plan.of(writes ? dist.dimData() : null, true, array.local(),
                t.itemSize()));
        int rounds = (int) Collectives.max(lib, (long) plan.sel.rounds);
        String file = append ? target.toString() : tmp.toString();
        WriteSpec spec = new WriteSpec(!append, dist.shape(), chunks, options.gzip(), Hdf5Files.attributes(array));
        try {
            IoAgreement.agree(lib, name, () -> {
                synchronized (Hdf5Native.LOCK) {
                    transfer(file, ds, lib, plan, rounds, array.local(), t, true, spec);
                }
                IntConsumer fault = Hdf5Files.saveFault;
                if (fault != null) {
                    fault.accept(rank);
                }
                return null;
            });
            if (!append) {
                IoAgreement.agree(lib, name, () -> {
                    if (rank == 0) {
                        try {
                            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
                                    StandardCopyOption.REPLACE_EXISTING);
                        } catch (AtomicMoveNotSupportedException e) {
                            throw new ArrayFileException(name + ": the file system cannot rename atomically: " + e);
                        }
                    }
                    return null;
                });
            }
        } catch (RuntimeException e) {
            if (rank == 0 && !append) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (java.io.IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** The dataset's space, link and creation lists and file type: {space, lcpl, dcpl, fileType}. Not collective. */
    private static long[] creationLists(DType t, WriteSpec spec, long memType, CollectiveSteps closers, String file) {
        long[] shape = spec.shape;
        long space = shape.length == 0 ? Hdf5Native.H5Screate(0) : Hdf5Native.H5Screate_simple(shape.length, shape,
                null);
        check(space, "H5Screate", file);
        closers.onClose(() -> Hdf5Native.H5Sclose(space));
        long lcpl = check(Hdf5Native.H5Pcreate(Hdf5Native.global("H5P_CLS_LINK_CREATE_ID_g")), "H5Pcreate", file);
        closers.onClose(() -> Hdf5Native.H5Pclose(lcpl));
        Hdf5Native.H5Pset_create_intermediate_group(lcpl, 1);
        long dcpl = check(Hdf5Native.H5Pcreate(Hdf5Native.global("H5P_CLS_DATASET_CREATE_ID_g")), "H5Pcreate",
                file);
        closers.onClose(() -> Hdf5Native.H5Pclose(dcpl));
        if (spec.chunks != null) {
            check(Hdf5Native.H5Pset_chunk(dcpl, shape.length, spec.chunks), "H5Pset_chunk", file);
            if (spec.gzip >= 0) {
                check(Hdf5Native.H5Pset_deflate(dcpl, spec.gzip), "H5Pset_deflate", file);
            }
        }
        long fileType = t == DType.BOOL ? memType : Hdf5Native.global(switch (t) {
            case FLOAT64 -> "H5T_IEEE_F64LE_g";
            case FLOAT32 -> "H5T_IEEE_F32LE_g";
            case INT64 -> "H5T_STD_I64LE_g";
            case INT32 -> "H5T_STD_I32LE_g";
            case INT16 -> "H5T_STD_I16LE_g";
            case INT8 -> "H5T_STD_I8LE_g";
            case UINT64 -> "H5T_STD_U64LE_g";
            case UINT32 -> "H5T_STD_U32LE_g";
            case UINT16 -> "H5T_STD_U16LE_g";
            default -> "H5T_STD_U8LE_g";
        });
        return new long[] {space, lcpl, dcpl, fileType};
    }

    /** The memory type of {@code t}; bool is h5py's enum {@code {FALSE: 0, TRUE: 1}} of int8. */
    private static long memType(DType t, CollectiveSteps closers) {
        if (t == DType.BOOL) {
            long e = Hdf5Native.H5Tenum_create(Hdf5Native.global("H5T_NATIVE_INT8_g"));
            Hdf5Native.H5Tenum_insert(e, "FALSE", new byte[] {0});
            Hdf5Native.H5Tenum_insert(e, "TRUE", new byte[] {1});
            closers.onClose(() -> Hdf5Native.H5Tclose(e));
            return e;
        }
        return Hdf5Native.global(switch (t) {
            case FLOAT64 -> "H5T_NATIVE_DOUBLE_g";
            case FLOAT32 -> "H5T_NATIVE_FLOAT_g";
            case INT64 -> "H5T_NATIVE_INT64_g";
            case INT32 -> "H5T_NATIVE_INT32_g";
            case INT16 -> "H5T_NATIVE_INT16_g";
            case INT8 -> "H5T_NATIVE_INT8_g";
            case UINT64 -> "H5T_NATIVE_UINT64_g";
            case UINT32 -> "H5T_NATIVE_UINT32_g";
            case UINT16 -> "H5T_NATIVE_UINT16_g";
            default -> "H5T_NATIVE_UINT8_g";
        });
    }

    /** String attributes as fixed-length strings, long[] and Long as 64-bit integers (collective: same everywhere). */
    private static void writeAttributes(long dset, Map<String, Object> attrs, String file) {
        for (Map.Entry<String, Object> e : attrs.entrySet()) {
            Object v = e.getValue();
            long type;
            long space;
            byte[] data;
            boolean closeType = false;
            if (v instanceof String s) {
                data = s.getBytes(StandardCharsets.UTF_8);
                type = Hdf5Native.H5Tcopy(Hdf5Native.global("H5T_C_S1_g"));
                Hdf5Native.H5Tset_size(type, Math.max(1, data.length));
                closeType = true;
                space = Hdf5Native.H5Screate(0);
                if (data.length == 0) {
                    data = new byte[1];
                }
            } else {
                long[] vals = v instanceof long[] a ? a : new long[] {((Number) v).longValue()};
                ByteBuffer b = ByteBuffer.allocate(vals.length * 8).order(ByteOrder.nativeOrder());
                b.asLongBuffer().put(vals);
                data = b.array();
                type = Hdf5Native.global("H5T_NATIVE_INT64_g");
                space = v instanceof long[] ? Hdf5Native.H5Screate_simple(1, new long[] {vals.length}, null)
                        : Hdf5Native.H5Screate(0);
            }
            long ft = closeType ? type : Hdf5Native.global("H5T_STD_I64LE_g");
            long a = Hdf5Native.H5Acreate2(dset, e.getKey(), ft, space, H5P_DEFAULT, H5P_DEFAULT);
            try {
                check(a, "H5Acreate2 " + e.getKey(), file);
                check(Hdf5Native.H5Awrite(a, type, data), "H5Awrite " + e.getKey(), file);
            } finally {
                if (a >= 0) {
                    Hdf5Native.H5Aclose(a);
                }
                Hdf5Native.H5Sclose(space);
                if (closeType) {
                    Hdf5Native.H5Tclose(type);
                }
            }
        }
    }

    private static long check(long rc, String call, String file) {
        if (rc < 0) {
            throw new ArrayFileException(file + ": parallel HDF5: " + call + " failed");
        }
        return rc;
    }
}

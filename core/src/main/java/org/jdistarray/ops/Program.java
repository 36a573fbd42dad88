package org.jdistarray.ops;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.internal.ArrayAccess;
import org.jdistarray.array.internal.Casts;
import org.jdistarray.array.internal.DoubleLanes;
import org.jdistarray.array.internal.LongLanes;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * A compiled expression: a list of steps in post-order, each filling one tile-sized slot ({@code double[]} for float
 * dtypes, {@code long[]} for integers and bool) from its children's slots; leaves read the operands' local memory
 * (in place, or through broadcast offset tables), the last step writes the result. One virtual call per step and
 * tile, never per element. Tiles of {@link #TILE} elements stay in L1/L2, so a whole expression makes one pass over
 * memory.
 */
final class Program {
    static final int TILE = 256;

    /** A tile of values of one dtype. */
    static final class Slot {
        final DType dtype;
        final double[] d;
        final long[] l;

        Slot(DType dtype) {
            this.dtype = dtype;
            boolean f = Promotion.isFloat(dtype);
            this.d = f ? new double[TILE] : null;
            this.l = f ? null : new long[TILE];
        }
    }

    abstract static class Step {
        /** Computes the slot for the {@code n} elements from local offset {@code pos}; true on an integer-power error. */
        abstract boolean run(long pos, int n);
    }

    private final List<Step> steps = new ArrayList<>();
    private final List<Storage> dense = new ArrayList<>();
    private final Map<Object, Slot> leafSlots = new IdentityHashMap<>();
    private final Distribution dist;
    private final ArrayAccess.Bridge bridge;
    private final Slot root;
    private final DType outType;
    private final long[] localShape;
    private final long[] index;
    private boolean integerPower;

    /** Operands replaced by their copies in a readable layout ({@link OperandMoves}). */
    private final Map<DistArray, DistArray> moved;

    Program(Expr e, Distribution dist, DType outType, ArrayAccess.Bridge bridge, Map<DistArray, DistArray> moved) {
        this.moved = moved;
        this.dist = dist;
        this.bridge = bridge;
        this.outType = outType;
        this.localShape = dist.localShape();
        this.index = new long[localShape.length];
        Slot r = compile(e);
        this.root = convert(r, outType);
    }

    boolean hasIntegerPower() {
        return integerPower;
    }

    /** Runs every tile, storing into {@code out}; true if an integer power met a negative exponent here. */
    boolean run(Storage out) {
        long total = dist.localElementCount();
        if (dist.localMap().holdsNothing()) {
            total = 0;
        }
        boolean bad = false;
        long pos = 0;
        while (pos < total) {
            long n = Math.min(TILE, total - pos);
            n = Math.min(n, out.runInChunk(pos));
            for (Storage s : dense) {
                n = Math.min(n, s.runInChunk(pos));
            }
            int k = (int) n;
            for (Step st : steps) {
                bad |= st.run(pos, k);
            }
            store(out, pos, k);
            advance(k);
            pos += k;
        }
        return bad;
    }

    /** Moves the local multi-index forward by {@code n} elements (C order). */
    private void advance(int n) {
        long carry = n;
        for (int a = index.length - 1; a >= 0 && carry > 0; a--) {
            long v = index[a] + carry;
            index[a] = v % localShape[a];
            carry = v / localShape[a];
        }
    }

    private final ChunkViews outViews = new ChunkViews();

    private void store(Storage out, long pos, int n) {
        java.nio.ByteBuffer b = out.chunkOf(pos);
        int bpos = out.posOf(pos);
        switch (outType) {
            case FLOAT64 -> outViews.doubles(b).put(bpos >> 3, root.d, 0, n);
            case INT64, UINT64 -> outViews.longs(b).put(bpos >> 3, root.l, 0, n);
            default -> {
                if (root.d != null) {
                    DoubleLanes.store(outType, root.d, n, b, bpos);
                } else {
                    LongLanes.store(outType, root.l, n, b, bpos);
                }
            }
        }
    }

    /** Bulk views of the chunk last used (tiles walk the chunks in order, so a view is made once per chunk). */
    static final class ChunkViews {
        private java.nio.ByteBuffer chunk;
        private DoubleBuffer d;
        private LongBuffer l;

        DoubleBuffer doubles(java.nio.ByteBuffer b) {
            if (b != chunk || d == null) {
                chunk = b;
                l = null;
                d = b.duplicate().clear().order(ByteOrder.nativeOrder()).asDoubleBuffer();
            }
            return d;
        }

        LongBuffer longs(java.nio.ByteBuffer b) {
            if (b != chunk || l == null) {
                chunk = b;
                d = null;
                l = b.duplicate().clear().order(ByteOrder.nativeOrder()).asLongBuffer();
            }
            return l;
        }
    }

    private Slot compile(Expr e) {
        switch (e.kind) {
            case ARRAY -> {
                Slot s = leafSlots.get(e.array);
                if (s == null) {
                    s = new Slot(e.array.dtype());
                    leafSlots.put(e.array, s);
                    steps.add(leaf(moved.getOrDefault(e.array, e.array), s));
                }
                return s;
            }
            case SCALAR -> throw new IllegalStateException("scalars are compiled by their parent");
            case UNARY -> {
                Slot x = input(e.args[0], e.loop);
                Slot r = new Slot(e.dtype);
                steps.add(new UnaryStep(e.unaryOp, e.loop, x, r));
                return r;
            }
            case BINARY -> {
                Slot a = input(e.args[0], e.loop);
                Slot b = input(e.args[1], e.loop);
                Slot r = new Slot(e.dtype);
                if (e.binaryOp == BinaryOp.POWER && !Promotion.isFloat(e.loop)) {
                    integerPower = true;
                }
                steps.add(new BinaryStep(e.binaryOp, e.loop, a, b, r));
                return r;
            }
            case WHERE -> {
                Slot c = input(e.args[0], DType.BOOL);
                Slot x = input(e.args[1], e.loop);
                Slot y = input(e.args[2], e.loop);
                Slot r = new Slot(e.dtype);
                steps.add(new TernaryStep(false, c, x, y, r));
                return r;
            }
            case CLIP -> {
                Slot x = input(e.args[0], e.loop);
                Slot lo = input(e.args[1], e.loop);
                Slot hi = input(e.args[2], e.loop);
                Slot r = new Slot(e.dtype);
                steps.add(new TernaryStep(true, x, lo, hi, r));
                return r;
            }
            default -> throw new IllegalStateException();
        }
    }

    /** The child's values as dtype {@code t}: a constant slot for a scalar, else a conversion if needed. */
    private Slot input(Expr child, DType t) {
        if (child.kind == Expr.Kind.SCALAR) {
            Slot s = new Slot(t);
            Operand o = child.scalar;
            if (s.d != null) {
                double v = o.scalarKind() == 2 ? o.doubleValue() : (double) o.longValue();
                java.util.Arrays.fill(s.d, t == DType.FLOAT32 ? (float) v : v);
            } else {
                long v = o.scalarKind() == 2 ? Casts.doubleToLong(o.doubleValue()) : o.longValue();
                if (o.scalarKind() == 2 && t == DType.BOOL) {
                    v = o.doubleValue() != 0 || Double.isNaN(o.doubleValue()) ? 1 : 0;
                }
                s.l[0] = v;
                LongKernels.wrap(t, s.l, 1);
                java.util.Arrays.fill(s.l, s.l[0]);
            }
            return s;
        }
        return convert(compile(child), t);
    }

    private Slot convert(Slot from, DType to) {
        if (from.dtype == to) {
            return from;
        }
        Slot r = new Slot(to);
        steps.add(new ConvertStep(from, r));
        return r;
    }

    private Step leaf(DistArray a, Slot s) {
        Storage st = bridge.storage(a);
        long[][] offsets = Broadcast.offsets(a, dist);
        if (offsets == null) {
            dense.add(st);
            return new DenseLeaf(st, s);
        }
        return new GatherLeaf(st, s, offsets, index, localShape);
    }

    /** Reads the operand's local memory at the result's offsets (same layout). */
    static final class DenseLeaf extends Step {
        private final Storage st;
        private final Slot s;
        private final ChunkViews views = new ChunkViews();

        DenseLeaf(Storage st, Slot s) {
            this.st = st;
            this.s = s;
        }

        @Override
        boolean run(long pos, int n) {
            java.nio.ByteBuffer b = st.chunkOf(pos);
            int bpos = st.posOf(pos);
            switch (s.dtype) {
                case FLOAT64 -> views.doubles(b).get(bpos >> 3, s.d, 0, n);
                case INT64, UINT64 -> views.longs(b).get(bpos >> 3, s.l, 0, n);
                default -> {
                    if (s.d != null) {
                        DoubleLanes.load(s.dtype, b, bpos, s.d, n);
                    } else {
                        LongLanes.load(s.dtype, b, bpos, s.l, n);
                    }
                }
            }
            return false;
        }
    }

    /** Reads a broadcast operand through per-axis offset tables (stride 0 along broadcast axes). */
    static final class GatherLeaf extends Step {
        private final Storage st;
        private final Slot s;
        private final long[][] contrib;
        private final long[] index;
        private final long[] shape;
        private final long[] cur;
        private final long[] offs = new long[TILE];

        GatherLeaf(Storage st, Slot s, long[][] contrib, long[] index, long[] shape) {
            this.st = st;
            this.s = s;
            this.contrib = contrib;
            this.index = index;
            this.shape = shape;
            this.cur = new long[shape.length];
        }

        @Override
        boolean run(long pos, int n) {
            int nd = shape.length;
            if (nd == 0) {
                java.util.Arrays.fill(offs, 0, n, 0L);
            } else {
                System.arraycopy(index, 0, cur, 0, nd);
                long[] last = contrib[nd - 1];
                int i = 0;
                while (i < n) {
                    long base = 0;
                    for (int a = 0; a < nd - 1; a++) {
                        base += contrib[a][(int) cur[a]];
                    }
                    int c = (int) cur[nd - 1];
                    int run = (int) Math.min(n - i, shape[nd - 1] - c);
                    for (int j = 0; j < run; j++) {
                        offs[i + j] = base + last[c + j];
                    }
                    i += run;
                    cur[nd - 1] = 0;
                    for (int a = nd - 2; a >= 0; a--) {
                        if (++cur[a] < shape[a]) {
                            break;
                        }
                        cur[a] = 0;
                    }
                }
            }
            if (s.d != null) {
                for (int i = 0; i < n; i++) {
                    s.d[i] = st.getDouble(offs[i]);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    s.l[i] = st.getLong(offs[i]);
                }
            }
            return false;
        }
    }
}

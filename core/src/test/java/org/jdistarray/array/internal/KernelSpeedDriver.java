package org.jdistarray.array.internal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.Arrays;

import org.jdistarray.protocol.DType;

/**
 * Main driver (not a test): the kernel layer against the per-element path it replaced, and a hot loop over a view of
 * page-mapped, view-tracked memory against the same loop over {@code malloc} memory (the previous allocator), in one
 * job. Prints one line per case: {@code case=... n=... median_ms=... ratio=...}. Run by hand:
 * {@code java -cp <test classpath> org.jdistarray.array.internal.KernelSpeedDriver [reps]}.
 */
public final class KernelSpeedDriver {
    private static final int N = 1 << 22;
    private static volatile double sink;

    private KernelSpeedDriver() {
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        convertCase(DType.FLOAT64, DType.FLOAT32, reps);
        convertCase(DType.INT64, DType.FLOAT64, reps);
        sumCase(reps);
    }

    /** The per-element path of the previous ConvertKernels: one dtype switch per element and per side. */
    static void perElement(Storage src, Storage dst, long count) {
        long off = 0;
        while (off < count) {
            int n = (int) Math.min(count - off, Math.min(src.runInChunk(off), dst.runInChunk(off)));
            perElementRun(src.chunkOf(off), src.posOf(off), src.dtype(), dst.chunkOf(off), dst.posOf(off), dst.dtype(), n);
            off += n;
        }
    }

    private static void perElementRun(ByteBuffer s, int sp, DType from, ByteBuffer d, int dp, DType to, int n) {
        int si = from.itemSize();
        int di = to.itemSize();
        for (int i = 0; i < n; i++) {
            Casts.convert(s, sp + i * si, from, d, dp + i * di, to);
        }
    }

    private static void convertCase(DType from, DType to, int reps) {
        Storage src = Storage.allocate(from, N, false, NativeMemory.DEFAULT_CHUNK_SHIFT);
        Storage dst = Storage.allocate(to, N, true, NativeMemory.DEFAULT_CHUNK_SHIFT);
        FillKernels.ramp(src, 0, N, 1.5, 0.25, 0);
        double[] old = new double[reps];
        double[] neu = new double[reps];
        for (int w = 0; w < 5; w++) {
            perElement(src, dst, N);
            ConvertKernels.convert(src, dst, N);
        }
        for (int r = 0; r < reps; r++) { // interleaved, so drift hits both alike
            long t0 = System.nanoTime();
            perElement(src, dst, N);
            long t1 = System.nanoTime();
            ConvertKernels.convert(src, dst, N);
            long t2 = System.nanoTime();
            old[r] = (t1 - t0) / 1e6;
            neu[r] = (t2 - t1) / 1e6;
        }
        double mo = median(old);
        double mn = median(neu);
        double bytes = (double) N * (from.itemSize() + to.itemSize());
        System.out.printf("case=astype-%s-%s-per-element n=%d median_ms=%.3f GBps=%.2f%n", from.numpyName(),
                to.numpyName(), N, mo, bytes / mo / 1e6);
        System.out.printf("case=astype-%s-%s-kernel n=%d median_ms=%.3f GBps=%.2f speedup=%.2f%n", from.numpyName(),
                to.numpyName(), N, mn, bytes / mn / 1e6, mo / mn);
        src.free();
        dst.free();
    }

    /** A sum over a view, in its own small method (performance.md). */
    static double sum(DoubleBuffer b) {
        double s = 0;
        int n = b.capacity();
        for (int i = 0; i < n; i++) {
            s += b.get(i);
        }
        return s;
    }

    private static void sumCase(int reps) {
        long bytes = 8L * N;
        NativeMemory mapped = NativeMemory.allocate(bytes, true);
        mapped.markViewed();
        DoubleBuffer viewNew = mapped.chunks()[0].duplicate().order(ByteOrder.nativeOrder()).asDoubleBuffer();
        long base = Native.malloc(bytes + 64);
        DoubleBuffer viewOld = new Pointer((base + 63) & -64).getByteBuffer(0, bytes).order(ByteOrder.nativeOrder())
                .asDoubleBuffer();
        for (int i = 0; i < N; i++) {
            viewNew.put(i, i * 0.5);
            viewOld.put(i, i * 0.5);
        }
        double[] old = new double[reps];
        double[] neu = new double[reps];
        for (int w = 0; w < 10; w++) {
            sink = sum(viewOld) + sum(viewNew);
        }
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            sink = sum(viewOld);
            long t1 = System.nanoTime();
            sink = sum(viewNew);
            long t2 = System.nanoTime();
            old[r] = (t1 - t0) / 1e6;
            neu[r] = (t2 - t1) / 1e6;
        }
        double mo = median(old);
        double mn = median(neu);
        System.out.printf("case=sum-view-malloc-before n=%d median_ms=%.3f GBps=%.2f mapped=%b%n", N, mo, bytes / mo / 1e6,
                false);
        System.out.printf("case=sum-view-mapped-tracked n=%d median_ms=%.3f GBps=%.2f mapped=%b ratio=%.3f%n", N, mn,
                bytes / mn / 1e6, mapped.isMapped(), mo / mn);
        mapped.close();
        Native.free(base);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}

package org.jdistarray.array;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain serial N-d basic-index slicer over C-order data, written independently of the library's index math
 * (NumPy's rules spelled out directly): the oracle of {@link IndexingContract}.
 */
final class SerialSlicer {
    /** A slicing result: the shape and the C-order values, or the exception NumPy would raise. */
    record Result(long[] shape, double[] values) {
    }

    private SerialSlicer() {
    }

    /** Per result axis the source positions (or -1 for a new axis); null entries for dropped axes. */
    static Result slice(double[] data, long[] shape, String index) {
        String[] parts = index.trim().isEmpty() ? new String[0] : index.split(",");
        int n = shape.length;
        int consuming = 0;
        for (String p : parts) {
            String t = p.trim();
            if (!t.equals("...") && !t.equals("None")) {
                consuming++;
            }
        }
        if (consuming > n) {
            throw new IndexOutOfBoundsException("too many indices");
        }
        List<String> full = new ArrayList<>();
        boolean sawEllipsis = false;
        for (String p : parts) {
            String t = p.trim();
            if (t.equals("...")) {
                sawEllipsis = true;
                for (int k = 0; k < n - consuming; k++) {
                    full.add(":");
                }
            } else {
                full.add(t);
            }
        }
        if (!sawEllipsis) {
            for (int k = consuming; k < n; k++) {
                full.add(":");
            }
        }
        List<long[]> pos = new ArrayList<>(); // per source axis the chosen positions
        List<Integer> outAxes = new ArrayList<>(); // source axis or -1
        int axis = 0;
        for (String t : full) {
            if (t.equals("None")) {
                outAxes.add(-1);
                continue;
            }
            long size = shape[axis];
            if (!t.contains(":")) {
                long v = Long.parseLong(t);
                long w = v < 0 ? v + size : v;
                if (w < 0 || w >= size) {
                    throw new IndexOutOfBoundsException("index " + v + " is out of bounds for axis " + axis
                            + " with size " + size);
                }
                pos.add(new long[] {w});
            } else {
                String[] f = t.split(":", -1);
                long step = f.length > 2 && !f[2].isBlank() ? Long.parseLong(f[2].trim()) : 1;
                List<Long> sel = new ArrayList<>();
                // brute force: walk every candidate start..stop as Python's range over slice.indices
                long start;
                long stop;
                if (step > 0) {
                    start = f[0].isBlank() ? 0 : norm(Long.parseLong(f[0].trim()), size, 0, size);
                    stop = f[1].isBlank() ? size : norm(Long.parseLong(f[1].trim()), size, 0, size);
                    for (long i = start; i < stop; i += step) {
                        sel.add(i);
                    }
                } else {
                    start = f[0].isBlank() ? size - 1 : norm(Long.parseLong(f[0].trim()), size, -1, size - 1);
                    stop = f[1].isBlank() ? -1 : norm(Long.parseLong(f[1].trim()), size, -1, size - 1);
                    for (long i = start; i > stop; i += step) {
                        sel.add(i);
                    }
                }
                pos.add(sel.stream().mapToLong(Long::longValue).toArray());
                outAxes.add(axis);
            }
            axis++;
        }
        long[] outShape = new long[outAxes.size()];
        for (int j = 0; j < outShape.length; j++) {
            outShape[j] = outAxes.get(j) < 0 ? 1 : pos.get(outAxes.get(j)).length;
        }
        long total = 1;
        for (long s : outShape) {
            total *= s;
        }
        double[] out = new double[(int) total];
        long[] srcStr = new long[n];
        long acc = 1;
        for (int a = n - 1; a >= 0; a--) {
            srcStr[a] = acc;
            acc *= shape[a];
        }
        // iterate over the product of source choices in result order
        long[] choice = new long[n];
        for (int e = 0; e < total; e++) {
            long rem = e;
            for (int j = outShape.length - 1; j >= 0; j--) {
                long k = rem % outShape[j];
                rem /= outShape[j];
                if (outAxes.get(j) >= 0) {
                    choice[outAxes.get(j)] = pos.get(outAxes.get(j))[(int) k];
                }
            }
            long flat = 0;
            for (int a = 0; a < n; a++) {
                long c = pos.get(a).length == 1 && !outAxes.contains(a) ? pos.get(a)[0] : choice[a];
                flat += c * srcStr[a];
            }
            out[e] = data[(int) flat];
        }
        return new Result(outShape, out);
    }

    /** Python's clipping of a slice bound. */
    private static long norm(long v, long size, long lo, long hi) {
        long x = v < 0 ? v + size : v;
        return Math.max(lo, Math.min(hi, x));
    }
}

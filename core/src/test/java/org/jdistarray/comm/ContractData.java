package org.jdistarray.comm;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/** Test data of {@link CommunicatorContract}: values exact in every element type, and reduction oracles. */
final class ContractData {
    private ContractData() {
    }

    /** Values that identify their rank and index exactly in every element type (small integers). */
    static double value(int rank, int i) {
        return (rank * 7 + i * 3) % 100;
    }

    static Buffer filled(ElementType t, int n, int rank, int offset) {
        Buffer b = t.allocate(n);
        for (int i = 0; i < n; i++) {
            put(b, i, value(rank, i + offset));
        }
        return b;
    }

    static void put(Buffer b, int i, double v) {
        switch (ElementType.of(b)) {
            case DOUBLE -> ((DoubleBuffer) b).put(i, v);
            case FLOAT -> ((FloatBuffer) b).put(i, (float) v);
            case LONG -> ((LongBuffer) b).put(i, (long) v);
            case INT -> ((IntBuffer) b).put(i, (int) v);
            case BYTE -> ((ByteBuffer) b).put(i, (byte) v);
        }
    }

    static double get(Buffer b, int i) {
        return switch (ElementType.of(b)) {
            case DOUBLE -> ((DoubleBuffer) b).get(i);
            case FLOAT -> ((FloatBuffer) b).get(i);
            case LONG -> ((LongBuffer) b).get(i);
            case INT -> ((IntBuffer) b).get(i);
            case BYTE -> ((ByteBuffer) b).get(i);
        };
    }

    /** Small values whose sums and products fit in a signed byte for up to 7 ranks. */
    static double contribution(ReduceOp op, int rank, int i) {
        return switch (op) {
            case SUM -> rank + i;
            case PROD -> (rank + i) % 3 == 0 ? 2 : 1;
            case MIN, MAX -> ((rank + 1) * (i + 3)) % 11;
            case LAND -> (rank == 1 && i == 1) ? 0 : (i == 2 ? 0 : 1);
            case LOR -> (rank == 0 && i == 1) ? 1 : (i == 3 ? 1 : 0);
        };
    }

    static double expected(ReduceOp op, int p, int i) {
        double acc = contribution(op, 0, i);
        for (int r = 1; r < p; r++) {
            double c = contribution(op, r, i);
            acc = switch (op) {
                case SUM -> acc + c;
                case PROD -> acc * c;
                case MIN -> Math.min(acc, c);
                case MAX -> Math.max(acc, c);
                case LAND -> (acc != 0 && c != 0) ? 1 : 0;
                case LOR -> (acc != 0 || c != 0) ? 1 : 0;
            };
        }
        return acc;
    }
}

package org.jdistarray.protocol;

import java.util.Arrays;

/** Description of a local buffer: element type and C-order shape (native byte order). */
public record BufferSpec(DType dtype, long[] shape) {
    public BufferSpec {
        if (dtype == null) {
            throw new IllegalArgumentException("buffer dtype is null");
        }
        shape = shape.clone();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("buffer shape " + Arrays.toString(shape) + ": axis " + i + " is negative");
            }
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int ndim() {
        return shape.length;
    }

    /** Number of elements (1 for a 0-d buffer). */
    public long elementCount() {
        long n = 1;
        try {
            for (long s : shape) {
                n = Math.multiplyExact(n, s);
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("buffer shape " + Arrays.toString(shape) + " has more than 2^63 elements");
        }
        return n;
    }

    /** Number of bytes. */
    public long byteCount() {
        long n = elementCount();
        if (n > Long.MAX_VALUE / dtype.itemSize()) {
            throw new IllegalArgumentException("buffer " + this + " has more than 2^63 bytes");
        }
        return n * dtype.itemSize();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BufferSpec b && b.dtype == dtype && Arrays.equals(b.shape, shape);
    }

    @Override
    public int hashCode() {
        return dtype.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "BufferSpec[" + dtype.typeString() + " " + Arrays.toString(shape) + "]";
    }
}

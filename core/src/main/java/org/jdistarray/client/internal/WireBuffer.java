package org.jdistarray.client.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A growable, reusable, native-order direct byte buffer with relative reads and writes: the client's command buffer
 * and reply views, the engines' reply buffer. Grows by doubling (keeping the written bytes); {@link #trim} drops a
 * buffer that grew past {@link #KEEP_BYTES} after a large message, so a one-off 256 MB array does not stay pinned.
 */
public final class WireBuffer {
    /** Capacity above which {@link #trim} replaces the buffer by a small one. */
    static final int KEEP_BYTES = 1 << 20;
    private final int initial;
    private ByteBuffer buf;

    public WireBuffer(int capacity) {
        this.initial = capacity;
        this.buf = allocate(capacity);
    }

    private static ByteBuffer allocate(int n) {
        return ByteBuffer.allocateDirect(n).order(ByteOrder.nativeOrder());
    }

    /** The underlying buffer (replaced when the buffer grows: do not keep it across writes). */
    public ByteBuffer buffer() {
        return buf;
    }

    public int position() {
        return buf.position();
    }

    public void position(int p) {
        ensureCapacity(p);
        buf.limit(buf.capacity()).position(p);
    }

    /** Makes room for {@code capacity} bytes in total, keeping the bytes before the position. */
    public void ensureCapacity(int capacity) {
        if (capacity > buf.capacity()) {
            long n = Math.max((long) buf.capacity() * 2, capacity);
            if (n > Integer.MAX_VALUE - 64) {
                if (capacity > Integer.MAX_VALUE - 64) {
                    throw new IllegalArgumentException("a message of " + capacity + " bytes is over the 2 GiB limit of one command");
                }
                n = capacity;
            }
            ByteBuffer bigger = allocate((int) n);
            int pos = buf.position();
            buf.position(0).limit(pos);
            bigger.put(buf);
            buf = bigger;
        }
    }

    private void room(int n) {
        if (buf.capacity() - buf.position() < n) {
            ensureCapacity(buf.position() + n);
        }
        buf.limit(buf.capacity());
    }

    /** Replaces a buffer that grew over {@link #KEEP_BYTES} by a fresh one of the initial capacity. */
    public void trim() {
        if (buf.capacity() > KEEP_BYTES) {
            buf = allocate(initial);
        }
    }

    public WireBuffer putByte(int b) {
        room(1);
        buf.put((byte) b);
        return this;
    }

    public WireBuffer putInt(int v) {
        room(4);
        buf.putInt(v);
        return this;
    }

    public WireBuffer putLong(long v) {
        room(8);
        buf.putLong(v);
        return this;
    }

    public WireBuffer putDouble(double v) {
        room(8);
        buf.putDouble(v);
        return this;
    }

    public WireBuffer putString(String s) {
        if (s == null) {
            putInt(-1);
            return this;
        }
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) {
            room(4 + n);
            buf.putInt(n);
            for (int i = 0; i < n; i++) {
                buf.put((byte) s.charAt(i));
            }
        } else {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            room(4 + b.length);
            buf.putInt(b.length);
            buf.put(b);
        }
        return this;
    }

    public WireBuffer putDoubles(double[] a) {
        room(4 + 8 * a.length);
        buf.putInt(a.length);
        buf.asDoubleBuffer().put(a);
        buf.position(buf.position() + 8 * a.length);
        return this;
    }

    public WireBuffer putLongs(long[] a) {
        room(4 + 8 * a.length);
        buf.putInt(a.length);
        buf.asLongBuffer().put(a);
        buf.position(buf.position() + 8 * a.length);
        return this;
    }

    public WireBuffer putInts(int[] a) {
        room(4 + 4 * a.length);
        buf.putInt(a.length);
        buf.asIntBuffer().put(a);
        buf.position(buf.position() + 4 * a.length);
        return this;
    }

    /** Copies {@code n} bytes from {@code src}'s position (advancing it). */
    public WireBuffer putBytes(ByteBuffer src, int n) {
        room(n);
        ByteBuffer s = src.duplicate();
        s.limit(s.position() + n);
        buf.put(s);
        src.position(src.position() + n);
        return this;
    }

    public byte getByte() {
        return buf.get();
    }

    public int getInt() {
        return buf.getInt();
    }

    public long getLong() {
        return buf.getLong();
    }

    public double getDouble() {
        return buf.getDouble();
    }

    public String getString() {
        int n = buf.getInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        buf.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    public double[] getDoubles() {
        int n = buf.getInt();
        double[] a = new double[n];
        buf.asDoubleBuffer().get(a);
        buf.position(buf.position() + 8 * n);
        return a;
    }

    public long[] getLongs() {
        int n = buf.getInt();
        long[] a = new long[n];
        buf.asLongBuffer().get(a);
        buf.position(buf.position() + 8 * n);
        return a;
    }

    public int[] getInts() {
        int n = buf.getInt();
        int[] a = new int[n];
        buf.asIntBuffer().get(a);
        buf.position(buf.position() + 4 * n);
        return a;
    }
}

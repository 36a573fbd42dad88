package org.jdistarray.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

import org.jdistarray.array.LocalBlock;

/**
 * Moves runs between a file and a local block. Long runs (at least {@link #DIRECT_BYTES}) go by positional reads or
 * writes straight from or into the block's memory (no copy in Java); short runs (cyclic axes, Fortran order, narrow
 * blocks) are gathered into a window of at most {@link #WINDOW_BYTES} of the file that is memory-mapped, and copied
 * there, so that a cyclic array costs one mapping per window, not one system call per element. Writes through the
 * mapping are safe with other ranks writing other elements of the same pages: a shared mapping writes only the bytes
 * stored into it. Not collective; one instance per rank and file.
 */
final class RunTransfer implements FileRuns.Sink {
    static final int DIRECT_BYTES = 1 << 16;
    static final int WINDOW_BYTES = 1 << 24;
    private static final int MAX_PENDING = 1 << 16;

    private final FileChannel ch;
    private final boolean write;
    private final long dataOffset;
    private final int item;
    private final ByteBuffer[] chunks;
    private final int chunkShift;
    private final String name;
    private final long[] pf = new long[MAX_PENDING];
    private final long[] pl = new long[MAX_PENDING];
    private final long[] pn = new long[MAX_PENDING];
    private int pending;
    private long winStart;
    private long winEnd;
    private long bytesMoved;
    private Progress progress = Progress.NONE;

    RunTransfer(FileChannel ch, boolean write, long dataOffset, LocalBlock block, String name) {
        this.ch = ch;
        this.write = write;
        this.dataOffset = dataOffset;
        this.item = block.dtype().itemSize();
        this.name = name;
        int k = block.chunkCount();
        this.chunks = new ByteBuffer[k];
        for (int i = 0; i < k; i++) {
            chunks[i] = block.chunk(i);
        }
        this.chunkShift = k > 1 ? Integer.numberOfTrailingZeros(chunks[0].capacity()) : 31;
    }

    /** Reports the bytes moved to {@code p}. */
    RunTransfer progress(Progress p) {
        this.progress = p;
        return this;
    }

    long bytesMoved() {
        return bytesMoved;
    }

    @Override
    public void run(long fileElement, long localElement, long count) {
        long bytes = count * item;
        bytesMoved += bytes;
        progress.add(bytes);
        long fb = dataOffset + fileElement * item;
        try {
            if (bytes >= DIRECT_BYTES) {
                flush();
                direct(fb, localElement * item, bytes);
                return;
            }
            if (pending > 0 && (pending == MAX_PENDING || fb < winEnd || fb + bytes - winStart > WINDOW_BYTES)) {
                flush();
            }
            if (pending == 0) {
                winStart = fb;
            }
            pf[pending] = fb;
            pl[pending] = localElement * item;
            pn[pending] = bytes;
            pending++;
            winEnd = fb + bytes;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Moves the gathered short runs through one mapping of their window. */
    void flush() {
        if (pending == 0) {
            return;
        }
        try {
            MappedByteBuffer map = ch.map(write ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY,
                    winStart, winEnd - winStart);
            for (int i = 0; i < pending; i++) {
                int at = (int) (pf[i] - winStart);
                long local = pl[i];
                long left = pn[i];
                while (left > 0) {
                    ByteBuffer c = chunks[(int) (local >>> chunkShift)];
                    int p = (int) (local & ((1L << chunkShift) - 1));
                    int n = (int) Math.min(left, c.capacity() - p);
                    if (write) {
                        map.put(at, c, p, n);
                    } else {
                        c.put(p, map, at, n);
                    }
                    at += n;
                    local += n;
                    left -= n;
                }
            }
        } catch (IOException e) {
            throw failure(e);
        } finally {
            pending = 0;
        }
    }

    private void direct(long filePos, long localByte, long bytes) throws IOException {
        while (bytes > 0) {
            ByteBuffer c = chunks[(int) (localByte >>> chunkShift)];
            int p = (int) (localByte & ((1L << chunkShift) - 1));
            int n = (int) Math.min(bytes, c.capacity() - p);
            ByteBuffer slice = c.slice(p, n);
            while (slice.hasRemaining()) {
                long at = filePos + slice.position();
                int k = write ? ch.write(slice, at) : ch.read(slice, at);
                if (k < 0) {
                    throw new IOException("unexpected end of file at byte " + (filePos + slice.position()));
                }
            }
            filePos += n;
            localByte += n;
            bytes -= n;
        }
    }

    private ArrayFileException failure(IOException e) {
        return new ArrayFileException(name + ": " + (write ? "write" : "read") + " failed: " + e, e);
    }

    /** Reverses the bytes of every element of the block in place (big-endian file data to native order). */
    static void swapBytes(LocalBlock block) {
        int item = block.dtype().itemSize();
        for (int i = 0; i < block.chunkCount(); i++) {
            swapBytes(block.chunk(i), item);
        }
    }

    /** Reverses the bytes of every {@code item}-byte element of {@code c} (its whole capacity). */
    static void swapBytes(ByteBuffer buffer, int item) {
        if (item == 1) {
            return;
        }
        ByteBuffer c = buffer.duplicate().order(ByteOrder.nativeOrder());
        int end = c.capacity() - c.capacity() % item;
        switch (item) {
            case 2 -> {
                for (int p = 0; p < end; p += 2) {
                    c.putShort(p, Short.reverseBytes(c.getShort(p)));
                }
            }
            case 4 -> {
                for (int p = 0; p < end; p += 4) {
                    c.putInt(p, Integer.reverseBytes(c.getInt(p)));
                }
            }
            default -> {
                for (int p = 0; p < end; p += 8) {
                    c.putLong(p, Long.reverseBytes(c.getLong(p)));
                }
            }
        }
    }
}

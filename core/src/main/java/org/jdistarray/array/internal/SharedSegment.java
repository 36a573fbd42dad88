package org.jdistarray.array.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named shared-memory segment: a file in {@code /dev/shm} (owner-only, mode 0600, created exclusively) mapped into
 * this process, so another process on the node maps the same bytes. The mapping starts on a page boundary (so the
 * block is 64-byte aligned like {@link NativeMemory}) and is one buffer (at most {@code 2^31 - 1} bytes).
 *
 * <p><b>Names and stale segments.</b> Segments created here are named {@code jdistarray-<pid>-<n>-<random>.shm}
 * (Python's {@code jdistarray_dap} uses {@code jdistarray-py-<pid>-...}). The first use in a process removes
 * segments of this naming whose process is dead (left by a crash) and which belong to this user.
 *
 * <p><b>Lifetime.</b> A segment created here is owned: {@link #close()} returns its pages to the system
 * ({@code madvise(MADV_REMOVE)}: every mapping of it, in any process, reads zeros from then on) and unlinks the file
 * (idempotent); a shutdown hook does the same for those still open at a normal JVM exit. An attached (foreign)
 * segment is never released or unlinked here. The address range itself is unmapped by the garbage collector once no
 * buffer of it is reachable, so a view used after close reads zeros (or what was written after close) of the
 * unlinked file: never a crash, never another array's memory, as {@link NativeMemory}'s quarantine.
 */
public final class SharedSegment implements AutoCloseable {
    /** Directory of the segments. */
    public static final Path SHM_DIR = Path.of(System.getProperty("jdistarray.shm.dir", "/dev/shm"));
    /** File name of segments: {@code jdistarray-[py-]<pid>-<anything>}. */
    public static final Pattern NAME = Pattern.compile("jdistarray-(?:py-)?(\\d+)-[A-Za-z0-9_.-]+");

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final Set<SharedSegment> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    private static final long PID = ProcessHandle.current().pid();
    private static final String USER = System.getProperty("user.name");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (SharedSegment s : OPEN) {
                s.close();
            }
        }, "jdistarray-shm-unlink"));
    }

    private final Path path;
    private final ByteBuffer buffer;
    private final boolean owner;
    private final boolean readOnly;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<Path> companions = ConcurrentHashMap.newKeySet();
    private long mapAddress;
    private long mapLength;
    private ByteBuffer mapping; // keeps the mapping reachable while the segment is open

    private SharedSegment(Path path, ByteBuffer buffer, boolean owner, boolean readOnly) {
        this.path = path;
        this.buffer = buffer;
        this.owner = owner;
        this.readOnly = readOnly;
    }

    /**
     * <b>Not collective.</b> Creates a new zeroed segment of {@code bytes} bytes, owned by this process.
     *
     * @throws UncheckedIOException if the file cannot be created or mapped (e.g. {@code /dev/shm} is full)
     */
    public static SharedSegment create(long bytes) {
        if (bytes < 0 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a shared-memory block holds 0 to 2^31 - 1 bytes, not " + bytes);
        }
        sweepStaleOnce();
        String name = "jdistarray-" + PID + "-" + COUNTER.incrementAndGet() + "-"
                + Long.toHexString(Double.doubleToLongBits(Math.random()) ^ System.nanoTime()) + ".shm";
        Path p = SHM_DIR.resolve(name);
        try {
            Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            MappedByteBuffer m;
            long fileBytes = Math.max(bytes, NativeMemory.ALIGNMENT);
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ch.truncate(fileBytes);
                if (ch.size() < fileBytes) {
                    ch.write(ByteBuffer.allocate(1), fileBytes - 1); // extend (sparse: reads as zeros)
                }
                m = ch.map(FileChannel.MapMode.READ_WRITE, 0, fileBytes);
            }
            SharedSegment s = new SharedSegment(p, m.slice(0, (int) bytes).order(ByteOrder.nativeOrder()), true, false);
            s.mapAddress = NativeMemory.addressOf(m);
            s.mapLength = PageMapping.lengthFor(fileBytes);
            s.mapping = m;
            OPEN.add(s);
            return s;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort
            }
            throw new UncheckedIOException("cannot create the shared-memory block " + p + ": " + e.getMessage(), e);
        }
    }

    /**
     * <b>Not collective.</b> Maps {@code bytes} bytes at {@code offset} of another process's segment (not owned:
     * never unlinked here). A read-only segment is mapped copy-on-write: writes (also by native code) stay in this
     * process and never fault; only if this user cannot open the file for writing at all is it mapped read-only
     * (then Java writes throw {@link java.nio.ReadOnlyBufferException}; native code must not write).
     *
     * @throws IllegalArgumentException if the file is shorter than {@code offset + bytes} (mapping it would fault)
     * @throws UncheckedIOException if it cannot be opened or mapped
     */
    public static SharedSegment attach(Path path, long offset, long bytes, boolean readOnly) {
        if (bytes < 0 || bytes > Integer.MAX_VALUE || offset < 0) {
            throw new IllegalArgumentException("a shared-memory block holds 0 to 2^31 - 1 bytes at offset >= 0, not "
                    + bytes + " bytes at " + offset);
        }
        boolean writable = Files.isWritable(path);
        if (!readOnly && !writable) {
            throw new IllegalArgumentException(path + " is not writable by this user; a read-write export needs it");
        }
        try (FileChannel ch = writable ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < offset + bytes) {
                throw new IllegalArgumentException(path + " holds " + size + " bytes, the descriptor describes "
                        + bytes + " bytes at offset " + offset);
            }
            long len = Math.max(1, bytes);
            if (size < offset + len) {
                offset = 0; // an empty block at the end of the file: map the file's first byte, use none of it
                len = Math.min(size, 1);
            }
            MappedByteBuffer m = ch.map(!readOnly ? FileChannel.MapMode.READ_WRITE
                    : writable ? FileChannel.MapMode.PRIVATE : FileChannel.MapMode.READ_ONLY, offset, len);
            return new SharedSegment(path, m.slice(0, (int) bytes).order(ByteOrder.nativeOrder()), false, readOnly);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * <b>Not collective.</b> Removes segments (and their descriptor files) in {@link #SHM_DIR} whose name says they
     * were created by a process that no longer runs; only this user's files are touched. Returns how many.
     */
    public static int sweepStale() {
        int removed = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(SHM_DIR, "jdistarray-*")) {
            for (Path p : ds) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid == PID || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                try {
                    if (Files.getOwner(p).getName().equals(USER)) {
                        Files.deleteIfExists(p);
                        removed++;
                    }
                } catch (IOException ignored) {
                    // another process removed it, or it is not ours
                }
            }
        } catch (IOException ignored) {
            // no /dev/shm: nothing to sweep
        }
        return removed;
    }

    private static void sweepStaleOnce() {
        if (SWEPT.compareAndSet(false, true)) {
            sweepStale();
        }
    }

    /** <b>Not collective.</b> This process's id (recorded in segment names and descriptors). */
    public static long pid() {
        return PID;
    }

    /** <b>Not collective.</b> The segment's file. */
    public Path path() {
        return path;
    }

    /** <b>Not collective.</b> The mapped bytes (shared, native order; do not change its position or limit). */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** <b>Not collective.</b> Whether this process created the segment (and unlinks it on close). */
    public boolean isOwner() {
        return owner;
    }

    /** <b>Not collective.</b> Whether attached copy-on-write from a read-only export. */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** <b>Not collective.</b> Deletes {@code file} (a descriptor of this segment) when the segment is closed. */
    public void removeOnClose(Path file) {
        companions.add(file);
        if (closed.get()) {
            deleteQuietly(file);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** <b>Not collective.</b> Whether {@link #close()} has run. */
    public boolean isClosed() {
        return closed.get();
    }

    /** <b>Not collective.</b> Unlinks an owned segment's file (idempotent); the mapping goes with its last view. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        OPEN.remove(this);
        for (Path c : companions) {
            deleteQuietly(c);
        }
        if (owner) {
            if (mapLength > 0) {
                PageMapping.removeShared(mapAddress, mapLength); // the memory goes back now, views read zeros
            }
            mapping = null;
            deleteQuietly(path);
        }
    }
}

package org.jdistarray.array.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * Anonymous private page mappings from the C library ({@code mmap}, {@code munmap}, {@code madvise}), bound by JNA
 * direct mapping (one {@code native} method each, pointers as {@code long}). Linux on x86-64 and aarch64 only, where
 * the flag values below hold; elsewhere {@link #AVAILABLE} is false and {@link NativeMemory} uses {@code malloc}.
 */
final class PageMapping {
    /** Whether the calls are bound (Linux x86-64 or aarch64). */
    static final boolean AVAILABLE;
    static final long PAGE = 4096;

    private static final int PROT_READ = 1;
    private static final int PROT_WRITE = 2;
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_ANONYMOUS = 0x20;
    private static final int MADV_DONTNEED = 4;
    private static final int MADV_HUGEPAGE = 14;
    private static final int MADV_REMOVE = 9;
    /** Mappings from this size on ask for transparent huge pages, as NumPy does for its large arrays (4 MiB). */
    static final long HUGE_THRESHOLD = 4L << 20;
    private static final long MAP_FAILED = -1;

    static {
        boolean ok = false;
        boolean arch = Platform.ARCH.equals("x86-64") || Platform.ARCH.equals("aarch64");
        if (Platform.isLinux() && Platform.is64Bit() && arch) {
            try {
                Native.register(PageMapping.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
                ok = true;
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                ok = false;
            }
        }
        AVAILABLE = ok;
    }

    private PageMapping() {
    }

    private static native long mmap(long addr, long length, int prot, int flags, int fd, long offset);

    private static native int munmap(long addr, long length);

    private static native int madvise(long addr, long length, int advice);

    /** The length of a mapping that holds {@code bytes} (whole pages). */
    static long lengthFor(long bytes) {
        return (bytes + PAGE - 1) & -PAGE;
    }

    /** Maps {@code length} bytes of zeroed, readable and writable private memory, page aligned. */
    static long map(long length) {
        long a = mmap(0, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (a == MAP_FAILED || a == 0) {
            throw new OutOfMemoryError("mmap of " + length + " bytes of native memory failed (errno "
                    + Native.getLastError() + ")");
        }
        if (length >= HUGE_THRESHOLD) {
            // advice only (ignored where THP is off): fewer page faults and TLB misses, and MPI's single-copy
            // transfers between processes pin fewer pages; measured: row-block -> column-block 1.5x faster in C
            madvise(a, length, MADV_HUGEPAGE);
        }
        return a;
    }

    /**
     * Returns the physical pages of the range to the system; the range stays mapped, later reads see zeros and
     * later writes land on fresh private pages of this same range.
     */
    static void discard(long address, long length) {
        if (madvise(address, length, MADV_DONTNEED) != 0) {
            throw new IllegalStateException("madvise(MADV_DONTNEED) failed, errno " + Native.getLastError());
        }
    }

    /**
     * Frees the backing pages of a range of a shared file mapping (tmpfs: punches a hole; the file keeps its size), so
     * every mapping of the file reads zeros there from now on. Returns false where not supported.
     */
    static boolean removeShared(long address, long length) {
        return AVAILABLE && madvise(address, length, MADV_REMOVE) == 0;
    }

    /** Unmaps the range. */
    static void unmap(long address, long length) {
        if (munmap(address, length) != 0) {
            throw new IllegalStateException("munmap failed, errno " + Native.getLastError());
        }
    }
}

package org.jdistarray.io;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.jdistarray.comm.Communicator;

/**
 * Progress of a long read or write, on rank 0's standard error: after {@link #DELAY_NANOS} (2 s) a line
 * {@code "loadNpy a.npy: 312.0 MiB / 1.0 GiB (30%), 150.2 MiB/s, 5 s left"}, rewritten in place at most twice a
 * second, finished with a newline. Rank 0 counts its own bytes and scales them to the whole transfer (the ranks move
 * their parts at the same time). On only when standard error is a terminal (a console) unless
 * {@code -Djdistarray.progress=true}; {@code -Djdistarray.progress=false} turns it off. Not collective.
 */
final class Progress implements AutoCloseable {
    static final String PROPERTY = "jdistarray.progress";
    static final long DELAY_NANOS = 2_000_000_000L;
    private static final long EVERY_NANOS = 500_000_000L;
    static final Progress NONE = new Progress(null, null, "", 1, 1);

    private final PrintStream out;
    private final LongSupplier clock;
    private final String what;
    private final long mine;
    private final long total;
    private final long start;
    private long done;
    private long last;
    private boolean shown;

    Progress(PrintStream out, LongSupplier clock, String what, long mine, long total) {
        this.out = out;
        this.clock = clock;
        this.what = what;
        this.mine = Math.max(1, mine);
        this.total = Math.max(1, total);
        this.start = clock == null ? 0 : clock.getAsLong();
    }

    /**
     * The progress of {@code what} on rank 0 of {@code comm} (this rank moving {@code mineBytes} of {@code totalBytes}),
     * or {@link #NONE} on the other ranks, when off, or when not on a terminal.
     */
    static Progress start(Communicator comm, String what, long mineBytes, long totalBytes) {
        if (comm.rank() != 0 || mineBytes <= 0) {
            return NONE;
        }
        String p = System.getProperty(PROPERTY);
        boolean on = p == null ? System.console() != null : Boolean.parseBoolean(p.trim());
        return on ? new Progress(System.err, System::nanoTime, what, mineBytes, totalBytes) : NONE;
    }

    /** {@code bytes} more of this rank's bytes moved. */
    void add(long bytes) {
        if (out == null) {
            return;
        }
        done += bytes;
        long now = clock.getAsLong();
        if (now - start < DELAY_NANOS || (shown && now - last < EVERY_NANOS)) {
            return;
        }
        last = now;
        shown = true;
        out.print("\r" + line(now) + "   ");
        out.flush();
    }

    String line(long now) {
        double f = Math.min(1.0, (double) done / mine);
        long all = (long) (f * total);
        double secs = Math.max(1e-9, (now - start) / 1e9);
        double rate = all / secs;
        long left = f > 0 ? Math.round(secs * (1 - f) / f) : -1;
        return String.format(Locale.ROOT, "%s: %s / %s (%d%%), %s/s, %s", what, bytes(all), bytes(total),
                Math.round(f * 100), bytes((long) rate), left < 0 ? "? left" : left + " s left");
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    boolean shown() {
        return shown;
    }

    @Override
    public void close() {
        if (out != null && shown) {
            out.print("\r" + line(clock.getAsLong()) + "   \n");
            out.flush();
        }
    }
}

package org.jdistarray.array;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pin on an array's memory (see {@link DistArray#borrow()}): while it is open, the array refuses to close. A bridge
 * that hands the array's buffer to native code (for example {@code VecCreateMPIWithArray}) holds one until the native
 * object is gone. {@link #close()} is idempotent.
 */
public final class Borrow implements AutoCloseable {
    private final AtomicInteger counter;
    private final AtomicBoolean released = new AtomicBoolean();

    Borrow(AtomicInteger counter) {
        this.counter = counter;
    }

    /** <b>Not collective.</b> Whether this borrow is still open. */
    public boolean isOpen() {
        return !released.get();
    }

    /** <b>Not collective.</b> Releases the pin. Idempotent. */
    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            counter.decrementAndGet();
        }
    }
}

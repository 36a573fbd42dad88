package org.jdistarray.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The lifecycle the MPI, PETSc and Trilinos sessions share, without a native library. */
class SessionLifecycleTest {

    @Test
    void closeOpenClosesNewestFirstAndNamesThem() {
        SessionObjects<String> objects = new SessionObjects<>();
        for (String s : new String[] {"a", "b", "c"}) {
            objects.opened(s);
        }
        objects.forget("b");
        assertEquals(2, objects.openCount());
        assertEquals(List.of("a", "c"), objects.openNames());
        List<String> closed = new ArrayList<>();
        assertEquals(List.of("c", "a"), objects.closeOpen(closed::add));
        assertEquals(List.of("c", "a"), closed);
    }

    @Test
    void leaksAreCountedAndDestroyedOnTheOwnerThreadOnlyWhileOpen() throws Exception {
        SessionObjects<String> objects = new SessionObjects<>();
        AtomicInteger destroyed = new AtomicInteger();
        objects.opened("x");
        Thread cleaner = new Thread(() -> {
            objects.leaked("x", destroyed::incrementAndGet);
            objects.drainIfOwner(); // not the owner: nothing runs here
        });
        cleaner.start();
        cleaner.join();
        assertEquals(1, objects.leakCount());
        assertEquals(0, objects.openCount());
        assertEquals(0, destroyed.get());
        objects.drainIfOwner();
        assertEquals(1, destroyed.get());
        objects.markClosed();
        objects.leaked("y", destroyed::incrementAndGet);
        objects.drain();
        assertEquals(2, objects.leakCount());
        assertEquals(1, destroyed.get(), "no destroy after the session closed");
    }

    @Test
    void handleOwnerRegistersDestroysAndDefersLeaks() {
        SessionObjects<NativeHandle> objects = new SessionObjects<>();
        List<Long> destroyed = new ArrayList<>();
        List<Long> leaked = new ArrayList<>();
        NativeHandle.Owner owner = SessionObjects.handleOwner(objects, () -> {
            if (objects.isClosed()) {
                throw new IllegalStateException("closed");
            }
        }, (h, n) -> destroyed.add(n), (h, n) -> leaked.add(n));
        Object javaObject = new Object();
        NativeHandle h = new NativeHandle(owner, javaObject, 7, null, "thing[7]");
        assertEquals(1, objects.openCount());
        assertEquals(7, h.get());
        h.close();
        h.close();
        assertEquals(List.of(7L), destroyed);
        assertEquals(0, objects.openCount());
        NativeHandle g = new NativeHandle(owner, javaObject, 8, null, "thing[8]");
        owner.leaked(g, 8); // what the Cleaner does
        assertEquals(1, objects.leakCount());
        assertTrue(leaked.isEmpty());
        objects.drain();
        assertEquals(List.of(8L), leaked);
        objects.markClosed();
        assertThrows(IllegalStateException.class, () -> new NativeHandle(owner, javaObject, 9, null, "t").get());
    }

    @Test
    void slotAllowsOneActiveSessionAndNamesIt() {
        SessionSlot<String> slot = new SessionSlot<>("TestSession");
        IllegalStateException none = assertThrows(IllegalStateException.class, slot::require);
        assertTrue(none.getMessage().contains("no TestSession is open"), none.getMessage());
        assertSame("s1", slot.locked(() -> {
            slot.checkNoneActive();
            return slot.activate("s1");
        }));
        IllegalStateException twice = assertThrows(IllegalStateException.class, slot::checkNoneActive);
        assertTrue(twice.getMessage().contains("already open in this process: s1"), twice.getMessage());
        slot.release("other");
        assertEquals("s1", slot.require());
        slot.release("s1");
        assertNull(slot.active());
    }
}

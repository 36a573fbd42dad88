package org.jdistarray.client.internal;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * An engine's objects by id. The ids come from the client (a counter), so every engine stores the same object under
 * the same id. One object may sit under several ids (a method that returns its argument); it is closed when its last
 * id is freed.
 */
public final class ObjectTable {
    private final Map<Long, Object> byId = new HashMap<>();
    private final IdentityHashMap<Object, Integer> refs = new IdentityHashMap<>();

    public void put(long id, Object o) {
        Object old = byId.put(id, o);
        if (old != null) {
            release(old);
        }
        refs.merge(o, 1, Integer::sum);
    }

    /**
     * The object stored under {@code id}.
     *
     * @throws IllegalStateException if there is none (freed, or never made)
     */
    public Object get(long id) {
        Object o = byId.get(id);
        if (o == null) {
            throw new IllegalStateException("object #" + id + " is not on the engines (it was freed, or its creation failed)");
        }
        return o;
    }

    /** Frees {@code id}; unknown ids are ignored (a failed creation's id is freed by the client). */
    public void free(long id) {
        Object o = byId.remove(id);
        if (o != null) {
            release(o);
        }
    }

    private void release(Object o) {
        int n = refs.merge(o, -1, Integer::sum);
        if (n <= 0) {
            refs.remove(o);
            if (o instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // a free has no reply; an array still borrowed by user code stays with its borrower
                }
            }
        }
    }

    /** Whether {@code o} is stored under some id. */
    public boolean holds(Object o) {
        return refs.containsKey(o);
    }

    public int size() {
        return byId.size();
    }

    /** Frees everything (engine shutdown). */
    public void clear() {
        for (Long id : byId.keySet().toArray(new Long[0])) {
            free(id);
        }
    }
}

package org.jdistarray.comm.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the ranks of one {@link LocalCluster} run share: the wait timeout, every group created (so a failure can
 * break them all) and the communicators each rank opened (closed when its rank function ends).
 */
final class Cluster {
    final long timeoutNanos;
    private final Duration timeout;
    private final List<LocalGroup> groups = new CopyOnWriteArrayList<>();
    private final List<List<ThreadCommunicator>> opened = new ArrayList<>();

    Cluster(int size, Duration timeout) {
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        for (int i = 0; i < size; i++) {
            opened.add(new CopyOnWriteArrayList<>());
        }
    }

    void register(LocalGroup group) {
        groups.add(group);
    }

    void opened(int worldRank, ThreadCommunicator comm) {
        opened.get(worldRank).add(comm);
    }

    /** Breaks every group: all waiting and later communication fails with {@code reason}. */
    void abortAll(String reason) {
        for (LocalGroup g : groups) {
            g.abort(reason);
        }
    }

    /** The rank's function has ended: it leaves every communicator it still has open. */
    void closeAll(int worldRank) {
        List<ThreadCommunicator> mine = opened.get(worldRank);
        for (int i = mine.size() - 1; i >= 0; i--) {
            mine.get(i).close();
        }
    }

    String timeoutText() {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}

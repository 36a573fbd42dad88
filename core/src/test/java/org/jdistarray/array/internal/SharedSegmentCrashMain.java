package org.jdistarray.array.internal;

/**
 * A process that creates a shared segment, prints its path and dies without cleanup ({@code Runtime.halt}), or with
 * argument {@code exit} exits normally without closing it (the shutdown hook must unlink it).
 */
public final class SharedSegmentCrashMain {
    private SharedSegmentCrashMain() {
    }

    public static void main(String[] args) {
        SharedSegment s = SharedSegment.create(4096);
        System.out.println(s.path());
        System.out.flush();
        if (args.length > 0 && args[0].equals("exit")) {
            System.exit(0);
        }
        Runtime.getRuntime().halt(3); // no shutdown hooks: as after a crash
    }
}

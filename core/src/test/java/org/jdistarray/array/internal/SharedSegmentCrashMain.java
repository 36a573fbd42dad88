package org.jdistarray.array.internal;

/** A process that creates a shared segment, prints its path and dies without cleanup ({@code Runtime.halt}). */
public final class SharedSegmentCrashMain {
    private SharedSegmentCrashMain() {
    }

    public static void main(String[] args) {
        SharedSegment s = SharedSegment.create(4096);
        System.out.println(s.path());
        System.out.flush();
        Runtime.getRuntime().halt(3); // no shutdown hooks: as after a crash
    }
}

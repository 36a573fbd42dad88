package org.jdistarray.client.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Fixed direct buffers for the reply slots. */
final class WireBufferSlots {
    private WireBufferSlots() {
    }

    static ByteBuffer slot(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }
}

package org.jdistarray.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A protocol export: the metadata and the local buffer itself ({@code __distarray__()} of protocol.md §2).
 * The buffer is the producer's memory, not a copy: a consumer that writes into it writes into the producer's
 * array. It is a direct, native-order buffer whose capacity matches the descriptor.
 */
public record ProtocolExport(ArrayDescriptor descriptor, ByteBuffer buffer) {
    public ProtocolExport {
        if (descriptor == null || buffer == null) {
            throw new IllegalArgumentException("descriptor and buffer are required");
        }
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("protocol buffers must be direct (off-heap) so native code can use them");
        }
        long need = descriptor.buffer().byteCount();
        if (buffer.capacity() != need) {
            throw new IllegalArgumentException("buffer has " + buffer.capacity() + " bytes, descriptor "
                    + descriptor.buffer() + " needs " + need);
        }
        buffer = buffer.duplicate().order(ByteOrder.nativeOrder());
    }
}

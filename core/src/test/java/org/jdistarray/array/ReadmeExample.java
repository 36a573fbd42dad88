package org.jdistarray.array;

import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.JsonCodec;

/** The SPMD example of core/ARRAYS.md, verbatim between the markers; {@link ReadmeExampleTest} runs it. */
public final class ReadmeExample {
    private ReadmeExample() {
    }

    /** Runs on every rank; returns what the test checks: the element read back and the export's JSON metadata. */
    public static Object[] run(Communicator comm) {
        // --- example start ---
        Distribution bc = Distribution.builder(comm).shape(8, 8).cyclic(0, 2).cyclic(1, 2).build(); // 2-D block-cyclic
        double v;
        try (DistArray a = DistArrays.zeros(bc, DType.FLOAT64)) {
            a.setDouble(42.0, 3, -1);          // logically collective: same index and value on every rank
            v = a.getDouble(3, 7);             // collective: the owner broadcasts, every rank gets 42.0
        }
        // ghost width 1 on both axes; axis 1 wraps: its boundary cells 0 and 15 hold the periodic images of 14
        // and 1 and count in shape(), which stays [16, 16] (the interior of axis 1 is [1, 15))
        Distribution halo = Distribution.builder(comm).shape(16, 16)
                .padding(0, 1, 0).padding(1, 1, 1).periodic(1).build();
        String json;
        try (DistArray u = DistArrays.fromFunction(halo, DType.FLOAT64, g -> 100 * g[0] + g[1])) {
            u.local().asDoubles().put(0, -1.0); // a local write to a ghost (or any) cell ...
            u.exchangeGhosts();                 // ... and the ghosts are the neighbours' values again
            json = JsonCodec.write(u.export().descriptor()); // zero-copy protocol view of this rank's block
        }
        // --- example end ---
        return new Object[] {v, json};
    }
}

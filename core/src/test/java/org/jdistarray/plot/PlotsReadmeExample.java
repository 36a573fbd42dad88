package org.jdistarray.plot;

import java.nio.file.Path;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.Redistribution;
import org.jdistarray.protocol.DType;

/** The example of core/README.md's "Pictures" section (checked against the page by {@link PlotsReadmeTest}). */
final class PlotsReadmeExample {
    private PlotsReadmeExample() {
    }

    static Picture run(Communicator comm, Path dir) {
        // --- example start ---
        Distribution d = Distribution.builder(comm).shape(12, 16).grid(2, comm.size() / 2)
                .padding(0, 1, 0).padding(1, 1, 0).build();          // one ghost layer around every block
        Picture pic = Plots.distribution(d, PlotOptions.defaults().title("ghosts").rankPanels(true));
        if (comm.rank() == 0) {                                      // not collective: every rank could draw it
            pic.write(dir.resolve("ghosts.png"));
            pic.write(dir.resolve("ghosts.svg"));
        }
        try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> g[0] * 16 + g[1])) {
            Picture values = Plots.distribution(a, PlotOptions.defaults(), 0); // collective: gathers to rank 0
            if (values != null) {
                values.write(dir.resolve("values.png"));
            }
        }
        Distribution columns = Distribution.builder(comm).shape(12, 16).undistributed(0).build();
        Picture plan = Plots.redistribution(Redistribution.plan(d, columns), "to column blocks");
        // --- example end ---
        return plan;
    }
}

package org.jdistarray.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.imageio.ImageIO;
import org.jdistarray.array.DistArray;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Julia set and the explicit part of the heat equation at small sizes on 1, 2, 3, 4 and 7 thread ranks, against
 * serial answers: every iteration count equal to a serial loop's, the heat solution equal to the exact discrete
 * eigen-solution; the Julia example's one command writes both pictures.
 */
class ExamplesThreadTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int[] RANKS = {1, 2, 3, 4, 7};

    @TempDir
    Path dir;

    @Test
    void juliaCountsEqualTheSerialLoop() {
        int h = 13;
        int w = 21;
        int iterations = 40;
        for (int ranks : RANKS) {
            LocalCluster.run(ranks, TIMEOUT, comm -> {
                for (Distribution d : List.of(Distribution.builder(comm).shape(h, w).cyclic(0).build(),
                        Distribution.builder(comm).shape(h, w).build())) {
                    try (DistArray c = JuliaSet.counts(d, iterations)) {
                        long[] all = c.toLongArray(0);
                        if (comm.rank() == 0) {
                            long inside = 0;
                            for (int i = 0; i < h; i++) {
                                for (int j = 0; j < w; j++) {
                                    long want = JuliaSet.serialCount(i, j, h, w, iterations);
                                    assertEquals(want, all[i * w + j], "count of (" + i + ", " + j + ") on " + d);
                                    inside += want == iterations ? 1 : 0;
                                }
                            }
                            assertTrue(inside > 0 && inside < (long) h * w, "a set with inside and outside: " + inside);
                        }
                    }
                }
            });
        }
    }

    @Test
    void juliaMainWritesThePictures() throws Exception {
        Path out = dir.resolve("j");
        JuliaSet.main(new String[] {"W=40", "H=24", "iterations=20", "ranks=3", "out=" + out});
        assertTrue(ImageIO.read(dir.resolve("j.png").toFile()).getWidth() > 40 * 3, "one cell per element, enlarged");
        assertTrue(Files.size(dir.resolve("j-distribution.png")) > 1000);
    }

    @Test
    void explicitHeatStepsMatchTheDiscreteEigenSolution() {
        for (int ranks : RANKS) {
            List<HeatEquation.Result> r = LocalCluster.call(ranks, TIMEOUT, comm -> HeatEquation.run(comm, 11, 30, 0));
            for (HeatEquation.Result x : r) {
                assertEquals(0, x.implicitSteps());
                assertTrue(x.maxError() < 1e-13, ranks + " ranks: error " + x.maxError());
            }
        }
    }
}

package org.jdistarray.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.jdistarray.petsc.MainLauncher;
import org.jdistarray.testing.EnabledIfMpirun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HDF5 volume example by its one command under {@code mpirun -np 1} and {@code -np 2} (the engine is
 * {@code AUTO}: on Open MPI with the parallel HDF5 library the write goes through it): the dataset written back equals
 * the serial filter of the input read here.
 */
@Tag("mpi")
@EnabledIfMpirun
class VolumeFilterMpiIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void ranks(int np) throws Exception {
        Path file = dir.resolve("volume" + np + ".h5");
        String out = MainLauncher.run(np, Duration.ofSeconds(120), VolumeFilter.class, "NZ=9", "NY=6", "NX=5",
                "axis=0", "radius=2", "mpi=true", "file=" + file);
        assertTrue(out.contains("VOLUME wrote the input"), out);
        assertTrue(out.contains("VOLUME 9x6x5 ranks=" + np + " axis=0 radius=2 read="), out);
        long[] shape = {9, 6, 5};
        double[] in = VolumeFilterThreadTest.whole(file, "/volume", shape);
        assertArrayEquals(VolumeFilter.filterSerial(in, shape, 0, VolumeFilter.binomial(2)),
                VolumeFilterThreadTest.whole(file, "/filtered", shape), 1e-14, out);
    }
}

package org.jdistarray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.io.ArrayIO;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jdistarray info}: text and JSON for a {@code .npy} file and a {@code .dnpy} set; bad and missing files. */
class InfoCommandTest {
    @TempDir
    Path dir;

    @BeforeEach
    void files() {
        LocalCluster.run(2, comm -> {
            try (DistArray a = DistArrays.zeros(Distribution.builder(comm).shape(3, 4).build(), DType.FLOAT64)) {
                ArrayIO.saveNpy(dir.resolve("a.npy"), a);
            }
            try (DistArray a = DistArrays.zeros(Distribution.builder(comm).shape(7).cyclic(0).build(), DType.INT32)) {
                ArrayIO.saveDnpy(dir.resolve("set").toString(), a);
            }
        });
    }

    @Test
    void npyText() {
        CliRun r = CliRun.of("info", dir.resolve("a.npy").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(dir.resolve("a.npy") + ": npy 1.0\n  shape  (3, 4)\n  dtype  <f8 (float64)\n"
                + "  order  C, data at byte 128, 96 bytes", r.out().stripTrailing());
    }

    @Test
    void npyJson() {
        CliRun r = CliRun.of("info", dir.resolve("a.npy").toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("{\"format\":\"npy\",\"version\":\"1.0\",\"shape\":[3,4],\"dtype\":\"<f8\",\"fortran_order\":false}",
                r.out().strip());
    }

    @Test
    void dnpyFromPrefixOrFile() {
        for (String p : new String[] {dir.resolve("set").toString(), dir.resolve("set_1.dnpy").toString()}) {
            CliRun r = CliRun.of("info", p);
            assertEquals(0, r.code(), r.err());
            String expected = dir.resolve("set") + "_*.dnpy: dnpy 1.0, 2 rank files\n  shape  (7,)\n  dtype  <i4 (int32)\n"
                    + "  rank 0  set_0.dnpy  local_shape (4,)\n"
                    + "    axis 0  {\"dist_type\":\"c\",\"size\":7,\"proc_grid_rank\":0,\"proc_grid_size\":2,\"start\":0}\n"
                    + "  rank 1  set_1.dnpy  local_shape (3,)\n"
                    + "    axis 0  {\"dist_type\":\"c\",\"size\":7,\"proc_grid_rank\":1,\"proc_grid_size\":2,\"start\":1}";
            assertEquals(expected, r.out().stripTrailing());
        }
        CliRun j = CliRun.of("info", "--json", dir.resolve("set").toString());
        assertEquals(0, j.code(), j.err());
        assertEquals("{\"format\":\"dnpy\",\"version\":\"1.0\",\"shape\":[7],\"dtype\":\"<i4\",\"ranks\":[{\"file\":\""
                + dir.resolve("set_0.dnpy") + "\",\"dim_data\":[{\"dist_type\":\"c\",\"size\":7,\"proc_grid_rank\":0,"
                + "\"proc_grid_size\":2,\"start\":0}]},{\"file\":\"" + dir.resolve("set_1.dnpy") + "\",\"dim_data\":[{"
                + "\"dist_type\":\"c\",\"size\":7,\"proc_grid_rank\":1,\"proc_grid_size\":2,\"start\":1}]}]}",
                j.out().strip());
    }

    @Test
    void badFilesOneLineExitOne() throws Exception {
        byte[] b = Files.readAllBytes(dir.resolve("a.npy"));
        Files.write(dir.resolve("bad.npy"), Arrays.copyOf(b, 50));
        Files.write(dir.resolve("bad_0.dnpy"), "not a dnpy file".getBytes());
        for (String f : new String[] {"bad.npy", "bad_0.dnpy"}) {
            CliRun r = CliRun.of("info", dir.resolve(f).toString());
            assertEquals(1, r.code(), r.out() + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("error: ") && r.err().contains(f), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        CliRun missing = CliRun.of("info", dir.resolve("nothing.npy").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("error: no such file"), missing.err());
    }
}

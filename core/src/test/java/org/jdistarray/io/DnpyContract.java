package org.jdistarray.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.jdistarray.array.Cases;
import org.jdistarray.array.DistArray;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Test;

/**
 * Oracle tests of DistArray 0.5's per-rank {@code .dnpy} files: every distribution (unstructured included) round-trips
 * with its distribution rebuilt from the headers; rank 0's file of shape (7,) over 4 ranks is byte for byte the
 * example of distarray-0.5.md §11; missing, foreign and disagreeing files fail on every rank naming the file.
 */
public abstract class DnpyContract {
    protected abstract void onRanks(NpyIoContract.Spmd task) throws Exception;

    @Test
    void roundTripEveryDistribution() throws Exception {
        onRanks(comm -> {
            Path dir = IoTesting.sharedDir(comm);
            for (Cases.Case c : IoTesting.cases()) {
                Distribution d = c.make().apply(comm);
                if (d.ndim() == 0 && d.holder() >= 0 && comm.size() > 1) {
                    continue; // a 0-d array on one rank has no block on the others: refused (tested below)
                }
                String prefix = dir.resolve(c.name()).toString();
                String what = c.name() + " on " + comm.size() + " ranks, rank " + comm.rank();
                try (DistArray a = IoTesting.reference(d, DType.INT32)) {
                    ArrayIO.saveDnpy(prefix, a);
                    try (DistArray b = ArrayIO.loadDnpy(comm, prefix)) {
                        assertEquals(DType.INT32, b.dtype(), what);
                        assertArrayEquals(d.shape(), b.shape(), what);
                        assertEquals(d.localMap().localShape().length, b.distribution().localShape().length, what);
                        assertArrayEquals(d.localShape(), b.distribution().localShape(), what);
                        for (int ax = 0; ax < d.ndim(); ax++) {
                            assertArrayEquals(d.ownedGlobalIndices(ax), b.distribution().ownedGlobalIndices(ax),
                                    what + " axis " + ax);
                        }
                        IoTesting.assertSameCells(a, b, what);
                    }
                }
            }
        });
    }

    @Test
    void distArrayExampleBytes() throws Exception {
        onRanks(comm -> {
            if (comm.size() != 4) {
                return;
            }
            Path dir = IoTesting.sharedDir(comm);
            try (DistArray a = IoTesting.reference(Distribution.builder(comm).shape(7).build(), DType.FLOAT64)) {
                ArrayIO.saveDnpy(dir.resolve("ex").toString(), a);
            }
            if (comm.rank() == 0) {
                byte[] b = Files.readAllBytes(dir.resolve("ex_0.dnpy"));
                String header = "{'__version__': '0.10.0', 'dim_data': ({'dist_type': 'b', 'size': 7, "
                        + "'proc_grid_rank': 0, 'proc_grid_size': 4, 'start': 0, 'stop': 2},), }" + " ".repeat(11) + "\n";
                assertEquals(150, header.length());
                assertArrayEquals(new byte[] {(byte) 0x93, 0x44, 0x41, 0x52, 0x52, 0x59, 1, 0, (byte) 0x96, 0, 0x7b},
                        Arrays.copyOf(b, 11));
                assertEquals(header, new String(b, 10, 150, StandardCharsets.ISO_8859_1));
                byte[] npy = Arrays.copyOfRange(b, 160, b.length);
                NpyHeader h = NpyHeader.parse(npy, npy.length, "embedded");
                assertArrayEquals(new long[] {2}, h.shape());
                assertEquals(h.dataOffset() + 16, npy.length);
            }
        });
    }

    @Test
    void badSetsFailOnEveryRankNamingTheFile() throws Exception {
        onRanks(comm -> {
            Path dir = IoTesting.sharedDir(comm);
            String prefix = dir.resolve("set").toString();
            Distribution d = Distribution.builder(comm).shape(3L * comm.size() + 1, 2).build();
            try (DistArray a = IoTesting.reference(d, DType.FLOAT64)) {
                ArrayIO.saveDnpy(prefix, a);
            }
            int last = comm.size() - 1;
            Path lastFile = Path.of(prefix + "_" + last + ".dnpy");
            byte[] good = comm.rank() == 0 ? Files.readAllBytes(lastFile) : null;
            List<String[]> cases = List.of(new String[] {"magic", "\\x93DARRY"}, new String[] {"missing", "no such file"},
                    new String[] {"truncated", "truncated"});
            for (String[] c : cases) {
                if (comm.rank() == 0) {
                    switch (c[0]) {
                        case "magic" -> {
                            byte[] b = good.clone();
                            b[1] = 'X';
                            Files.write(lastFile, b);
                        }
                        case "missing" -> Files.delete(lastFile);
                        default -> Files.write(lastFile, Arrays.copyOf(good, good.length - 3));
                    }
                }
                comm.barrier();
                ArrayFileException e = assertThrows(ArrayFileException.class, () -> ArrayIO.loadDnpy(comm, prefix)
                        .close(), c[0]);
                assertTrue(e.getMessage().contains("set_" + last + ".dnpy") && e.getMessage().contains(c[1]),
                        c[0] + ": " + e.getMessage());
                comm.barrier();
            }
            if (comm.size() > 1) {
                // the last rank's file from another array: shapes disagree
                String other = dir.resolve("other").toString();
                try (DistArray a = IoTesting.reference(Distribution.builder(comm).shape(3L * comm.size() + 5, 2).build(),
                        DType.FLOAT64)) {
                    ArrayIO.saveDnpy(other, a);
                }
                if (comm.rank() == 0) {
                    Files.copy(Path.of(other + "_" + last + ".dnpy"), lastFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                comm.barrier();
                ArrayFileException e = assertThrows(ArrayFileException.class, () -> ArrayIO.loadDnpy(comm, prefix)
                        .close());
                assertTrue(e.getMessage().contains("set_*.dnpy"), e.getMessage());
                Distribution zeroD = Distribution.builder(comm).shape().onRank(0).build();
                try (DistArray z = IoTesting.reference(zeroD, DType.FLOAT64)) {
                    assertThrows(RuntimeException.class, () -> ArrayIO.saveDnpy(dir.resolve("z").toString(), z));
                }
            }
        });
    }
}

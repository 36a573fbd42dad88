package org.jdistarray.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.ops.Np;
import org.jdistarray.protocol.DType;
import org.jdistarray.testing.EnabledIfMpirun;
import org.jdistarray.testing.MpiLauncher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shared-export contract under {@code mpirun -np 1} and {@code -np 2}, and an mpi4py program (Debian's) under
 * {@code mpirun -np 2} that sums an array exported by two ranks and gets our sum.
 */
@Tag("mpi")
@EnabledIfMpirun
class SharedExportMpiIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(240);

    @Test
    void oneRank() {
        MpiLauncher.Result r = MpiLauncher.run(1, TIMEOUT, SharedExportContractOnMpi.class);
        assertTrue(r.summary().orElseThrow().contains("np=1"), r.report());
    }

    @Test
    void twoRanks() {
        MpiLauncher.Result r = MpiLauncher.run(2, TIMEOUT, SharedExportContractOnMpi.class);
        assertTrue(r.summary().orElseThrow().contains("np=2"), r.report());
    }

    @Test
    void mpi4pySumsTheExportedArray() throws Exception {
        assumeTrue(DapPython.skipReason() == null, DapPython.skipReason());
        Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import mpi4py").start();
        assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0, "mpi4py is not installed");
        Path dir = Files.createTempDirectory("jdap-mpi4py");
        Path script = dir.resolve("dap_mpi_sum.py");
        try (var in = getClass().getResourceAsStream("dap_mpi_sum.py")) {
            Files.copy(in, script);
        }
        LocalCluster.run(2, TIMEOUT, comm -> {
            Distribution d = Distribution.builder(comm).shape(37, 5).cyclic(0, 3).build();
            try (DistArray plain = DistArrays.fromFunction(d, DType.FLOAT64,
                    g -> Math.sin(g[0] * 5 + g[1]) + 0.125 * g[1]);
                    DistArray a = SharedArrays.toShared(plain); DistArray s = Np.sum(a)) {
                double ours = s.item();
                a.exportShared(dir);
                comm.barrier();
                if (comm.rank() == 0) {
                    List<String> cmd = new ArrayList<>(List.of(
                            Files.isExecutable(Path.of("/usr/bin/mpirun.openmpi")) ? "/usr/bin/mpirun.openmpi" : "mpirun"));
                    if ("root".equals(System.getProperty("user.name"))) {
                        cmd.add("--allow-run-as-root");
                    }
                    cmd.addAll(List.of("--oversubscribe", "-np", "2", "/usr/bin/python3", script.toString(),
                            dir.toString()));
                    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
                    pb.environment().put("PYTHONPATH", DapPython.moduleDir().toString());
                    Process p = pb.start();
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
                    assertEquals(0, p.exitValue(), out);
                    String line = out.lines().filter(l -> l.startsWith("MPI4PY-SUM ")).findFirst().orElseThrow(
                            () -> new AssertionError(out));
                    assertTrue(line.contains("ranks=2 size=185"), line);
                    double theirs = Double.parseDouble(line.replaceFirst(".*sum=", ""));
                    assertEquals(ours, theirs, 1e-12 * Math.max(1, Math.abs(ours)), line);
                }
                comm.barrier();
            }
        });
        Files.delete(script);
        Files.delete(dir);
    }
}

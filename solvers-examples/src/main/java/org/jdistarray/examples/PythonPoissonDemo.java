package org.jdistarray.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.SharedArrays;
import org.jdistarray.comm.CollectiveErrors;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.petsc.Ksp;
import org.jdistarray.petsc.KspType;
import org.jdistarray.petsc.PetscMat;
import org.jdistarray.petsc.PetscOptions;
import org.jdistarray.petsc.PetscSession;
import org.jdistarray.petsc.PetscVec;
import org.jdistarray.protocol.DType;
import org.jdistarray.solve.SolveResult;
import org.jdistarray.sparse.Stencil;

/**
 * {@code jdistarray demo --python}: a mixed Java/Python job over shared memory (protocol export). Java builds the
 * {@link PoissonProblem} and exports its right-hand side read-only; Python ({@code python/poisson_dap_demo.py}, NumPy
 * and {@code jdistarray_dap}) maps every rank's block with no copy and checks it against f computed by NumPy, then
 * exports its own f the same way; Java imports Python's blocks with no copy ({@link DistArray#importShared}), PETSc
 * (CG + Jacobi) solves on them into a shared-memory solution, which Python maps with no copy and checks against
 * the exact solution.
 *
 * <pre>mpirun -np 2 java -cp ... org.jdistarray.examples.PythonPoissonDemo [N=512] [rtol=1e-8] python=DIR</pre>
 *
 * Exit code 0 iff Python's checks, the solve and the error (O(h²)) are all right.
 */
public final class PythonPoissonDemo {
    private PythonPoissonDemo() {
    }

    public static void main(String[] args) throws Exception {
        int n = 512;
        double rtol = 1e-8;
        Path pyDir = null;
        String python = "/usr/bin/python3";
        for (String a : args) {
            if (a.startsWith("N=")) {
                n = Integer.parseInt(a.substring(2));
            } else if (a.startsWith("rtol=")) {
                rtol = Double.parseDouble(a.substring(5));
            } else if (a.startsWith("python=")) {
                pyDir = Path.of(a.substring(7));
            } else if (a.startsWith("interpreter=")) {
                python = a.substring(12);
            } else {
                throw new IllegalArgumentException("unknown argument " + a + " (N=, rtol=, python=, interpreter=)");
            }
        }
        if (pyDir == null) {
            throw new IllegalArgumentException("python=DIR (the directory of jdistarray_dap.py) is required");
        }
        boolean ok;
        try (MpiSession mpi = MpiSession.init()) {
            ok = run(mpi.world(), n, rtol, pyDir, python);
        }
        System.exit(ok ? 0 : 1);
    }

    static boolean run(Communicator comm, int n, double rtol, Path pyDir, String python) throws Exception {
        long id = Collectives.broadcast(comm, comm.rank() == 0 ? System.nanoTime() ^ ProcessHandle.current().pid() : 0L, 0);
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "jdistarray-demo-" + Long.toHexString(Math.abs(id)));
        Process py = null;
        StringBuilder pyOut = new StringBuilder();
        CountDownLatch exported = new CountDownLatch(1);
        boolean ok = true;
        try (PoissonProblem problem = PoissonProblem.create(comm, n); DistArray rhs = SharedArrays.toShared(problem.rhs())) {
            print(comm, "demo --python: " + n + " x " + n + " Poisson problem on " + comm.size()
                    + " Java ranks; right-hand side in shared memory, exported read-only to " + dir);
            rhs.exportSharedReadOnly(dir.resolve("rhs"));
            if (comm.rank() == 0) {
                ProcessBuilder pb = new ProcessBuilder(python, pyDir.resolve("poisson_dap_demo.py").toString(),
                        dir.toString(), Integer.toString(n), Integer.toString(comm.size())).redirectErrorStream(true);
                pb.environment().put("PYTHONPATH", pyDir.toString());
                pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
                py = pb.start();
                Process p = py;
                Thread reader = new Thread(() -> pump(p, pyOut, exported), "python-output");
                reader.setDaemon(true);
                reader.start();
            }
            RuntimeException failed = null;
            if (comm.rank() == 0 && (!exported.await(300, TimeUnit.SECONDS) || !py.isAlive() && exported.getCount() > 0)) {
                failed = new IllegalStateException("the Python side did not export its blocks:\n" + pyOut);
            }
            if (comm.rank() == 0 && failed == null && !pyOut.toString().contains("PYTHON exported")) {
                failed = new IllegalStateException("the Python side failed:\n" + pyOut);
            }
            CollectiveErrors.agree(comm, failed);
            try (DistArray f = DistArray.importShared(comm, dir.resolve("pyrhs"));
                    DistArray u = DistArrays.zerosShared(problem.distribution(), DType.FLOAT64)) {
                double fdiff = problem.maxDifference(f, problem.rhs());
                print(comm, String.format(Locale.ROOT, "java: imported Python's f with no copy (validated descriptors,"
                        + " blocks mapped from /dev/shm), max |f_python - f_java| = %.2e", fdiff));
                ok &= fdiff <= 1e-9 * problem.stencilScale();
                SolveResult r;
                long t0 = System.nanoTime();
                try (PetscSession petsc = PetscSession.init(comm, PetscOptions.raw());
                        PetscMat a = PetscMat.laplacian(Stencil.FIVE_POINT_2D, problem.numbering(), problem.stencilScale());
                        PetscVec b = PetscVec.wrap(f); PetscVec x = PetscVec.wrap(u); Ksp ksp = Ksp.create(comm)) {
                    ksp.operators(a).type(KspType.CG).tolerances(rtol, 1e-50, 1e4, 100_000).fromOptions();
                    ksp.preconditioner("jacobi");
                    r = ksp.solve(b, x); // PETSc reads Python's memory and writes the shared solution
                }
                double secs = Collectives.max(comm, (System.nanoTime() - t0) * 1e-9);
                double[] err = problem.errors(u);
                boolean good = r.converged() && problem.errorIsSecondOrder(err[0]);
                ok &= good;
                print(comm, String.format(Locale.ROOT, "java: PETSc CG+jacobi on Python's f: reason=%s its=%d errInf=%.3e"
                        + " h2=%.3e solve_s=%.3f %s", r.reason(), r.iterations(), err[0], problem.h() * problem.h(), secs,
                        good ? "ok" : "WRONG"));
                u.exportShared(dir.resolve("u"));
                comm.barrier();
                if (comm.rank() == 0) {
                    Files.createFile(dir.resolve("u").resolve("ready"));
                    if (!py.waitFor(300, TimeUnit.SECONDS)) {
                        py.destroyForcibly();
                    }
                    py.getInputStream().close();
                }
                comm.barrier(); // Python has read the solution: now the exports may go
            }
        } finally {
            if (comm.rank() == 0 && py != null) {
                py.waitFor(10, TimeUnit.SECONDS);
            }
        }
        boolean pyOk = true;
        if (comm.rank() == 0) {
            Thread.sleep(50);
            String out;
            synchronized (pyOut) {
                out = pyOut.toString();
            }
            pyOk = py.exitValue() == 0 && out.contains("PYTHON done ok=True");
            deleteTree(dir);
        }
        boolean all = Collectives.allTrue(comm, ok && pyOk);
        print(comm, "demo --python " + (all ? "OK" : "FAILED") + ": Python checked the right-hand side and the solution"
                + " in Java's memory, PETSc solved on Python's memory, no copies across the language boundary");
        return all;
    }

    private static void pump(Process p, StringBuilder out, CountDownLatch exported) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                synchronized (out) {
                    out.append(line).append('\n');
                }
                if (!line.startsWith("PYTHON ")) {
                    System.out.println(line);
                    System.out.flush();
                }
                if (line.equals("PYTHON exported")) {
                    exported.countDown();
                }
            }
        } catch (IOException e) {
            // stream closed: the process ended
        } finally {
            exported.countDown();
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void print(Communicator comm, String line) {
        if (comm.rank() == 0) {
            System.out.println(line);
            System.out.flush();
        }
    }

}

package org.jdistarray.examples;

import java.util.List;
import java.util.Locale;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.client.Context;
import org.jdistarray.client.EngineFunction;
import org.jdistarray.client.EngineScope;
import org.jdistarray.client.RemoteArray;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.Redistribution;
import org.jdistarray.petsc.PetscSession;
import org.jdistarray.protocol.DType;

/**
 * {@link HeatEquation} driven from a client in client-engine mode: the client holds two proxies (the field and its
 * next state), the engines hold the padded block-distributed arrays. Every explicit step is one command: a
 * registered engine function ({@link ExplicitStep}) exchanges the ghosts (a plan each engine makes once) and runs
 * HeatEquation's own 5-point step on the engine's local block; the client swaps the two proxies. Every k-th step is
 * one command of {@link ImplicitStep}: HeatEquation's backward-Euler step through PETSc CG on the engine communicator
 * (PETSc needs MPI engines: with thread engines, {@code engines=N}, the implicit steps are skipped with a note and
 * every step is explicit). At the end the engines compare the field with the exact discrete solution and the client
 * prints it with the timings per phase: the client's wall time of the explicit and of the implicit commands, and the
 * engines' own ghost-exchange and stencil seconds (the slowest engine).
 *
 * <pre>
 * mpirun -np 3 java -cp $CP org.jdistarray.examples.ClientEngineHeat N=128 steps=200 every=10   # 1 client, 2 engines
 * java -cp $CP org.jdistarray.examples.ClientEngineHeat N=128 steps=200 engines=2   # thread engines, explicit only
 * </pre>
 */
public final class ClientEngineHeat {
    /** What a run measured; the seconds of the commands are the client's wall time, the others the engines'. */
    public record Result(int n, int engines, int steps, int implicitSteps, double maxError,
                         double explicitCommandSeconds, double exchangeSeconds, double stencilSeconds,
                         double implicitCommandSeconds, int iterations) {
    }

    /** Makes the start field ({@code args: n, false}) or a zero field ({@code n, true}) on the engines. */
    public static final EngineFunction FIELD = (scope, args) -> {
        Distribution padded = HeatEquation.paddedDistribution(scope.comm(), (Integer) args[0]);
        return (Boolean) args[1] ? DistArrays.zeros(padded, DType.FLOAT64) : HeatEquation.initialField(padded);
    };

    /** The largest error of {@code args[0]} against {@code args[1]} times the start field; engine 0 returns it. */
    public static final EngineFunction ERROR = (scope, args) -> {
        double e = HeatEquation.maxError((DistArray) args[0], (Double) args[1]);
        return scope.rank() == 0 ? e : null;
    };

    private ClientEngineHeat() {
    }

    /**
     * One explicit step on an engine: {@code args = (u, out, c)}; exchanges u's ghosts, then {@code out = u - c L u}
     * ({@link HeatEquation#explicitStep}). Returns this engine's {@code {exchange seconds, stencil seconds}}. Holds
     * the ghost plan of the layout it last saw (one instance per engine).
     */
    public static final class ExplicitStep implements EngineFunction {
        private Distribution planned;
        private Redistribution ghosts;

        @Override
        public Object apply(EngineScope scope, Object[] args) {
            DistArray u = (DistArray) args[0];
            DistArray out = (DistArray) args[1];
            if (ghosts == null || planned != u.distribution()) {
                planned = u.distribution();
                ghosts = Redistribution.ghosts(planned); // planned once, run before every explicit step
            }
            long t0 = System.nanoTime();
            DistArrays.exchangeGhosts(u, ghosts);
            long t1 = System.nanoTime();
            HeatEquation.explicitStep(u, out, (Double) args[2]);
            long t2 = System.nanoTime();
            return new double[] {(t1 - t0) * 1e-9, (t2 - t1) * 1e-9};
        }
    }

    /**
     * One implicit step on an engine: {@code args = (u, c)}; solves {@code (I + c L) u' = u} in place with
     * HeatEquation's PETSc solver, made (with the PETSc session on the engine communicator) at the first call; engine
     * 0 returns the CG iterations. {@code args = (u, "close")} closes the solver and the PETSc session.
     */
    public static final class ImplicitStep implements EngineFunction {
        private PetscSession petsc;
        private HeatEquation.Implicit solver;

        @Override
        public Object apply(EngineScope scope, Object[] args) {
            DistArray u = (DistArray) args[0];
            if ("close".equals(args[1])) {
                if (solver != null) {
                    solver.close();
                    solver = null;
                }
                if (petsc != null) {
                    petsc.close();
                    petsc = null;
                }
                return null;
            }
            if (solver == null) {
                if (petsc == null) {
                    petsc = PetscSession.init(scope.comm()); // refused on thread engines: not an MPI communicator
                }
                solver = new HeatEquation.Implicit(HeatEquation.plainTwin(u.distribution()), (Double) args[1]);
            }
            int it = solver.step(u, u.distribution());
            return scope.rank() == 0 ? it : null;
        }
    }

    /**
     * <b>Collective</b> on the engines of {@code ctx} (about one command per step). Runs {@link HeatEquation}'s
     * {@code steps} steps on an N x N grid, every {@code every}-th implicit (0: none; needs MPI engines with PETSc).
     */
    public static Result run(Context ctx, int n, int steps, int every) {
        return run(ctx, n, steps, every, null);
    }

    /** {@link #run(Context, int, int, int)}; a non-null {@code field} gets the final field (row-major). */
    static Result run(Context ctx, int n, int steps, int every, double[][] field) {
        if (n < 1 || steps < 0 || every < 0) {
            throw new IllegalArgumentException("need N >= 1, steps >= 0, every >= 0: N=" + n + " steps=" + steps
                    + " every=" + every);
        }
        double h = 1.0 / (n + 1);
        double dt = 0.2 * h * h;
        double lambda = HeatEquation.lambda(n);
        double c = dt / (h * h);
        ctx.register("heat_explicit", ExplicitStep.class);
        if (every > 0) {
            ctx.register("heat_implicit", ImplicitStep.class);
        }
        double[] exchange = new double[ctx.engines()];
        double[] stencil = new double[ctx.engines()];
        double explicitCommands = 0;
        double implicitCommands = 0;
        int implicitSteps = 0;
        int iterations = 0;
        double factor = 1;
        RemoteArray cur = (RemoteArray) ctx.apply(FIELD, n, false);
        RemoteArray other = (RemoteArray) ctx.apply(FIELD, n, true);
        try {
            try {
                for (int s = 1; s <= steps; s++) {
                    long t0 = System.nanoTime();
                    if (every > 0 && s % every == 0) {
                        iterations += (Integer) ctx.call("heat_implicit", cur, c);
                        implicitCommands += (System.nanoTime() - t0) * 1e-9;
                        factor /= 1 + dt * lambda;
                        implicitSteps++;
                        continue;
                    }
                    List<?> times = perEngine(ctx.call("heat_explicit", cur, other, c), ctx.engines());
                    explicitCommands += (System.nanoTime() - t0) * 1e-9;
                    for (int e = 0; e < times.size(); e++) {
                        exchange[e] += ((double[]) times.get(e))[0];
                        stencil[e] += ((double[]) times.get(e))[1];
                    }
                    factor *= 1 - dt * lambda;
                    RemoteArray swap = cur;
                    cur = other;
                    other = swap;
                }
            } finally {
                if (every > 0) {
                    ctx.call("heat_implicit", cur, "close");
                }
            }
            double err = (Double) ctx.apply(ERROR, cur, factor);
            if (field != null) {
                field[0] = cur.toDoubleArray();
            }
            return new Result(n, ctx.engines(), steps, implicitSteps, err, explicitCommands, max(exchange),
                    max(stencil), implicitCommands, iterations);
        } finally {
            cur.close();
            other.close();
        }
    }

    /** The engines' values of a call whose every engine returned one (a single engine's value comes alone). */
    private static List<?> perEngine(Object result, int engines) {
        return engines == 1 ? List.of(result) : (List<?>) result;
    }

    private static double max(double[] a) {
        double m = 0;
        for (double x : a) {
            m = Math.max(m, x);
        }
        return m;
    }

    public static void main(String[] args) {
        int n = 128;
        int steps = 200;
        int every = 10;
        int threads = 0;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "N" -> n = Integer.parseInt(kv[1]);
                case "steps" -> steps = Integer.parseInt(kv[1]);
                case "every" -> every = Integer.parseInt(kv[1]);
                case "engines" -> threads = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + a
                        + " (N=, steps=, every=, engines=)");
            }
        }
        try (Context ctx = threads > 0 ? Context.embedded(threads) : Context.start(args)) {
            if (ctx.isEmbedded() && every > 0) {
                System.out.println("note: thread engines, no PETSc (it needs MPI): the implicit steps are skipped, "
                        + "every step is explicit (run under mpirun for them)");
                every = 0;
            }
            Result r = run(ctx, n, steps, every);
            boolean ok = r.maxError() < 1e-9;
            System.out.printf(Locale.ROOT, "CEHEAT N=%d engines=%d steps=%d implicit=%d max_error=%.3e "
                    + "explicit_commands=%.3fs ghost_exchange=%.3fs stencil=%.3fs implicit_petsc_commands=%.3fs "
                    + "cg_iterations=%d ok=%b%n", r.n(), r.engines(), r.steps(), r.implicitSteps(), r.maxError(),
                    r.explicitCommandSeconds(), r.exchangeSeconds(), r.stencilSeconds(), r.implicitCommandSeconds(),
                    r.iterations(), ok);
            if (!ok) {
                throw new IllegalStateException("the field differs from the exact discrete solution by "
                        + r.maxError());
            }
        }
    }
}

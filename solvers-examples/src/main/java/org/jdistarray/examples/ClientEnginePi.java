package org.jdistarray.examples;

import org.jdistarray.client.Context;
import org.jdistarray.client.RemoteArray;
import org.jdistarray.client.RemoteLayout;

/**
 * Monte-Carlo estimate of pi in client-engine mode: the client holds proxies only; the engines draw {@code N} random
 * points of the unit square (two reproducible streams, {@code RandomArrays.rand}), square, add and compare them
 * ({@code RemoteArrayOps}), and count the points inside the quarter circle ({@code Np.countNonzero}); the client
 * receives one number. Under {@code mpirun -np 3} rank 0 is the client and ranks 1, 2 the engines:
 *
 * <pre>
 * mpirun -np 3 java -cp $CP org.jdistarray.examples.ClientEnginePi N=4000000 seed=7
 * java -cp $CP org.jdistarray.examples.ClientEnginePi N=4000000 engines=2      # engines as threads, no MPI
 * </pre>
 */
public final class ClientEnginePi {
    private ClientEnginePi() {
    }

    public static void main(String[] args) {
        long n = 1_000_000;
        long seed = 7;
        int threads = 0;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "N" -> n = Long.parseLong(kv[1]);
                case "seed" -> seed = Long.parseLong(kv[1]);
                case "engines" -> threads = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + a + " (N=, seed=, engines=)");
            }
        }
        long t0 = System.nanoTime();
        try (Context ctx = threads > 0 ? Context.embedded(threads) : Context.start(args)) {
            double pi = estimate(ctx, n, seed);
            System.out.printf(java.util.Locale.ROOT, "pi ~ %.6f (error %.2e) from %d points on %d engines in %.3f s%n", pi,
                    Math.abs(pi - Math.PI), n, ctx.engines(), (System.nanoTime() - t0) * 1e-9);
        }
    }

    /** <b>Collective</b> (seven commands on the engines of {@code ctx}). 4 x the fraction of points inside. */
    public static double estimate(Context ctx, long n, long seed) {
        RemoteLayout layout = RemoteLayout.of(n);
        try (RemoteArray x = ctx.arrays().rand(layout, seed);
             RemoteArray y = ctx.arrays().rand(layout, seed + 1);
             RemoteArray x2 = x.multiply(x);
             RemoteArray y2 = y.multiply(y);
             RemoteArray r2 = x2.add(y2);
             RemoteArray inside = r2.lessEqual(1.0);
             RemoteArray count = ctx.np().countNonzero(inside)) {
            return 4.0 * count.itemLong() / n;
        }
    }
}

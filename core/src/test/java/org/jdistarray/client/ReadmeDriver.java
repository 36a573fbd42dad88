package org.jdistarray.client;

import java.util.Arrays;

import org.jdistarray.array.DistArray;
import org.jdistarray.protocol.DType;

/** The driver program of core/README.md's "Client-engine mode" (run by ReadmeDriverTest and ClientEngineMpiIT). */
public final class ReadmeDriver {
    private ReadmeDriver() {
    }

    /** User code on every engine: how many elements of the array this engine holds. */
    static final EngineFunction HELD = (scope, args) -> "engine " + scope.rank() + " holds "
            + ((DistArray) args[0]).distribution().localElementCount();

    public static void main(String[] args) {                 // mpirun -np 3 java -cp ... ReadmeDriver
        try (Context ctx = Context.start(args)) {             // rank 0 returns; ranks 1..2 run the engines
            System.out.println(run(ctx));
        }
    }

    static String run(Context ctx) {
        Recipe dist = Recipe.of("Distribution", "builder", Recipe.ENGINE_COMM)
                .then("shape", 6L).then("cyclic", 0, 2L).then("build");              // block-cyclic over the engines
        try (RemoteArray x = ctx.callArray("DistArrays", "arange", dist, 0.0, 1.0, DType.FLOAT64);
                RemoteArray y = ctx.callArray("Np", "multiply", x, x);               // computed on the engines
                RemoteArray z = ctx.callArray("Np", "add", Recipe.of("Np", "multiply", y, 2.0), x); // 2y + x
                RemoteArray w = ctx.fromArray(new double[] {1, 2}, 2)) {
            double total = ctx.callValue("array", "item", double.class, Recipe.of("Np", "sum", z));
            String refused = "";
            try {
                ctx.callArray("Np", "add", z, w).close();                              // shapes (6,) and (2,)
            } catch (IllegalArgumentException e) {                                     // the engines stay alive
                refused = e.getMessage().substring(0, e.getMessage().indexOf(':'));
            }
            return Arrays.toString(z.toDoubleArray()) + " sum=" + total + " " + ctx.apply(HELD, z) + " / " + refused;
        }
    }
}

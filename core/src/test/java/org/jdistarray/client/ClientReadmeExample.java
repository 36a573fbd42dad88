package org.jdistarray.client;

import org.jdistarray.protocol.DType;

/** The client-engine driver shown in README.md and core/README.md ({@link ClientReadmeExampleTest} runs it). */
public final class ClientReadmeExample {
    private ClientReadmeExample() {
    }

    // --- example start ---
    public static void main(String[] args) {         // mpirun -np 3 java -cp ... ClientReadmeExample
        try (Context ctx = Context.start(args)) {     // rank 0: the client; ranks 1, 2: engines
            System.out.println(run(ctx));
        }
    }

    static String run(Context ctx) {
        RemoteNp np = ctx.np();
        RemoteArrays arrays = ctx.arrays();
        RemoteLayout layout = RemoteLayout.of(4096).cyclic(0, 64);
        try (RemoteArray x = arrays.arange(layout, 0, 1, DType.FLOAT64);
             RemoteArray y = arrays.ones(layout, DType.FLOAT64);
             RemoteArray ax = x.multiply(2.0);
             RemoteArray z = np.add(ax, y);          // z = a*x + y, on the engines
             RemoteArray total = np.sum(z);
             RemoteArray part = z.get("10:13")) {     // a view: no copy on the engines
            return "engines=" + ctx.engines() + " sum=" + total.item() + " z[10:13]="
                    + java.util.Arrays.toString(part.toDoubleArray());
        }
    }
    // --- example end ---
}

package org.jdistarray.client;

/** {@link ContextContract} on the context of {@link ClientEngineMpiDriver} (the client rank of an mpirun job). */
public class ContextOnMpi extends ContextContract {
    static volatile Context context;

    @Override
    protected Context ctx() {
        if (context == null) {
            throw new IllegalStateException("ContextOnMpi runs inside ClientEngineMpiDriver only");
        }
        return context;
    }
}

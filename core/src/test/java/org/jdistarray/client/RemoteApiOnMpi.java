package org.jdistarray.client;

/** {@link RemoteApiContract} on the context of {@link RemoteApiMpiDriver} (the client rank of an mpirun job). */
public class RemoteApiOnMpi extends RemoteApiContract {
    static volatile Context context;

    @Override
    protected Context ctx() {
        if (context == null) {
            throw new IllegalStateException("RemoteApiOnMpi runs inside RemoteApiMpiDriver only");
        }
        return context;
    }
}

package org.jdistarray.client;

/**
 * The instance methods of a {@link RemoteArray} that mirror {@link org.jdistarray.array.DistArray}'s (arithmetic,
 * reductions, indexing, conversion, redistribution), each one command to the engines through the generic call of
 * {@link #context()}.
 */
public abstract class RemoteArrayOps {
    RemoteArrayOps() {
    }

    /** <b>Not collective.</b> The context this array lives in (its engines). */
    protected abstract Context context();
}

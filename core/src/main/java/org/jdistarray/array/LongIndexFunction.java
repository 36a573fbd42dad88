package org.jdistarray.array;

/** A long-valued function of a global index tuple, for {@link DistArrays#fromLongFunction} (exact for int64). */
@FunctionalInterface
public interface LongIndexFunction {
    /**
     * @param global the global index tuple (reused between calls: copy it to keep it)
     * @return the element's value
     */
    long at(long[] global);
}

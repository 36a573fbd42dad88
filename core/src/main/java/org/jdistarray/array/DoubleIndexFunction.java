package org.jdistarray.array;

/** A double-valued function of a global index tuple, for {@link DistArrays#fromFunction}. */
@FunctionalInterface
public interface DoubleIndexFunction {
    /**
     * @param global the global index tuple (reused between calls: copy it to keep it)
     * @return the element's value
     */
    double at(long[] global);
}

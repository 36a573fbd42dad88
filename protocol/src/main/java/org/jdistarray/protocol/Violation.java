package org.jdistarray.protocol;

/**
 * One broken rule of the protocol.
 *
 * @param dimension the dimension index the rule concerns, or -1 for the top level (version, buffer, grid)
 * @param key the dimension-dictionary or top-level key concerned ({@code "start"}, {@code "__version__"}, ...)
 * @param message what is wrong, in words
 */
public record Violation(int dimension, String key, String message) {
    @Override
    public String toString() {
        return (dimension < 0 ? "" : "dim_data[" + dimension + "]: ") + "'" + key + "': " + message;
    }
}

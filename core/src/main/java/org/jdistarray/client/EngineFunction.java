package org.jdistarray.client;

/**
 * User code that runs on every engine ({@link Context#register(String, Class)}, {@link Context#call},
 * {@link Context#apply}), DistArray 0.5's {@code register}/{@code apply}: it receives this engine's
 * {@link EngineScope} (the engine communicator, so engines talk to each other directly) and the arguments, with every
 * {@link RemoteArray} replaced by the engine's {@link org.jdistarray.array.DistArray} (its local block is
 * {@code local()}), every {@link Recipe} by the object it builds and other values as sent. No bytecode travels: the
 * function must be on every engine's class path, named by a public class with a public no-argument constructor, or a
 * lambda held in a static field of a class (see {@link Context#register(String, EngineFunction)}).
 *
 * <p>Return a DistArray (made on {@link EngineScope#comm()}), a value that can travel (number, boolean, String, arrays
 * of primitives, DType, enum, List of these) or null; see {@link Context#call} for how the engines' results combine.
 */
@FunctionalInterface
public interface EngineFunction {
    /** Runs on one engine. Exceptions travel back to the client as an {@link EngineException}. */
    Object apply(EngineScope scope, Object[] args) throws Exception;
}

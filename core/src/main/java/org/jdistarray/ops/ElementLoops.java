package org.jdistarray.ops;

/**
 * Which element loops run in this JVM: the vectorised native loops of {@code libjdist_kernels} (packaged in core's jar
 * for Linux x86-64 when gcc was there at build time) or core's Java loops; the results are the same bits either way.
 * {@code -Djdistarray.kernels=java} turns the native loops off, {@code -Djdistarray.kernels=native} makes a library that
 * cannot be loaded an error. See core's README, "Native element loops".
 */
public final class ElementLoops {
    private ElementLoops() {
    }

    /**
     * <b>Not collective.</b> {@code "native loops (...)"} or {@code "java loops (why)"}: what this JVM runs. With
     * {@code -Djdistarray.kernels=native} and no loadable library, this (like the first element-wise operation) throws
     * an {@code ExceptionInInitializerError} whose cause, an {@code IllegalStateException}, says why.
     */
    public static String status() {
        return NativeKernels.status();
    }

    /**
     * <b>Not collective.</b> What happens to fused expressions over large blocks: {@code "expression compiler <cc> (N
     * loops loaded...)"} when each shape is compiled to a C loop of its own in the background (same bits as the
     * interpreter), or {@code "expression compiler off (why)"}; {@code -Djdistarray.kernels.compile=off|sync|auto}.
     */
    public static String compilerStatus() {
        return ExprCompiler.status();
    }

    /**
     * <b>Not collective.</b> For self-tests of an install: compiles and runs one expression loop now (0.1-0.2 s) and
     * compares it with the native machine; says it worked, or why compiling is off or failed (the machine then runs
     * every expression, with the same values).
     *
     * @throws IllegalStateException if the compiled loop gives other values than the machine
     */
    public static String checkCompiler() {
        return ExprCompiler.selfCheck();
    }

    /** <b>Not collective.</b> Whether the native loops are loaded and in use. */
    public static boolean isNative() {
        return NativeKernels.on();
    }
}

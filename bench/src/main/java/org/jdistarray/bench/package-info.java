/**
 * Benchmarks: JMH micro-benchmarks run in-process ({@code <Op>Benchmark} classes with {@code @Benchmark} methods,
 * such as {@link org.jdistarray.bench.LocalBlockBenchmark}), and multi-rank drivers ({@code main} classes run under
 * mpirun by the {@code run_*.sh} scripts beside the module's pom) printing the shared baseline line format.
 */
package org.jdistarray.bench;

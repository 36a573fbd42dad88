/**
 * Distributed algorithms with NumPy's names and semantics: {@link org.jdistarray.algo.Sorting} ({@code sort},
 * {@code argsort}: a sample sort along a distributed axis) and {@link org.jdistarray.algo.Scans} ({@code cumsum},
 * {@code cumprod} and their NaN forms: a distributed scan). Every algorithm takes {@link
 * org.jdistarray.algo.AlgoOptions} (a memory budget, the result layout) and reports an {@link
 * org.jdistarray.algo.AlgoPlan} (rounds, bytes per rank, peak extra memory, phase times). Library messages go over
 * the arrays' private communicator ({@code comm.CommContext}).
 */
package org.jdistarray.algo;

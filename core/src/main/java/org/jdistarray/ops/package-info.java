/**
 * Operations on distributed arrays with NumPy's names and semantics: the entry point {@link org.jdistarray.ops.Np},
 * the reductions ({@link org.jdistarray.ops.Reductions}, keywords in {@link org.jdistarray.ops.ReduceOptions}).
 */
package org.jdistarray.ops;

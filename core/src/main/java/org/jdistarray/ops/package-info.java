/**
 * Operations on distributed arrays with NumPy's names and rules: {@link org.jdistarray.ops.Np} (the {@code np.} entry
 * point); element-wise: the ufunc enums {@link org.jdistarray.ops.UnaryOp} and {@link org.jdistarray.ops.BinaryOp},
 * NumPy 1.24's type rules ({@link org.jdistarray.ops.Promotion}, {@link org.jdistarray.ops.Casting}), keyword options
 * ({@link org.jdistarray.ops.UfuncOptions}) and fused one-pass expressions ({@link org.jdistarray.ops.Expr});
 * reductions: {@link org.jdistarray.ops.Reductions}, keywords in {@link org.jdistarray.ops.ReduceOptions}. May depend
 * on {@code array}, {@code array.internal}, {@code dist} and {@code comm}.
 */
package org.jdistarray.ops;

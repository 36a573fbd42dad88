/**
 * Random arrays: {@link org.jdistarray.random.Generator}, NumPy's {@code Generator(Philox(key=...))} for
 * distributed arrays, and {@link org.jdistarray.random.RandomArrays} (one-call forms). Element {@code i} of an array
 * (its global C-order index) is computed from Philox4x64-10 draws chosen by {@code i} alone, so the array is the same
 * bit for bit for any number of ranks and any layout; uniforms equal NumPy's. Algorithms, seed-to-key mapping and
 * what equals NumPy: core/README.md, "Random arrays".
 */
package org.jdistarray.random;

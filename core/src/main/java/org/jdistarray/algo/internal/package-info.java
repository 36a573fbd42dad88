/**
 * The BLAS binding of the distributed algorithms (JNA direct mapping of {@code cblas_dgemm}); not exported. JNA
 * types stay in this package.
 */
package org.jdistarray.algo.internal;

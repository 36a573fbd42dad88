/**
 * The JNA binding of the {@code jdist_tpetra} C++ shim (native-shims/tpetra): loading, direct-mapped entry points
 * and error checking. The only package of the bridge that uses JNA; not part of the API.
 */
package org.jdistarray.trilinos.internal;

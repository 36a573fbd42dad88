/**
 * What all native-library bridges share: {@link org.jdistarray.nativelib.NativeLibraryException}, the root of the
 * exceptions a bridge throws for errors reported by (or loading of) the library it drives.
 */
package org.jdistarray.nativelib;

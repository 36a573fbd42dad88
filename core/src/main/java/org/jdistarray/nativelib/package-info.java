/**
 * What all native-library bridges share: {@link org.jdistarray.nativelib.NativeLibraryException}, the root of the
 * exceptions a bridge throws for errors reported by (or loading of) the library it drives;
 * {@link org.jdistarray.nativelib.NativeHandle}, the ownership of one native object; and the one session lifecycle of
 * {@code MpiSession}, {@code PetscSession} and {@code TrilinosSession}: {@link org.jdistarray.nativelib.SessionSlot}
 * (per library: the lock and the open session) and {@link org.jdistarray.nativelib.SessionObjects} (per session: the
 * open-object registry, the leak counter, destroys deferred to the session's thread, the closed flag). Pure Java, no
 * JNA; depends on {@code org.jdistarray.protocol} (the exception root) only.
 */
package org.jdistarray.nativelib;

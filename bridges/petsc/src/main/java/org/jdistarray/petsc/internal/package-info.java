/**
 * Not API: PETSc through JNA direct mapping (the only package that imports {@code com.sun.jna}), error checking and
 * callbacks. The public classes in {@code org.jdistarray.petsc} validate every argument before calling in here.
 */
package org.jdistarray.petsc.internal;

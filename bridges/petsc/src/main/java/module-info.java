/** PETSc through JNA: zero-copy vectors on DistArray memory, AIJ and shell matrices, KSP solves. */
module org.jdistarray.petsc {
    requires transitive org.jdistarray.core;
    requires com.sun.jna;

    exports org.jdistarray.petsc;

    opens org.jdistarray.petsc.internal to com.sun.jna; // direct mapping, callbacks
}

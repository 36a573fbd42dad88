/** Tpetra, Belos and Ifpack2 through the jdist_tpetra shim (JNA): maps, zero-copy vectors, CRS matrices, solves. */
module org.jdistarray.trilinos {
    requires transitive org.jdistarray.core;
    requires com.sun.jna;

    exports org.jdistarray.trilinos;

    opens org.jdistarray.trilinos.internal to com.sun.jna; // direct mapping
}

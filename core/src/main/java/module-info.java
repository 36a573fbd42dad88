/**
 * JDistArray's core: communicators (threads and MPI through JNA), distributions, distributed arrays, native-handle
 * ownership, sparse assembly, solver results and parallel file I/O. The {@code *.internal} packages (native memory, the MPI binding)
 * are not exported; JNA reaches them reflectively (structures, direct mapping), so they are opened to it alone.
 */
module org.jdistarray.core {
    requires transitive org.jdistarray.protocol;
    requires com.sun.jna;
    requires io.jhdf; // HDF5 files (ArrayIO.loadHdf5/saveHdf5, the jHDF engine)
    // jHDF is an automatic module: its dependencies that are named modules resolve on a module path only if required
    requires org.slf4j;
    requires org.apache.commons.lang3;
    requires com.ning.compress.lzf;
    requires transitive org.apache.commons.rng.api; // Generator.toProvider() returns a UniformRandomProvider
    requires org.apache.commons.rng.core;
    requires transitive java.desktop; // Java2D and ImageIO for the pictures (Picture.image() is a BufferedImage)
    requires jdk.unsupported; // sun.misc.Unsafe for the address of a direct buffer (comm.internal.DirectAddress)

    exports org.jdistarray.array;
    exports org.jdistarray.algo;
    exports org.jdistarray.client;
    exports org.jdistarray.comm;
    exports org.jdistarray.comm.local;
    exports org.jdistarray.comm.mpi;
    exports org.jdistarray.dist;
    exports org.jdistarray.dist.numbering;
    exports org.jdistarray.io;
    exports org.jdistarray.nativelib;
    exports org.jdistarray.random;
    exports org.jdistarray.ops;
    exports org.jdistarray.plot;
    exports org.jdistarray.solve;
    exports org.jdistarray.sparse;

    opens org.jdistarray.algo.internal to com.sun.jna;
    opens org.jdistarray.array.internal to com.sun.jna;
    opens org.jdistarray.comm.mpi.internal to com.sun.jna;
    opens org.jdistarray.io.internal to com.sun.jna;
}

/** Benchmarks: JMH micro-benchmarks and the mpirun drivers. Built only with -Pbench. */
module org.jdistarray.bench {
    requires org.jdistarray.core;
    requires org.jdistarray.petsc;
    requires org.jdistarray.trilinos;
    requires jmh.core;

    exports org.jdistarray.bench; // the drivers' main classes, and the benchmarks JMH's generated code runs
    opens org.jdistarray.bench to jmh.core;
}

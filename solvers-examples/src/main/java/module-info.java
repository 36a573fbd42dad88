/** The {@code jdistarray} command-line tool and the runnable examples. */
module org.jdistarray.examples {
    requires org.jdistarray.core;
    requires org.jdistarray.petsc;
    requires org.jdistarray.trilinos;
    requires info.picocli;
    requires jdk.jshell; // jdistarray shell (ShellSession)

    exports org.jdistarray.examples;

    opens org.jdistarray.cli to info.picocli; // picocli reads and sets the annotated fields reflectively
}

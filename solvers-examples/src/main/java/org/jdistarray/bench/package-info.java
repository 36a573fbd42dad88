/** Multi-rank benchmark drivers ({@code main} classes run under mpirun), printing the shared baseline line format. */
package org.jdistarray.bench;

/**
 * N ranks as N threads of one JVM: {@link org.jdistarray.comm.local.ThreadCommunicator}, started with
 * {@link org.jdistarray.comm.local.LocalCluster#run}. The embedded default and the communicator of the fast tests.
 * Checks what MPI leaves undefined: mismatched or missing collectives fail on every rank with a message naming the
 * ranks and calls, and every wait is bounded by a timeout.
 */
package org.jdistarray.comm.local;

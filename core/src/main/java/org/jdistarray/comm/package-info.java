/**
 * Communicators: the small, MPI-shaped interface every distributed operation of JDistArray runs on.
 *
 * <p>{@link org.jdistarray.comm.Communicator} has rank/size, barrier, broadcast, (all-)reduce with
 * {@link org.jdistarray.comm.ReduceOp} and max/min-with-location, (all-)gather(v), scatter(v), all-to-all(v) with
 * per-peer counts and displacements, blocking and non-blocking point-to-point ({@link org.jdistarray.comm.Request}),
 * split, dup and Cartesian grids ({@link org.jdistarray.comm.CartCommunicator}). All data moves through direct,
 * native-order NIO buffers ({@link org.jdistarray.comm.DirectBuffers}); the buffer class is the element type
 * ({@link org.jdistarray.comm.ElementType}). Typed one-value helpers are in {@link org.jdistarray.comm.Collectives}.
 *
 * <p>Every method's Javadoc opens with <b>Collective.</b> or <b>Not collective.</b>. Errors are unchecked:
 * {@link org.jdistarray.comm.CommunicationException} and, for MPI error codes, {@link org.jdistarray.comm.MpiException}.
 * Implementations: {@link org.jdistarray.comm.local} (threads) and {@link org.jdistarray.comm.mpi} (MPI through JNA).
 */
package org.jdistarray.comm;

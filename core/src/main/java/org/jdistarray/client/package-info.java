/**
 * Client-engine mode (DistArray 0.5's contexts): a driver program (the client) holds proxies, the engines hold the
 * data and run its commands, and talk to each other directly. Start it with {@link org.jdistarray.client.Context#start}
 * under {@code mpirun -np N+1} (rank 0 is the client), with MPMD and {@link org.jdistarray.client.Engine}, or embedded
 * ({@link org.jdistarray.client.Context#embedded}: engines as threads). The generic call
 * ({@link org.jdistarray.client.Context#callArray} and friends) runs any whitelisted core method on the engines;
 * {@link org.jdistarray.client.Recipe}s build distributions and options there; user code runs on the engines through
 * {@link org.jdistarray.client.EngineFunction}s. Engine exceptions come back as
 * {@link org.jdistarray.client.EngineException}s.
 */
package org.jdistarray.client;

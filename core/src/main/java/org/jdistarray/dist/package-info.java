/**
 * Distributions: {@link org.jdistarray.dist.Distribution} binds a protocol
 * {@link org.jdistarray.protocol.GlobalLayout} (all index math) to a communicator, Tpetra-Map style, and
 * {@link org.jdistarray.dist.DistributionBuilder} makes one from typed per-axis choices.
 * {@link org.jdistarray.comm.CollectiveErrors} (in the communication package) turns a failure on some ranks into a
 * failure on every rank. Index numberings of distributions live in {@link org.jdistarray.dist.numbering}. May depend
 * on {@code comm} and {@code protocol}.
 */
package org.jdistarray.dist;

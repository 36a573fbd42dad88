/**
 * Distributions: {@link org.jdistarray.dist.Distribution} binds a protocol
 * {@link org.jdistarray.protocol.GlobalLayout} (all index math) to a communicator, Tpetra-Map style, and
 * {@link org.jdistarray.dist.DistributionBuilder} makes one from typed per-axis choices. A distribution spans every
 * rank, except a replicated one (0-d or every axis undistributed: every rank holds the whole array); a 0-d array can
 * also be held by one rank ({@link org.jdistarray.dist.DistributionBuilder#onRank}).
 * {@link org.jdistarray.comm.CollectiveErrors} (in the communication package) turns a failure on some ranks into a
 * failure on every rank. Index numberings of distributions live in {@link org.jdistarray.dist.numbering}. May depend
 * on {@code comm} and {@code protocol}.
 */
package org.jdistarray.dist;

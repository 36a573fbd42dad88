/**
 * The Distributed Array Protocol 0.10, in Java: the model of a protocol export ({@link
 * org.jdistarray.protocol.ArrayDescriptor}, {@link org.jdistarray.protocol.ProtocolExport}), the per-rank
 * dimension dictionaries and their 1-D index maps ({@link org.jdistarray.protocol.DimDistribution}), whole axes
 * over all ranks ({@link org.jdistarray.protocol.AxisDistribution}), N-d composition ({@link
 * org.jdistarray.protocol.NdMap}, {@link org.jdistarray.protocol.GlobalLayout}), default partitions and the grid
 * rule, the validator and the JSON and Python-literal codecs.
 *
 * <p>Process-local and pure: nothing here communicates. Block-cyclic ownership follows the round-robin-correct
 * rule (the partial last block belongs to rank {@code (size / blockSize) % gridSize}), deliberately unlike
 * DistArray 0.5 and the protocol's reference {@code utils.py}; see {@link org.jdistarray.protocol.BlockCyclic}.
 */
package org.jdistarray.protocol;

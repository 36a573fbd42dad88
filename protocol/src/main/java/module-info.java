/**
 * The Distributed Array Protocol 0.10: model, index maps, default partitions and grid rule, validator, codecs.
 * Pure Java; Jackson is transitive because {@code JsonCodec} and {@code ProtocolValidator} take and return its trees.
 */
module org.jdistarray.protocol {
    requires transitive com.fasterxml.jackson.databind;

    exports org.jdistarray.protocol;
}

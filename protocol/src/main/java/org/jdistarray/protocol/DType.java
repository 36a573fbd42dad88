package org.jdistarray.protocol;

import java.util.Locale;

/**
 * Element types of local buffers, with NumPy's array-interface type strings. Buffers are always native
 * (little-endian on every platform we support) byte order; a big-endian type string is rejected.
 */
public enum DType {
    FLOAT64("<f8", 8),
    FLOAT32("<f4", 4),
    INT64("<i8", 8),
    INT32("<i4", 4),
    INT16("<i2", 2),
    INT8("|i1", 1),
    UINT64("<u8", 8),
    UINT32("<u4", 4),
    UINT16("<u2", 2),
    UINT8("|u1", 1),
    BOOL("|b1", 1);

    private final String typeString;
    private final int itemSize;

    DType(String typeString, int itemSize) {
        this.typeString = typeString;
        this.itemSize = itemSize;
    }

    /** NumPy's type string, as in {@code numpy.dtype('float64').str}: {@code "<f8"}. */
    public String typeString() {
        return typeString;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** NumPy's name: {@code "float64"}, {@code "bool"}. */
    public String numpyName() {
        return this == BOOL ? "bool" : name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a NumPy type string ({@code "<f8"}, {@code "=i4"}, {@code "|u1"}, {@code "f8"}, {@code "?"}) or
     * name ({@code "float64"}, {@code "bool"}).
     *
     * @throws ProtocolException naming the text when it is not a supported type or not native byte order
     */
    public static DType parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new ProtocolException("dtype: empty type string");
        }
        String t = text.trim();
        for (DType d : values()) {
            if (d.numpyName().equals(t) || d.typeString.equals(t)) {
                return d;
            }
        }
        if (t.equals("?") || t.equals("b1")) {
            return BOOL;
        }
        char order = t.charAt(0);
        if (order == '>' || order == '!') {
            throw new ProtocolException("dtype '" + text + "': big-endian buffers are not supported (native order only)");
        }
        String body = (order == '<' || order == '=' || order == '|') ? t.substring(1) : t;
        for (DType d : values()) {
            if (d.typeString.substring(1).equals(body)) {
                return d;
            }
        }
        throw new ProtocolException("dtype '" + text + "': not a supported type (supported: "
                + java.util.Arrays.stream(values()).map(DType::typeString).toList() + ")");
    }
}

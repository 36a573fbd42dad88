package org.jdistarray.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.ProtocolException;
import org.jdistarray.protocol.PyLiteral;

/**
 * The header of a NumPy {@code .npy} file (NumPy's {@code numpy.lib.format}): the magic {@code \x93NUMPY}, the format
 * version, the header length (2 bytes little-endian in version 1.0, 4 bytes in 2.0 and 3.0), and a Python-literal dict
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }} padded with spaces and a newline so that the
 * data starts at a multiple of 64 bytes.
 *
 * <p>Reading accepts versions 1.0, 2.0 and 3.0 (UTF-8 header), little- and big-endian ({@code '>'}) element types of
 * the supported dtypes, C and Fortran order, trailing bytes after the data (as NumPy does). It rejects, with a message
 * naming the file and the problem: a wrong magic, an unknown version, a header longer than {@link #MAX_HEADER_BYTES}
 * or than the file, a dict that is not exactly these three keys, an unsupported dtype (structured, complex, string,
 * object), negative extents, a size that overflows, and data shorter than the header says. Nothing is allocated from
 * a length field before it was checked against the file's size.
 *
 * <p>Writing gives version 1.0 when the header fits its 16-bit length, 2.0 otherwise (3.0 is never needed: our
 * headers are ASCII), little-endian, C order.
 *
 * @param dtype element type (in native byte order once read)
 * @param bigEndian whether the file stores elements big-endian ({@code '>'} in {@code descr})
 * @param fortranOrder whether the file stores the array in Fortran (column-major) order
 * @param shape the global shape
 * @param major format major version (1, 2 or 3)
 * @param minor format minor version (0)
 * @param dataOffset byte offset of the first element in the file
 */
public record NpyHeader(DType dtype, boolean bigEndian, boolean fortranOrder, long[] shape, int major, int minor,
        long dataOffset) {
    /** The 6 magic bytes {@code \x93NUMPY}. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Largest header dict read (NumPy refuses more than 10000 bytes by default; we allow more, but bounded). */
    public static final int MAX_HEADER_BYTES = 1 << 20;
    private static final int ALIGN = 64;
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    /** Copies {@code shape}. */
    public NpyHeader {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** <b>Not collective.</b> Number of elements (the product of the shape; 1 for 0-d). */
    public long elementCount() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    /** <b>Not collective.</b> Bytes of element data. */
    public long dataBytes() {
        return elementCount() * dtype.itemSize();
    }

    /** <b>Not collective.</b> NumPy's {@code descr} string of the file: {@code '<f8'}, {@code '>i4'}, {@code '|b1'}. */
    public String descr() {
        String s = dtype.typeString();
        return bigEndian && s.charAt(0) == '<' ? ">" + s.substring(1) : s;
    }

    /** <b>Not collective.</b> The format version as NumPy writes it: {@code "1.0"}. */
    public String version() {
        return major + "." + minor;
    }

    /**
     * <b>Not collective.</b> The header of a new C-order, little-endian file: preamble, dict, padding and newline,
     * {@code length % 64 == 0}.
     */
    public static byte[] encode(DType dtype, long[] shape) {
        StringBuilder sh = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sh.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        sh.append(shape.length == 1 ? ",)" : ")");
        String dict = "{'descr': '" + dtype.typeString() + "', 'fortran_order': False, 'shape': " + sh + ", }";
        int major = dict.length() + 1 + 10 <= 0xffff ? 1 : 2;
        int pre = major == 1 ? 10 : 12;
        int total = ((pre + dict.length() + 1 + ALIGN - 1) / ALIGN) * ALIGN;
        int headerLen = total - pre;
        String padded = dict + " ".repeat(headerLen - dict.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) headerLen);
        } else {
            b.putInt(headerLen);
        }
        b.put(padded.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /**
     * <b>Not collective.</b> Reads and checks the header of an open file at {@code base} (0 for a {@code .npy}
     * file, the end of the {@code .dnpy} header for an embedded stream).
     *
     * @param name the file's name, for messages
     * @throws ArrayFileException naming the file and the problem
     */
    public static NpyHeader read(FileChannel ch, long base, String name) {
        try {
            long size = ch.size();
            ByteBuffer pre = readFully(ch, base, (int) Math.min(12, Math.max(0, size - base)));
            int headerLen = headerLength(pre, size - base, name);
            int preLen = pre.get(6) == 1 ? 10 : 12;
            ByteBuffer text = readFully(ch, base + preLen, headerLen);
            NpyHeader h = parseDict(text, pre.get(6), pre.get(7), base + preLen + headerLen, name);
            long end = h.dataOffset + h.dataBytes();
            if (end > size) {
                throw new ArrayFileException(name + ": truncated: the header says " + h.dataBytes() + " bytes of "
                        + h.descr() + " data of shape " + shapeString(h.shape) + ", but the file has only "
                        + Math.max(0, size - h.dataOffset) + " bytes after the header");
            }
            return h;
        } catch (IOException e) {
            throw new ArrayFileException(name + ": " + e, e);
        }
    }

    /**
     * <b>Not collective.</b> Parses a header held in memory ({@code bytes} from the file's start, {@code fileSize}
     * the whole file's length): what {@link #read} does, for tests and the fuzzer.
     */
    public static NpyHeader parse(byte[] bytes, long fileSize, String name) {
        ByteBuffer all = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer pre = all.duplicate().limit(Math.min(12, bytes.length)).slice().order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = headerLength(pre, fileSize, name);
        int preLen = pre.get(6) == 1 ? 10 : 12;
        if (preLen + (long) headerLen > bytes.length) {
            throw new ArrayFileException(name + ": the header length " + headerLen + " reaches past the bytes given");
        }
        ByteBuffer text = all.duplicate().position(preLen).limit(preLen + headerLen).slice();
        return parseDict(text, pre.get(6), pre.get(7), preLen + headerLen, name);
    }

    private static int headerLength(ByteBuffer pre, long available, String name) {
        if (pre.limit() < 10) {
            throw new ArrayFileException(name + ": not a .npy file: " + pre.limit() + " bytes, shorter than the"
                    + " 10-byte preamble");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (pre.get(i) != MAGIC[i]) {
                throw new ArrayFileException(name + ": not a .npy file: the magic string \\x93NUMPY is missing");
            }
        }
        int major = pre.get(6);
        int minor = pre.get(7);
        if (major < 1 || major > 3 || minor != 0) {
            throw new ArrayFileException(name + ": unsupported .npy format version " + (major & 0xff) + "."
                    + (minor & 0xff) + " (supported: 1.0, 2.0, 3.0)");
        }
        long len;
        int preLen;
        if (major == 1) {
            len = pre.order(ByteOrder.LITTLE_ENDIAN).getShort(8) & 0xffff;
            preLen = 10;
        } else {
            if (pre.limit() < 12) {
                throw new ArrayFileException(name + ": truncated in the 12-byte preamble of format " + major + ".0");
            }
            len = pre.order(ByteOrder.LITTLE_ENDIAN).getInt(8) & 0xffffffffL;
            preLen = 12;
        }
        if (len > MAX_HEADER_BYTES) {
            throw new ArrayFileException(name + ": the header length field says " + len + " bytes, more than the "
                    + MAX_HEADER_BYTES + " read (a corrupt or forged header)");
        }
        if (preLen + len > available) {
            throw new ArrayFileException(name + ": the header length field says " + len + " bytes, but the file has"
                    + " only " + Math.max(0, available - preLen) + " bytes after the preamble (truncated or corrupt)");
        }
        return (int) len;
    }

    private static NpyHeader parseDict(ByteBuffer text, int major, int minor, long dataOffset, String name) {
        byte[] raw = new byte[text.remaining()];
        text.duplicate().get(raw);
        String s = new String(raw, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Object parsed;
        try {
            parsed = PyLiteral.parse(s);
        } catch (ProtocolException e) {
            throw new ArrayFileException(name + ": corrupt .npy header: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> dict) || !dict.keySet().equals(KEYS)) {
            throw new ArrayFileException(name + ": corrupt .npy header: expected a dict with the keys descr,"
                    + " fortran_order and shape, got " + abbreviate(s.strip()));
        }
        Object descr = dict.get("descr");
        Object fortran = dict.get("fortran_order");
        Object shapeObj = dict.get("shape");
        if (!(descr instanceof String d)) {
            throw new ArrayFileException(name + ": unsupported dtype " + abbreviate(PyLiteral.write(descr))
                    + " (structured dtypes are not supported; supported: " + supported() + ")");
        }
        if (!(fortran instanceof Boolean f)) {
            throw new ArrayFileException(name + ": corrupt .npy header: fortran_order must be True or False, got "
                    + abbreviate(PyLiteral.write(fortran)));
        }
        if (!(shapeObj instanceof PyLiteral.Tuple t)) {
            throw new ArrayFileException(name + ": corrupt .npy header: shape must be a tuple, got "
                    + abbreviate(PyLiteral.write(shapeObj)));
        }
        boolean big = d.startsWith(">") || d.startsWith("!");
        DType dtype;
        try {
            dtype = DType.parse(big ? "<" + d.substring(1) : d);
        } catch (ProtocolException e) {
            throw new ArrayFileException(name + ": unsupported dtype '" + abbreviate(d) + "' (supported: "
                    + supported() + ")");
        }
        if (big && dtype.itemSize() == 1) {
            big = false;
        }
        long[] shape = shape(t.items(), name);
        long bytes = dtype.itemSize();
        for (long e : shape) {
            if (e != 0 && bytes > Long.MAX_VALUE / e) {
                throw new ArrayFileException(name + ": the shape " + shapeString(shape) + " of " + d
                        + " overflows 2^63 bytes (a corrupt or forged header)");
            }
            bytes *= e;
        }
        return new NpyHeader(dtype, big, f, shape, major, minor, dataOffset);
    }

    private static long[] shape(List<Object> items, String name) {
        long[] shape = new long[items.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(items.get(i) instanceof Long v) || v < 0) {
                throw new ArrayFileException(name + ": corrupt .npy header: shape entry " + i + " is "
                        + abbreviate(PyLiteral.write(items.get(i))) + ", not a non-negative integer");
            }
            shape[i] = v;
        }
        return shape;
    }

    private static String supported() {
        Map<String, String> m = new LinkedHashMap<>();
        for (DType t : DType.values()) {
            m.put(t.typeString(), t.numpyName());
        }
        return String.join(", ", m.keySet()) + ", and their '>' forms";
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    /** <b>Not collective.</b> NumPy's shape string: {@code (3, 4)}, {@code (5,)}, {@code ()}. */
    public static String shapeString(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }

    static ByteBuffer readFully(FileChannel ch, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            int k = ch.read(b, pos + b.position());
            if (k < 0) {
                throw new IOException("unexpected end of file at byte " + (pos + b.position()));
            }
        }
        return b.flip();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && h.dtype == dtype && h.bigEndian == bigEndian
                && h.fortranOrder == fortranOrder && Arrays.equals(h.shape, shape) && h.major == major
                && h.minor == minor && h.dataOffset == dataOffset;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + dtype.hashCode();
    }

    @Override
    public String toString() {
        return "NpyHeader[" + version() + ", " + descr() + ", " + (fortranOrder ? "Fortran" : "C") + " order, shape "
                + shapeString(shape) + ", data at " + dataOffset + "]";
    }
}

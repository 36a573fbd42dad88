package org.jdistarray.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.Undistributed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded fuzz of the header parsers (fixed seeds, a few thousand cases, well under a second): mutated
 * {@code .npy} headers (flipped, inserted and deleted bytes, truncations, forged length fields and shapes) and
 * mutated {@code .dnpy} files either parse into a header consistent with the bytes or fail with an
 * {@link ArrayFileException}; never another exception, never an allocation beyond the bytes given.
 */
class HeaderFuzzTest {
    private static final int CASES = 3000;

    @TempDir
    Path dir;

    @Test
    void encodeParsesBack() {
        for (DType t : DType.values()) {
            for (long[] shape : List.of(new long[0], new long[] {5}, new long[] {3, 0, 7}, new long[] {1L << 40, 2})) {
                byte[] h = NpyHeader.encode(t, shape);
                assertEquals(0, h.length % 64);
                NpyHeader p = NpyHeader.parse(h, h.length + (shape.length == 4 ? 0 : Long.MAX_VALUE / 2), "x");
                assertEquals(t, p.dtype());
                assertTrue(Arrays.equals(shape, p.shape()));
                assertEquals(h.length, p.dataOffset());
            }
        }
        long[] many = new long[30000];
        Arrays.fill(many, 1);
        byte[] big = NpyHeader.encode(DType.FLOAT64, many);
        assertEquals(2, big[6], "a header over 64 KiB is format 2.0");
        assertEquals(30000, NpyHeader.parse(big, big.length + 8, "x").shape().length);
    }

    @Test
    void mutatedNpyHeaders() {
        SplittableRandom rnd = new SplittableRandom(18);
        byte[] seed = NpyHeader.encode(DType.FLOAT64, new long[] {6, 4});
        int parsed = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] b = mutate(seed, rnd);
            long fileSize = rnd.nextInt(4) == 0 ? rnd.nextLong(Long.MAX_VALUE) : b.length + rnd.nextInt(256);
            try {
                NpyHeader h = NpyHeader.parse(b, fileSize, "fuzz");
                assertTrue(h.dataOffset() <= b.length, "data offset inside the bytes");
                assertTrue(h.elementCount() >= 0);
                parsed++;
            } catch (ArrayFileException expected) {
                assertTrue(expected.getMessage().startsWith("fuzz: "), expected.getMessage());
            } catch (RuntimeException e) {
                fail("case " + i + ": " + e + " for " + new String(b, StandardCharsets.ISO_8859_1), e);
            }
        }
        assertTrue(parsed > 0 && parsed < CASES, "the fuzz reaches both outcomes: " + parsed);
    }

    @Test
    void mutatedDnpyFiles() throws Exception {
        SplittableRandom rnd = new SplittableRandom(180);
        String dict = org.jdistarray.protocol.DnpyHeader.write("0.10.0", List.of(new Undistributed(3)));
        byte[] d = org.jdistarray.protocol.DnpyHeader.encodePadded(dict);
        byte[] npy = NpyHeader.encode(DType.FLOAT64, new long[] {3});
        byte[] seed = new byte[10 + d.length + npy.length + 24];
        System.arraycopy(DnpyFiles.MAGIC, 0, seed, 0, 6);
        seed[6] = 1;
        seed[8] = (byte) d.length;
        seed[9] = (byte) (d.length >> 8);
        System.arraycopy(d, 0, seed, 10, d.length);
        System.arraycopy(npy, 0, seed, 10 + d.length, npy.length);
        Path f = dir.resolve("fuzz_0.dnpy");
        Files.write(f, seed);
        assertEquals(3, DnpyFiles.readHeader(f).dimData().get(0).size()); // written as DistArray does: a block of one
        for (int i = 0; i < CASES / 15; i++) {
            byte[] b = mutate(seed, rnd);
            Files.write(f, b);
            try {
                DnpyFiles.readHeader(f);
            } catch (ArrayFileException expected) {
                assertTrue(expected.getMessage().startsWith(f.toString()), expected.getMessage());
            } catch (RuntimeException e) {
                fail("case " + i + ": " + e + " for " + new String(b, StandardCharsets.ISO_8859_1), e);
            }
        }
    }

    private static byte[] mutate(byte[] seed, SplittableRandom rnd) {
        byte[] b = seed.clone();
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            switch (rnd.nextInt(7)) {
                case 0 -> {
                    if (b.length > 0) {
                        b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                    }
                }
                case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
                case 2 -> { // forged length field
                    if (b.length > 11) {
                        b[8 + rnd.nextInt(4)] = (byte) rnd.nextInt(256);
                    }
                }
                case 3 -> b = replace(b, "(6, 4)", List.of("(-1, 4)", "(99999999999999999999,)", "(6, 4.0)",
                        "(4611686018427387904, 4)", "[6, 4]", "(6, 4, (1,))", "()").get(rnd.nextInt(7)));
                case 4 -> b = replace(b, "'<f8'", List.of("'>f8'", "'<c16'", "[('a', '<f8')]", "'O'", "None", "'<U3'",
                        "'|b1'", "'<i2'").get(rnd.nextInt(8)));
                case 5 -> b = replace(b, "False", List.of("True", "0", "'no'", "None").get(rnd.nextInt(4)));
                default -> { // insert or delete a byte
                    int p = rnd.nextInt(Math.max(1, b.length));
                    byte[] c = new byte[b.length + (rnd.nextBoolean() || b.length == 0 ? 1 : -1)];
                    if (c.length > b.length) {
                        System.arraycopy(b, 0, c, 0, p);
                        c[p] = (byte) rnd.nextInt(256);
                        System.arraycopy(b, p, c, p + 1, b.length - p);
                    } else if (c.length >= 0 && b.length > 0) {
                        System.arraycopy(b, 0, c, 0, p);
                        System.arraycopy(b, p + 1, c, p, b.length - p - 1);
                    }
                    b = c.length >= 0 ? c : b;
                }
            }
        }
        return b;
    }

    private static byte[] replace(byte[] b, String from, String to) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        return s.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }
}

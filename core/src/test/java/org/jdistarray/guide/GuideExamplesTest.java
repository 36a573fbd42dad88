package org.jdistarray.guide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jdistarray.comm.local.LocalCluster;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The user guide of core/README.md: every example of {@link GuideExamples} runs on 1, 2, 3, 4 and 7 thread ranks
 * (uneven and empty blocks) with the answers of a serial loop, a closed form or NumPy; and the page shows each one
 * verbatim in a {@code java} block whose imports are exactly the classes it uses, each of them existing.
 */
class GuideExamplesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final List<String> AREAS = List.of("elementwise", "reductions", "indexing", "redistribution", "random",
            "io");

    @Nested
    @ParameterizedClass(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    class OnRanks {
        @Parameter
        int ranks;

        @TempDir
        Path dir;

        private List<Object[]> run(LocalCluster.RankFunction<Object[]> f) {
            return LocalCluster.call(ranks, TIMEOUT, f);
        }

        @Test
        void elementwise() {
            List<Object[]> out = run(GuideExamples::elementwise);
            double[] clipped = (double[]) out.get(0)[0];
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals(Math.min(4.0, Math.max(0.0, i - j + 3.0)), clipped[i * 4 + j], i + ", " + j);
                }
            }
            for (int r = 0; r < ranks; r++) {
                Object[] o = out.get(r);
                assertEquals(Math.sqrt(8.0 * 8.0 + 1), (double) o[1], 1e-15);
                assertEquals(16.0, (double) o[2]);
                assertEquals("float64", o[3]);
                if (r > 0) {
                    assertNull(o[0]);
                }
            }
        }

        @Test
        void reductions() {
            double[] a = new double[15];
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 3; j++) {
                    a[i * 3 + j] = (i - 2) * (i - 2) * 3 + j;
                }
            }
            double sum = 0;
            for (double x : a) {
                sum += x;
            }
            for (Object[] o : run(GuideExamples::reductions)) {
                assertEquals(sum, (double) o[0]);
                assertEquals(2L, (long) o[3], "the first maximum: (0, 2) and (4, 2) hold 14; flat index 2");
            }
            Object[] o = run(GuideExamples::reductions).get(0);
            assertArrayEquals(new double[] {12, 13, 14}, (double[]) o[1]);
            assertArrayEquals(new double[] {1, 1, 1, 1, 1}, (double[]) o[2], 1e-12); // the rows are c, c+1, c+2
        }

        @Test
        void indexing() {
            Object[] o = run(GuideExamples::indexing).get(0);
            double[] want = new double[20];
            List<Double> picked = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 5; j++) {
                    double v = 5 * i + j;
                    if (i >= 1 && j % 2 == 0) {
                        v = -1;
                    }
                    if (j == 1) {
                        v = 7;
                    }
                    want[i * 5 + j] = v;
                    if (v > 10) {
                        picked.add(v);
                    }
                }
            }
            assertArrayEquals(want, (double[]) o[0]);
            assertArrayEquals(picked.stream().mapToDouble(Double::doubleValue).toArray(), (double[]) o[1]);
        }

        @Test
        void redistribution() {
            List<Object[]> out = run(GuideExamples::redistribution);
            double[] a = new double[48];
            double[] t = new double[48];
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 8; j++) {
                    a[i * 8 + j] = 8 * i + j;
                    t[j * 6 + i] = 8 * i + j;
                }
            }
            assertArrayEquals(a, (double[]) out.get(0)[0]);
            assertArrayEquals(t, (double[]) out.get(0)[1]);
            long columns = 0;
            for (Object[] o : out) {
                long[] block = (long[]) o[2];
                assertEquals(6, block[0], "axis 0 is whole on every rank");
                columns += block[1];
                assertTrue(((String) o[3]).startsWith("Redistribution (") && ((String) o[3]).contains("-> (6, 8) grid"), (String) o[3]);
            }
            assertEquals(8, columns, "the column blocks cover the 8 columns once");
        }

        @Test
        void random() {
            // numpy 1.24: g = Generator(Philox(key=1234)); u = g.random(1000): u[0], u[-1], u.mean()
            for (Object[] o : run(GuideExamples::random)) {
                assertEquals(0.3347236812982095, (double) o[0]);
                assertEquals(0.5679104525761941, (double) o[1]);
                assertEquals(0.5074926355154395, (double) o[2], 1e-12);
            }
            double[] z = (double[]) run(GuideExamples::random).get(0)[3];
            double[] z1 = (double[]) LocalCluster.call(1, TIMEOUT, GuideExamples::random).get(0)[3];
            assertArrayEquals(z1, z, "the same normals for any rank count");
            double m = 0;
            for (double x : z) {
                m += x / z.length;
            }
            assertTrue(Math.abs(m - 10.0) < 0.3, "mean of N(10, 2) over 1000 draws: " + m);
        }

        @Test
        void io() {
            Object[] o = LocalCluster.call(ranks, TIMEOUT, comm -> GuideExamples.io(comm, dir)).get(0);
            long[] want = new long[30];
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 5; j++) {
                    want[i * 5 + j] = 10 * i + j;
                }
            }
            assertArrayEquals(want, (long[]) o[0]);
            assertArrayEquals(want, (long[]) o[1]);
            assertEquals("<i4", o[2]);
        }
    }

    /** The example's code between its markers, dedented by the method body's 8 spaces. */
    static String body(String src, String area) {
        int from = src.indexOf("// --- " + area + " start ---");
        int to = src.indexOf("// --- " + area + " end ---");
        assertTrue(from >= 0 && to > from, "GuideExamples lacks the markers of " + area);
        List<String> lines = new ArrayList<>(src.substring(src.indexOf('\n', from) + 1, to).lines().toList());
        lines.remove(lines.size() - 1);                 // the indentation before the end marker
        return String.join("\n", lines.stream().map(l -> l.length() >= 8 ? l.substring(8) : l.strip()).toList());
    }

    @Test
    void pageShowsEveryExampleWithExactlyTheImportsItUses() throws IOException {
        String src = Files.readString(Path.of("src/test/java/org/jdistarray/guide/GuideExamples.java"));
        String page = Files.readString(Path.of("README.md"));
        for (String area : AREAS) {
            String body = body(src, area);
            int at = page.indexOf("\n" + body + "\n```");
            assertTrue(at >= 0, "core/README.md must show GuideExamples' " + area + " example verbatim:\n" + body);
            int open = page.lastIndexOf("```java\n", at);
            List<String> head = page.substring(open + "```java\n".length(), at + 1).lines().toList();
            Set<String> imported = new TreeSet<>();
            for (String l : head) {
                if (l.isBlank()) {
                    continue;
                }
                assertTrue(l.startsWith("import ") && l.endsWith(";"), area + ": only imports before the code: " + l);
                String name = l.substring("import ".length(), l.length() - 1);
                assertTrue(exists(name), area + " imports " + name + ", which does not exist");
                imported.add(name.substring(name.lastIndexOf('.') + 1));
            }
            Set<String> used = new TreeSet<>();
            Matcher m = Pattern.compile("\\b[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*\\b").matcher(body.replaceAll("//.*", ""));
            while (m.find()) {
                if (!exists("java.lang." + m.group())) {
                    used.add(m.group());
                }
            }
            assertEquals(used, imported, area + ": the block must import exactly the classes its code uses");
        }
    }

    private static boolean exists(String name) {
        try {
            Class.forName(name, false, GuideExamplesTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}

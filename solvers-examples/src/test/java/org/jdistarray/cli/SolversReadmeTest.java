package org.jdistarray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * solvers-examples/README.md cannot rot: every {@code Class.method} the guide's tables name on JDistArray's side is a
 * public method of an existing class, every example command names a class with a {@code main}, and the dependency
 * snippet names this build's coordinates.
 */
class SolversReadmeTest {
    private static final String[] PACKAGES = {"org.jdistarray.array", "org.jdistarray.dist", "org.jdistarray.ops",
        "org.jdistarray.io", "org.jdistarray.random", "org.jdistarray.plot", "org.jdistarray.comm",
        "org.jdistarray.comm.mpi", "org.jdistarray.comm.local", "org.jdistarray.protocol", "org.jdistarray.sparse",
        "org.jdistarray.solve", "org.jdistarray.dist.numbering", "org.jdistarray.petsc", "org.jdistarray.trilinos"};
    private static final Pattern CALL = Pattern.compile("`([A-Z][A-Za-z0-9]*)\\.([a-z][A-Za-z0-9]*)");

    private static String readme() throws Exception {
        return Files.readString(Path.of("README.md"));
    }

    private static String section(String doc, String heading) {
        int at = doc.indexOf("\n## " + heading);
        assertTrue(at >= 0, "README.md lacks the section " + heading);
        int end = doc.indexOf("\n## ", at + 4);
        return doc.substring(at, end < 0 ? doc.length() : end);
    }

    private static Class<?> find(String simple) {
        for (String p : PACKAGES) {
            try {
                return Class.forName(p + "." + simple, false, SolversReadmeTest.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                // try the next package
            }
        }
        return null;
    }

    @Test
    void everyJavaCallInTheUserTablesExists() throws Exception {
        String doc = readme();
        List<String> checked = new ArrayList<>();
        for (String heading : new String[] {"For DistArray users", "For petsc4py users"}) {
            for (String row : section(doc, heading).lines().filter(l -> l.startsWith("| ")).toList()) {
                String[] cells = row.split("\\|");
                if (cells.length < 3 || cells[2].contains("---")) {
                    continue;
                }
                Matcher m = CALL.matcher(cells[2]);
                while (m.find()) {
                    Class<?> c = find(m.group(1));
                    if (c == null) {
                        continue; // a Python name quoted on our side (none expected) is caught below by the count
                    }
                    String name = m.group(2);
                    boolean exists = Arrays.stream(c.getMethods()).map(Method::getName).anyMatch(name::equals);
                    assertTrue(exists, heading + ": " + c.getName() + " has no public method " + name + " (row: "
                            + row + ")");
                    checked.add(c.getSimpleName() + "." + name);
                }
            }
        }
        assertTrue(checked.size() > 60, "the tables name " + checked.size() + " calls: " + checked);
    }

    @Test
    void everyExampleCommandNamesARunnableClass() throws Exception {
        Matcher m = Pattern.compile("org\\.jdistarray\\.examples\\.([A-Za-z]+)").matcher(section(readme(), "Examples"));
        int n = 0;
        while (m.find()) {
            Class<?> c = Class.forName(m.group(0));
            Method main = c.getMethod("main", String[].class);
            assertTrue(Modifier.isStatic(main.getModifiers()), c + ".main is static");
            n++;
        }
        assertTrue(n >= 2, "example commands found: " + n);
    }

    @Test
    void theDependencySnippetNamesThisBuild() throws Exception {
        String parent = Files.readString(Path.of("../pom.xml"));
        Matcher v = Pattern.compile("<artifactId>jdistarray-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(parent);
        assertTrue(v.find(), "the parent's version");
        String snippet = section(readme(), "Using JDistArray from your own project");
        Matcher dep = Pattern.compile("<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*"
                + "<version>([^<]+)</version>").matcher(snippet);
        int n = 0;
        while (dep.find()) {
            assertEquals("org.jdistarray", dep.group(1));
            assertEquals(v.group(1), dep.group(3), dep.group(2));
            String module = switch (dep.group(2)) {
                case "jdistarray-core" -> "../core/pom.xml";
                case "jdistarray-petsc" -> "../bridges/petsc/pom.xml";
                case "jdistarray-trilinos" -> "../bridges/trilinos/pom.xml";
                default -> throw new AssertionError("unknown artifact " + dep.group(2));
            };
            assertTrue(Files.readString(Path.of(module)).contains("<artifactId>" + dep.group(2) + "</artifactId>"));
            n++;
        }
        assertEquals(3, n);
    }
}

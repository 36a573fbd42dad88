package org.jdistarray.examples;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A module path made from the test JVM's class path: our main modules (class folders or jars, never test ones) and
 * the libraries they require (JNA, Jackson, picocli, jHDF and its own), nothing else, so that nothing from the tests leaks in.
 */
public final class ModulePath {
    private static final Pattern MODULE = Pattern.compile(".*/target/classes|.*/jdistarray-[a-z-]+-[0-9][^/]*(?<!-tests)\\.jar"
            + "|.*/(jna|jackson-core|jackson-databind|jackson-annotations|picocli|commons-rng-core|commons-rng-client-api"
            + "|jhdf|slf4j-api|slf4j-nop|commons-lang3|compress-lzf|lz4-java)-[0-9][^/]*\\.jar");

    private ModulePath() {
    }

    /** The module path, for {@code java --module-path}. */
    public static String fromTestClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = Arrays.stream(cp.split(File.pathSeparator)).filter(e -> MODULE.matcher(e).matches())
                .toList();
        if (entries.stream().noneMatch(e -> e.contains("solvers-examples"))) {
            throw new AssertionError("no examples module in the class path " + cp);
        }
        return String.join(File.pathSeparator, entries);
    }
}

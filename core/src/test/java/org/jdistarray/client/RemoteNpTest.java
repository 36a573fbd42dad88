package org.jdistarray.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jdistarray.array.DistArray;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.DistributionBuilder;
import org.jdistarray.dist.Redistribution;
import org.jdistarray.ops.Np;
import org.junit.jupiter.api.Test;

/**
 * The client twins are complete and current: every public static method of {@link Np} (with its superclasses) has a
 * {@link RemoteNp} method of the same name and parameters (DistArray as RemoteArray), every public DistArray instance
 * method a {@link RemoteArrayOps} one, every {@link DistributionBuilder} step a {@link RemoteLayout} one, unless listed
 * with a reason; and the generated sources are what the generators write now (a new Np or DistArray method fails
 * here until the generator is run, see {@link RemoteNpGenerator}).
 */
class RemoteNpTest {
    /** The client parameter type of a core parameter type. */
    private static Class<?> client(Class<?> t) {
        if (t == DistArray.class) {
            return RemoteArray.class;
        }
        if (t == DistArray[].class) {
            return RemoteArray[].class;
        }
        return t;
    }

    private static Class<?>[] client(Class<?>[] ts) {
        Class<?>[] out = new Class<?>[ts.length];
        for (int i = 0; i < ts.length; i++) {
            out[i] = client(ts[i]);
        }
        return out;
    }

    @Test
    void everyNpMethodHasATwin() {
        List<String> missing = new ArrayList<>();
        int twins = 0;
        for (Method m : Np.class.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers()) || RemoteNpGenerator.EXCLUDED.containsKey(m.getName())) {
                continue;
            }
            try {
                Method t = RemoteNp.class.getMethod(m.getName(), client(m.getParameterTypes()));
                assertTrue(!Modifier.isStatic(t.getModifiers()), t.toString());
                Class<?> r = m.getReturnType();
                Class<?> expected = r == DistArray.class ? RemoteArray.class : r == DistArray[].class ? RemoteArray[].class
                        : r.isPrimitive() || r == String.class ? r : RemoteObject.class;
                assertEquals(expected, t.getReturnType(), t.toString());
                twins++;
            } catch (NoSuchMethodException e) {
                missing.add(RemoteNpGenerator.key(m));
            }
        }
        assertEquals(List.of(), missing, "Np methods without a RemoteNp twin (run RemoteNpGenerator)");
        assertTrue(twins > 300, "twins: " + twins);
        for (String excluded : RemoteNpGenerator.EXCLUDED.keySet()) {
            assertTrue(List.of(Np.class.getMethods()).stream().anyMatch(m -> m.getName().equals(excluded)),
                    "excluded " + excluded + " is no longer an Np method");
        }
    }

    @Test
    void everyDistArrayMethodHasATwin() {
        List<String> missing = new ArrayList<>();
        for (Method m : DistArray.class.getMethods()) {
            if (!RemoteArrayOpsGenerator.twinned(m)) {
                continue;
            }
            Class<?>[] pt = client(m.getParameterTypes());
            for (int i = 0; i < pt.length; i++) {
                if (pt[i] == Distribution.class) {
                    pt[i] = Recipe.class;
                } else if (pt[i] == Redistribution.class) {
                    pt[i] = RemoteObject.class;
                }
            }
            try {
                assertNotNull(RemoteArrayOps.class.getMethod(m.getName(), pt));
            } catch (NoSuchMethodException e) {
                missing.add(RemoteNpGenerator.key(m));
            }
        }
        assertEquals(List.of(), missing, "DistArray methods without a RemoteArrayOps twin (run RemoteArrayOpsGenerator)");
    }

    @Test
    void everyBuilderStepHasARemoteLayoutStep() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Method m : DistributionBuilder.class.getMethods()) {
            if (m.getDeclaringClass() != DistributionBuilder.class || Modifier.isStatic(m.getModifiers())
                    || m.getName().equals("build") || m.getName().equals("shape")) {
                continue; // build() is RemoteLayout.recipe(); shape() is RemoteLayout.of(shape)
            }
            try {
                RemoteLayout.class.getMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException e) {
                missing.add(RemoteNpGenerator.key(m));
            }
        }
        assertEquals(List.of(), missing, "DistributionBuilder steps without a RemoteLayout step");
        assertEquals("Distribution.builder(ENGINE_COMM).shape([8, 10]).cyclic(0, 2).undistributed(1).build()",
                RemoteLayout.of(8, 10).cyclic(0, 2).undistributed(1).recipe().toString());
    }

    @Test
    void generatedSourcesAreCurrent() throws Exception {
        Path np = Path.of("src/main/java/org/jdistarray/client/RemoteNp.java");
        Path ops = Path.of("src/main/java/org/jdistarray/client/RemoteArrayOps.java");
        assertEquals(RemoteNpGenerator.generate(RemoteNpGenerator.sourceDir()), Files.readString(np, StandardCharsets.UTF_8),
                "RemoteNp.java is not what RemoteNpGenerator writes: run it (see its Javadoc)");
        assertEquals(RemoteArrayOpsGenerator.generate(RemoteArrayOpsGenerator.arraySourceDir()),
                Files.readString(ops, StandardCharsets.UTF_8),
                "RemoteArrayOps.java is not what RemoteArrayOpsGenerator writes: run it (see its Javadoc)");
    }
}

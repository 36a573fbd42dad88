package org.jdistarray.client;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/** How the client names an engine function so that every engine finds the same one (no code is shipped). */
final class FunctionRefs {
    private FunctionRefs() {
    }

    /** {class name, field or null} of a function that every engine can find. */
    static String[] reference(EngineFunction f) {
        if (f == null) {
            throw new IllegalArgumentException("the engine function is null");
        }
        Class<?> c = f.getClass();
        if (!c.isHidden() && !c.isSynthetic() && !c.isAnonymousClass() && !c.isLocalClass()
                && Modifier.isPublic(c.getModifiers())) {
            try {
                c.getConstructor();
                return new String[] {c.getName(), null};
            } catch (NoSuchMethodException e) {
                // look for a static field below
            }
        }
        Class<?> host = c.getNestHost();
        for (Class<?> k = host; k != null; k = k.getSuperclass()) {
            for (Field fd : k.getDeclaredFields()) {
                if (Modifier.isStatic(fd.getModifiers()) && EngineFunction.class.isAssignableFrom(fd.getType())) {
                    try {
                        fd.setAccessible(true);
                        if (fd.get(null) == f) {
                            return new String[] {k.getName(), fd.getName()};
                        }
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        // not readable: keep looking
                    }
                }
            }
        }
        throw new IllegalArgumentException("cannot find the engine function " + c.getName() + " on the engines: no code"
                + " is shipped, so use a public class with a public no-argument constructor, or keep the lambda in a"
                + " static field of " + host.getName() + " (static final EngineFunction F = (scope, args) -> ...)");
    }

}

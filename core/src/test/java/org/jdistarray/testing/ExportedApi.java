package org.jdistarray.testing;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The public API of a module as its {@code module-info} exports it, read from a compiled classes folder, and the
 * places where that API names a forbidden type (style.md §3.1: no JNA type in a public signature). Test helper.
 */
public final class ExportedApi {
    private final ModuleDescriptor descriptor;
    private final List<Class<?>> types;

    private ExportedApi(ModuleDescriptor descriptor, List<Class<?>> types) {
        this.descriptor = descriptor;
        this.types = types;
    }

    /** The module compiled into {@code classes} (e.g. {@code target/classes}); its classes must be loadable. */
    public static ExportedApi of(Path classes) throws IOException {
        ModuleDescriptor d;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            d = ModuleDescriptor.read(in);
        }
        List<Class<?>> types = new ArrayList<>();
        for (ModuleDescriptor.Exports e : d.exports()) {
            if (e.isQualified()) {
                continue;
            }
            Path dir = classes.resolve(e.source().replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                    String simple = f.getFileName().toString().replace(".class", "");
                    if (simple.equals("package-info")) {
                        continue;
                    }
                    types.add(load(e.source() + "." + simple));
                }
            }
        }
        return new ExportedApi(d, types);
    }

    /**
     * The packages of {@code classes} that hold classes but are neither exported (unqualified) nor internal: each is
     * a public package that {@code module-info} forgot, or an internal one not named {@code *.internal}.
     */
    public static List<String> unexportedPublicPackages(Path classes) throws IOException {
        ModuleDescriptor d;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            d = ModuleDescriptor.read(in);
        }
        List<String> exported = d.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
                .toList();
        return d.packages().stream().sorted()
                .filter(p -> !p.endsWith(".internal") && !p.contains(".internal.") && !exported.contains(p)).toList();
    }

    /** The module's descriptor. */
    public ModuleDescriptor descriptor() {
        return descriptor;
    }

    /** Every public type of the exported packages, nested public types included. */
    public List<Class<?>> publicTypes() {
        return types.stream().filter(ExportedApi::isApi).toList();
    }

    /**
     * Every public or protected signature of the exported packages that names a type whose name starts with
     * {@code prefix}, as {@code "Type.member: the type"}.
     */
    public List<String> signaturesNaming(String prefix) {
        List<String> found = new ArrayList<>();
        for (Class<?> c : publicTypes()) {
            found.addAll(signaturesNaming(c, prefix));
        }
        return found;
    }

    /** The public or protected signatures of {@code c} (a public type) that name a type starting with {@code prefix}. */
    public static List<String> signaturesNaming(Class<?> c, String prefix) {
        List<String> found = new ArrayList<>();
        String where = c.getName();
        check(found, where + " (supertype)", prefix, c.getGenericSuperclass());
        check(found, where + " (supertype)", prefix, c.getGenericInterfaces());
        for (Field f : c.getDeclaredFields()) {
            if (isApi(f.getModifiers())) {
                check(found, where + "." + f.getName(), prefix, f.getGenericType());
            }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (isApi(k.getModifiers())) {
                check(found, where + ".<init>", prefix, k.getGenericParameterTypes());
                check(found, where + ".<init>", prefix, k.getGenericExceptionTypes());
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (isApi(m.getModifiers()) && !m.isSynthetic()) {
                check(found, where + "." + m.getName(), prefix, m.getGenericReturnType());
                check(found, where + "." + m.getName(), prefix, m.getGenericParameterTypes());
                check(found, where + "." + m.getName(), prefix, m.getGenericExceptionTypes());
            }
        }
        return found;
    }

    private static void check(List<String> found, String where, String prefix, Type... types) {
        for (Type t : types) {
            if (t != null && mentions(t.getTypeName(), prefix)) {
                found.add(where + ": " + t.getTypeName());
            }
        }
    }

    private static boolean mentions(String typeName, String prefix) {
        for (String part : typeName.split("[<>,\\[\\]\\s?&]+")) {
            if (part.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isApi(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            int m = k.getModifiers();
            if (!Modifier.isPublic(m) && !(k.getDeclaringClass() != null && Modifier.isProtected(m))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isApi(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ExportedApi.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("exported class " + name + " is not on the test class path", e);
        }
    }
}

package org.jdistarray.client;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.Index;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.Redistribution;
import org.jdistarray.ops.ReduceOptions;
import org.jdistarray.ops.UfuncOptions;

/**
 * Writes {@code RemoteArrayOps.java} from {@link DistArray}'s public instance methods, as {@link RemoteNpGenerator}
 * does for Np: each becomes one {@code "array"} call on the engines with this proxy as receiver. A DistArray result is
 * a new RemoteArray, except for the {@code ...InPlace} methods, which return this proxy; a Distribution or
 * Redistribution parameter is given as a {@link Recipe} (or a {@link RemoteObject} of one). {@link RemoteNpTest} fails
 * when the committed file differs:
 *
 * <pre>
 * java -cp core/target/test-classes:core/target/classes:protocol/target/classes \
 *     org.jdistarray.client.RemoteArrayOpsGenerator core/src/main/java/org/jdistarray/client/RemoteArrayOps.java
 * </pre>
 */
public final class RemoteArrayOpsGenerator {
    /** DistArray methods without a twin, and why. */
    static final Map<String, String> EXCLUDED = new LinkedHashMap<>();

    static {
        String local = "known on the client without a command (RemoteArray keeps it)";
        EXCLUDED.put("shape", local);
        EXCLUDED.put("ndim", local);
        EXCLUDED.put("dtype", local);
        EXCLUDED.put("globalSize", local + ": RemoteArray.size()");
        EXCLUDED.put("isClosed", "the proxy's own state (RemoteArray.isClosed)");
        EXCLUDED.put("close", "RemoteArray.close frees the engines' array");
        EXCLUDED.put("toString", "the proxy's own description");
        EXCLUDED.put("toDoubleArray", "gathers to an engine; RemoteArray.toDoubleArray() gathers to the client");
        EXCLUDED.put("toLongArray", "gathers to an engine; RemoteArray.toLongArray() gathers to the client");
        EXCLUDED.put("toBuffer", "a buffer of one process");
        EXCLUDED.put("borrow", "a borrow of the local block pins memory of one process");
        EXCLUDED.put("borrowCount", "a count of one process's borrows");
        EXCLUDED.put("local", "the local block of one process: use a registered engine function");
        EXCLUDED.put("export", "a protocol export holds buffers of one process: see RemoteArrays.descriptors");
        EXCLUDED.put("exportShared", "writes files named per process: call it from an engine function");
        EXCLUDED.put("exportSharedReadOnly", "writes files named per process: call it from an engine function");
        EXCLUDED.put("forEachOwned", "a visitor runs where the data is: use a registered engine function");
        EXCLUDED.put("setFrom", "takes Index objects of one process: use set(String, ...)");
    }

    private RemoteArrayOpsGenerator() {
    }

    public static void main(String[] args) throws IOException {
        RemoteNpGenerator.writeOrPrint(generate(arraySourceDir()), args);
    }

    static Path arraySourceDir() {
        return RemoteNpGenerator.sourceDir("array", "DistArray.java");
    }

    /** Whether {@code m} gets a twin: public instance, not excluded, no Index or visitor parameter. */
    static boolean twinned(Method m) {
        if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class
                || EXCLUDED.containsKey(m.getName())) {
            return false;
        }
        for (Class<?> p : m.getParameterTypes()) {
            if (p == Index.class || p == Index[].class) {
                return false; // get(Index...) / set(Index[], ...): the String forms travel
            }
        }
        return true;
    }

    static List<Method> methods() {
        List<Method> out = new ArrayList<>();
        for (Method m : DistArray.class.getMethods()) {
            if (twinned(m)) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(RemoteNpGenerator::key));
        return out;
    }

    static String generate(Path sources) throws IOException {
        Map<String, List<String>> names = RemoteNpGenerator.parameterNames(sources, List.of("DistArray.java"), false);
        RemoteNpGenerator.IMPORTS.get().clear();
        WRITTEN.clear();
        StringBuilder body = new StringBuilder();
        for (Method m : methods()) {
            List<String> pn = names.get(RemoteNpGenerator.key(m));
            if (pn == null) {
                throw new IllegalStateException("no source signature for DistArray." + RemoteNpGenerator.key(m));
            }
            boolean layout = false;
            for (Class<?> p : m.getParameterTypes()) {
                layout |= p == Distribution.class;
            }
            if (layout) { // a layout the engines build from a Recipe, or one they hold
                method(body, m, pn, Recipe.class);
            }
            method(body, m, pn, RemoteObject.class); // (for a method without a layout parameter: the one form)
        }
        StringBuilder s = new StringBuilder();
        s.append("// GENERATED by RemoteArrayOpsGenerator (core/src/test/java/org/jdistarray/client) from DistArray's\n");
        s.append("// signatures: do not edit; RemoteNpTest fails when this file is not what the generator writes.\n");
        s.append("package org.jdistarray.client;\n\n");
        for (String i : RemoteNpGenerator.IMPORTS.get()) {
            s.append("import ").append(i).append(";\n");
        }
        s.append('\n');
        StringBuilder doc = new StringBuilder("The instance methods of a {@link RemoteArray} that mirror "
                + "{@link org.jdistarray.array.DistArray}'s (arithmetic, reductions, indexing with NumPy strings, "
                + "conversion, reshaping, redistribution, ghost exchange, element access): each has the name and "
                + "parameters of a DistArray method, with RemoteArray for DistArray, and runs it on the engines with "
                + "this array as receiver (one command). A DistArray result is a new RemoteArray the caller must close; "
                + "the {@code ...InPlace} methods return this proxy. A Distribution or Redistribution argument is a "
                + "{@link Recipe} the engines replay (for example {@code RemoteLayout.of(8, 8).cyclic(0, 2).recipe()}) or "
                + "a {@link RemoteObject} of one; a Redistribution plan is a RemoteObject (made by "
                + "{@code ctx.callObject(\"Redistribution\", ...)}). Option objects travel as in {@link RemoteNp}. Not mirrored:");
        int k = 0;
        for (Map.Entry<String, String> e : EXCLUDED.entrySet()) {
            doc.append(k++ == 0 ? " " : "; ").append("{@code ").append(e.getKey()).append("} (").append(e.getValue())
                    .append(')');
        }
        doc.append("; the {@code Index} forms of get and set (the String forms travel).");
        s.append("/**\n").append(RemoteNpGenerator.wrap(doc.toString(), " * ")).append(" */\n");
        s.append("public abstract class RemoteArrayOps {\n");
        s.append("    RemoteArrayOps() {\n");
        s.append("    }\n\n");
        s.append("    /** <b>Not collective.</b> The context this array lives in (its engines). */\n");
        s.append("    protected abstract Context context();\n\n");
        s.append("    private RemoteArray self() {\n");
        s.append("        return (RemoteArray) this;\n");
        s.append("    }\n");
        s.append(body);
        s.append("}\n");
        return s.toString();
    }

    /** Client signatures written so far (a Distribution and a Redistribution held by the engines look alike). */
    private static final java.util.Set<String> WRITTEN = new java.util.HashSet<>();

    private static void method(StringBuilder s, Method m, List<String> pn, Class<?> engineObjectType) {
        Class<?>[] pt = m.getParameterTypes();
        StringBuilder decl = new StringBuilder();
        StringBuilder call = new StringBuilder(", self()");
        StringBuilder types = new StringBuilder();
        for (int i = 0; i < pt.length; i++) {
            String ct;
            if (pt[i] == Distribution.class) {
                ct = engineObjectType.getSimpleName();
            } else if (pt[i] == Redistribution.class) {
                ct = RemoteObject.class.getSimpleName();
            } else {
                ct = RemoteNpGenerator.clientType(pt[i]);
            }
            if (m.isVarArgs() && i == pt.length - 1) {
                ct = ct.substring(0, ct.length() - 2) + "...";
            }
            decl.append(i == 0 ? "" : ", ").append(ct).append(' ').append(pn.get(i));
            types.append(i == 0 ? "" : ", ").append(pt[i].getSimpleName());
            call.append(", ");
            if (pt[i] == UfuncOptions.class || pt[i] == ReduceOptions.class) {
                call.append("RemoteCodec.recipe(").append(pn.get(i)).append(')');
            } else if (pt[i].isArray() && !pt[i].getComponentType().isPrimitive() && pt[i] != DistArray[].class) {
                call.append("(Object) ").append(pn.get(i));
            } else {
                call.append(pn.get(i));
            }
        }
        String signature = m.getName() + "(" + decl.toString().replaceAll(" \\w+(,|$)", "$1") + ")";
        if (!WRITTEN.add(signature)) {
            return;
        }
        Class<?> r = m.getReturnType();
        String q = "\"array\", \"" + m.getName() + "\"";
        String ret;
        List<String> body = new ArrayList<>();
        String what;
        if (r == DistArray.class && m.getName().endsWith("InPlace")) {
            ret = "RemoteArray";
            body.add("ctx().callArray(" + q + call + ").close(); // the same engine array, a second id");
            body.add("return self();");
            what = " Returns this proxy.";
        } else if (r == DistArray.class) {
            ret = "RemoteArray";
            body.add("return context().callArray(" + q + call + ");");
            what = " Caller must close the result.";
        } else if (r == DistArray[].class) {
            ret = "RemoteArray[]";
            body.add("return context().callArrays(" + q + call + ");");
            what = " Caller must close every result.";
        } else if (r == void.class) {
            ret = "void";
            body.add("context().callVoid(" + q + call + ");");
            what = "";
        } else if (r.isPrimitive() || r == String.class) {
            ret = r.getSimpleName();
            body.add("return context().callValue(" + q + ", " + r.getSimpleName() + ".class" + call + ");");
            what = " The value is engine 0's (the engines agree).";
        } else {
            ret = "RemoteObject";
            body.add("return context().callObject(" + q + call + ");");
            what = " The {@code " + r.getSimpleName() + "} stays on the engines; caller must close the proxy.";
        }
        String text = "<b>Collective</b> (one command). {@link org.jdistarray.array.DistArray#" + m.getName()
                + " DistArray." + m.getName() + "}{@code (" + types + ")} on the engines." + what;
        s.append("\n    /**\n").append(RemoteNpGenerator.wrap(text, "     * ")).append("     */\n");
        s.append("    public ").append(ret).append(' ').append(m.getName()).append('(').append(decl).append(") {\n");
        for (String b : body) {
            s.append("        ").append(b.replace("ctx()", "context()")).append('\n');
        }
        s.append("    }\n");
    }
}

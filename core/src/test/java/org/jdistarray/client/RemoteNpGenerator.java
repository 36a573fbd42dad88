package org.jdistarray.client;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jdistarray.array.DistArray;
import org.jdistarray.ops.Np;
import org.jdistarray.ops.ReduceOptions;
import org.jdistarray.ops.UfuncOptions;

/**
 * Writes {@code RemoteNp.java} from {@link Np}'s public static methods (reflection for the overloads, the sources of
 * {@code Np}, {@code NpUnary}, {@code NpArithmetic} and {@code NpComparison} for the parameter names):
 * DistArray becomes RemoteArray, DistArray[] RemoteArray[], option objects stay (the client sends them as Recipes),
 * a DistArray result is a new RemoteArray, a double a double, void a void, another object a {@link RemoteObject}.
 * {@link RemoteNpTest} fails when the committed file differs from what this writes, so a new Np method needs a run:
 *
 * <pre>
 * mvn -o -q -pl core -am test-compile &amp;&amp; java -cp core/target/test-classes:core/target/classes:protocol/target/classes \
 *     org.jdistarray.client.RemoteNpGenerator core/src/main/java/org/jdistarray/client/RemoteNp.java
 * </pre>
 * (run from the repository root; the sources are found under {@code core/src/main/java} or {@code src/main/java}).
 */
public final class RemoteNpGenerator {
    /** Np methods without a twin, and why (RemoteNpTest checks every other Np method has one). */
    static final Map<String, String> EXCLUDED = new LinkedHashMap<>();

    static {
        EXCLUDED.put("expr", "Np.expr builds a lazy Expr on one process; RemoteArray operations are eager commands "
                + "(fused expressions run on the engines through ctx.callArray(\"Expr\", ...) or a registered function)");
    }

    private RemoteNpGenerator() {
    }

    public static void main(String[] args) throws IOException {
        writeOrPrint(generate(sourceDir()), args);
    }

    /** Writes a generated source to {@code args[0]}, or prints it when no path is given (both generators' mains). */
    static void writeOrPrint(String text, String[] args) throws IOException {
        if (args.length == 0) {
            System.out.print(text);
        } else {
            Files.writeString(Path.of(args[0]), text, StandardCharsets.UTF_8);
        }
    }

    /** The directory of Np's sources, from the repository root or the core module. */
    static Path sourceDir() {
        return sourceDir("ops", "Np.java");
    }

    /** The directory of core package {@code pkg}'s sources holding {@code file}, from the repository root or core. */
    static Path sourceDir(String pkg, String file) {
        for (String p : List.of("core/src/main/java/org/jdistarray/" + pkg, "src/main/java/org/jdistarray/" + pkg)) {
            if (Files.isRegularFile(Path.of(p, file))) {
                return Path.of(p);
            }
        }
        throw new IllegalStateException(file + " not found under core/src/main/java or src/main/java");
    }

    /** The Np methods a twin is generated for, sorted by name and parameter types. */
    static List<Method> methods() {
        List<Method> out = new ArrayList<>();
        for (Method m : Np.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && !EXCLUDED.containsKey(m.getName())) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(RemoteNpGenerator::key));
        return out;
    }

    static String key(Method m) {
        StringBuilder s = new StringBuilder(m.getName()).append('(');
        for (Class<?> p : m.getParameterTypes()) {
            s.append(p.getSimpleName()).append(',');
        }
        return s.append(')').toString();
    }

    /** The client type of an Np parameter type. */
    static String clientType(Class<?> t) {
        if (t == DistArray.class) {
            return "RemoteArray";
        }
        if (t == DistArray[].class) {
            return "RemoteArray[]";
        }
        if (t.isArray()) {
            return clientType(t.getComponentType()) + "[]";
        }
        if (t.isPrimitive() || t.getPackageName().equals("java.lang")) {
            return t.getSimpleName();
        }
        IMPORTS.get().add(t.getCanonicalName());
        return t.getSimpleName();
    }

    /** The imports the generated methods need (filled by {@link #clientType}). */
    static final ThreadLocal<java.util.TreeSet<String>> IMPORTS = ThreadLocal.withInitial(java.util.TreeSet::new);

    static String generate(Path sources) throws IOException {
        IMPORTS.get().clear();
        StringBuilder body = new StringBuilder();
        methods(body, parameterNames(sources));
        StringBuilder s = new StringBuilder();
        s.append("// GENERATED by RemoteNpGenerator (core/src/test/java/org/jdistarray/client) from Np's signatures:\n");
        s.append("// do not edit; RemoteNpTest fails when this file is not what the generator writes.\n");
        s.append("package org.jdistarray.client;\n\n");
        for (String i : IMPORTS.get()) {
            s.append("import ").append(i).append(";\n");
        }
        s.append('\n');
        StringBuilder doc = new StringBuilder("The client twin of {@link org.jdistarray.ops.Np}: each method has the name "
                + "and parameters of an Np method, with {@link RemoteArray} for DistArray, and runs that method on the "
                + "engines (one command, see {@link Context#callArray}). Option objects "
                + "({@link org.jdistarray.ops.UfuncOptions}, {@link org.jdistarray.ops.ReduceOptions}) travel as "
                + "{@link Recipe}s built from their settings; their {@code out} and {@code where} arrays are arrays of "
                + "this process, so they cannot be set on the client (an {@code IllegalArgumentException} says so). A "
                + "DistArray result is a new RemoteArray the caller must close; other objects (a histogram, the uniques) "
                + "stay on the engines as a {@link RemoteObject}. Not generated:");
        int k = 0;
        for (Map.Entry<String, String> e : EXCLUDED.entrySet()) {
            doc.append(k++ == 0 ? " " : "; ").append("{@code ").append(e.getKey()).append("}: ")
                    .append(e.getValue().replace("\"", "&quot;"));
        }
        doc.append(". Obtained from {@link Context#np()}.");
        s.append("/**\n").append(wrap(doc.toString(), " * ")).append(" */\n");
        s.append("public final class RemoteNp {\n");
        s.append("    private final Context ctx;\n\n");
        s.append("    RemoteNp(Context ctx) {\n");
        s.append("        this.ctx = java.util.Objects.requireNonNull(ctx, \"ctx\");\n");
        s.append("    }\n\n");
        s.append("    /** <b>Not collective.</b> The Np twin bound to {@code ctx} (as {@link Context#np()}). */\n");
        s.append("    public static RemoteNp of(Context ctx) {\n");
        s.append("        return new RemoteNp(ctx);\n");
        s.append("    }\n\n");
        s.append("    /** <b>Not collective.</b> The context the commands go to. */\n");
        s.append("    public Context context() {\n");
        s.append("        return ctx;\n");
        s.append("    }\n");
        s.append(body);
        s.append("}\n");
        return s.toString();
    }

    private static void methods(StringBuilder s, Map<String, List<String>> names) {
        for (Method m : methods()) {
            List<String> pn = names.get(key(m));
            if (pn == null) {
                throw new IllegalStateException("no source signature for Np." + key(m));
            }
            Class<?>[] pt = m.getParameterTypes();
            StringBuilder decl = new StringBuilder();
            StringBuilder call = new StringBuilder();
            for (int i = 0; i < pt.length; i++) {
                decl.append(i == 0 ? "" : ", ").append(clientType(pt[i])).append(' ').append(pn.get(i));
                call.append(", ");
                if (pt[i] == UfuncOptions.class || pt[i] == ReduceOptions.class) {
                    call.append("RemoteCodec.recipe(").append(pn.get(i)).append(')');
                } else if (pt[i].isArray() && !pt[i].getComponentType().isPrimitive() && pt[i] != DistArray[].class) {
                    call.append("(Object) ").append(pn.get(i));
                } else {
                    call.append(pn.get(i));
                }
            }
            Class<?> r = m.getReturnType();
            String ret;
            String body;
            String what;
            String q = "\"Np\", \"" + m.getName() + "\"";
            if (r == DistArray.class) {
                ret = "RemoteArray";
                body = "return ctx.callArray(" + q + call + ");";
                what = " Caller must close the result.";
            } else if (r == DistArray[].class) {
                ret = "RemoteArray[]";
                body = "return ctx.callArrays(" + q + call + ");";
                what = " Caller must close every result.";
            } else if (r == void.class) {
                ret = "void";
                body = "ctx.callVoid(" + q + call + ");";
                what = "";
            } else if (r.isPrimitive() || r == String.class) {
                ret = r.getSimpleName();
                body = "return ctx.callValue(" + q + ", " + r.getSimpleName() + ".class" + call + ");";
                what = " The value is engine 0's (the engines agree).";
            } else {
                ret = "RemoteObject";
                body = "return ctx.callObject(" + q + call + ");";
                what = " The {@code " + r.getSimpleName() + "} stays on the engines; caller must close the proxy.";
            }
            StringBuilder types = new StringBuilder();
            for (int i = 0; i < pt.length; i++) {
                types.append(i == 0 ? "" : ", ").append(pt[i].getSimpleName());
            }
            String text = "<b>Collective</b> (one command). {@link org.jdistarray.ops.Np#" + m.getName() + " Np."
                    + m.getName() + "}{@code (" + types + ")} on the engines." + what;
            s.append("\n    /**\n").append(wrap(text, "     * ")).append("     */\n");
            s.append("    public ").append(ret).append(' ').append(m.getName()).append('(').append(decl).append(") {\n");
            s.append("        ").append(body).append('\n');
            s.append("    }\n");
        }
    }

    private static final Pattern SIGNATURE = Pattern.compile(
            "public\\s+(static\\s+)?[\\w.\\[\\]<>]+\\s+(\\w+)\\s*\\(([^)]*)\\)", Pattern.DOTALL);

    /** key(method) -> parameter names, from the sources. */
    static Map<String, List<String>> parameterNames(Path dir) throws IOException {
        return parameterNames(dir, List.of("Np.java", "NpUnary.java", "NpArithmetic.java", "NpComparison.java"), true);
    }

    /** key(method) -> parameter names of the static (or instance) methods of {@code files} in {@code dir}. */
    static Map<String, List<String>> parameterNames(Path dir, List<String> files, boolean statics) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String f : files) {
            String src = Files.readString(dir.resolve(f), StandardCharsets.UTF_8);
            Matcher m = SIGNATURE.matcher(src);
            while (m.find()) {
                if ((m.group(1) != null) != statics) {
                    continue;
                }
                String params = m.group(3).replaceAll("\\s+", " ").replace("...", "[]").trim();
                StringBuilder key = new StringBuilder(m.group(2)).append('(');
                List<String> names = new ArrayList<>();
                if (!params.isEmpty()) {
                    for (String p : params.split(",")) {
                        String[] tn = p.trim().replace("final ", "").split(" ");
                        String type = tn[tn.length - 2];
                        key.append(type.substring(type.lastIndexOf('.') + 1)).append(',');
                        names.add(tn[tn.length - 1]);
                    }
                }
                out.put(key.append(')').toString(), names);
            }
        }
        return out;
    }

    /** {@code text} as comment lines starting with {@code prefix}, at most 120 characters each. */
    static String wrap(String text, String prefix) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(prefix);
        List<String> words = new ArrayList<>();
        int depth = 0;
        for (String w : text.split(" ")) {
            if (depth > 0) {
                words.set(words.size() - 1, words.get(words.size() - 1) + " " + w);
            } else {
                words.add(w);
            }
            depth += w.chars().filter(c -> c == '{').count() - w.chars().filter(c -> c == '}').count();
        }
        for (String w : words) {
            if (line.length() > prefix.length() && line.length() + 1 + w.length() > 120) {
                out.append(line).append('\n');
                line = new StringBuilder(prefix);
            }
            if (line.length() > prefix.length()) {
                line.append(' ');
            }
            line.append(w);
        }
        return out.append(line).append('\n').toString();
    }

    static List<String> excludedNames() {
        return Arrays.asList(EXCLUDED.keySet().toArray(String[]::new));
    }
}

package org.jdistarray.client;

import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdistarray.client.internal.ClientChannel;
import org.jdistarray.client.internal.FreeQueue;
import org.jdistarray.client.internal.Launch;
import org.jdistarray.client.internal.Values;
import org.jdistarray.client.internal.Wire;
import org.jdistarray.client.internal.WireBuffer;
import org.jdistarray.protocol.DType;

/**
 * Client-engine mode (DistArray 0.5's {@code Context}): the client holds proxies ({@link RemoteArray}), the engines
 * hold the data and run the commands, and talk to each other directly over their own communicator.
 *
 * <pre>{@code
 * public static void main(String[] args) {           // mpirun -np 3 java ... MyDriver
 *     try (Context ctx = Context.start(args)) {      // rank 0 returns; ranks 1..2 run the engine loop and exit
 *         RemoteArray a = ctx.callArray("DistArrays", "zeros", Recipe.distribution(1000), DType.FLOAT64);
 *         RemoteArray b = ctx.callArray("Np", "add", a, 1.0);
 *         double[] all = b.toDoubleArray();
 *     }
 * }
 * }</pre>
 *
 * <p><b>The generic call.</b> {@link #callArray}, {@link #callValue}, {@link #callVoid} and {@link #callObject} run a
 * public method on every engine: a static method of a class named by its simple name ({@code "Np"},
 * {@code "DistArrays"}, {@code "Distribution"}, {@code "RandomArrays"}, {@code "ArrayIO"}, ...: one table,
 * {@code Targets}), or, for target {@code "array"}, an instance method of the first argument. Arguments are
 * {@link RemoteArray}s and {@link RemoteObject}s (the engines' objects), {@code RemoteArray[]} (a
 * {@code DistArray[]}), {@link Recipe}s (replayed), {@link Recipe#ENGINE_COMM} and plain values: null, Boolean,
 * Integer, Long, Float, Double, String, Path, boolean[], int[], long[], double[], long[][], double[][], String[],
 * DType, enum constants, Lists of these. The engines choose the overload by the argument types as Java would (boxed
 * to primitive, widening, varargs; resolved once per signature and cached); no match is an
 * {@code IllegalArgumentException} listing the overloads.
 *
 * <p><b>Cost.</b> A command is one broadcast from the client and one small reply from each engine (plus a second
 * broadcast or point-to-point message only for what does not fit a small slot); frees are batched into the next
 * command. The client is rank 0 of a library-private duplicate of the world communicator: never the user's tags.
 *
 * <p><b>Errors.</b> An exception on any engine comes back as an {@link EngineException} (or the same standard
 * java.lang type, see there) and the engines stay alive for the next command. Bad input found on the client (a
 * closed proxy, a proxy of another context, a value that cannot travel) throws before anything is sent.
 *
 * <p><b>Deferred commands.</b> Element-wise arithmetic the engines cannot refuse ({@code add}, {@code subtract},
 * {@code multiply}, {@code divide}, {@code maximum}, {@code minimum} and the {@code ...InPlace} forms, of a float64 or
 * float32 array with an array of the same shape and dtype or with a double) returns its proxy without waiting for the
 * engines; their replies are read before the next command that waits ({@link #sync()} among them), and a failure is
 * thrown there, naming the deferred command ({@code -Djdistarray.client.defer=false}: every command waits).
 *
 * <p><b>Threads.</b> The context serialises its commands (methods are synchronized); proxies may be closed from any
 * thread, and the leak net only queues ids (never MPI from a GC thread).
 */
public final class Context implements AutoCloseable {
    private static final List<String> RESERVED = List.of("call", "apply", "register", "close", "callArray", "callValue",
            "callVoid", "callObject", "sync");

    private final ClientChannel channel;
    private final int engines;
    private final boolean embedded;
    private final Runnable shutdown;
    private final Runnable abort;
    private final long stuckNanos;
    private boolean stuck;
    private final FreeQueue frees = new FreeQueue();
    private final Map<String, String[]> registered = new LinkedHashMap<>();
    private final Values.Client encoder = this::writeClientValue;
    private long nextId = 1;
    private boolean closed;
    private RuntimeException broken;
    private boolean resync;
    private boolean pendingResync;
    /** Commands sent whose replies are not read yet, oldest first ({@link #deferrable}). */
    private final java.util.ArrayDeque<Deferred> deferred = new java.util.ArrayDeque<>();

    /** At most this many commands are in flight without their replies read; the next one reads them first. */
    static final int MAX_DEFERRED = 16;
    /**
     * Whether commands may be deferred ({@link #deferrable}); {@code -Djdistarray.client.defer=false} makes every
     * command wait for its replies, so that an engine's failure is thrown by the call that caused it (debugging).
     */
    static final boolean DEFER = !"false".equals(System.getProperty("jdistarray.client.defer"));
    /**
     * The element-wise methods whose commands may be deferred ({@link #deferrable}), as {@code target.method/A} (an
     * array operand) and {@code target.method/D} (a double), each only where the engines have that method.
     */
    private static final java.util.Set<String> DEFERRED_METHODS = deferredMethods();

    private static java.util.Set<String> deferredMethods() {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String m : List.of("add", "subtract", "multiply", "divide", "maximum", "minimum", "addInPlace",
                "subtractInPlace", "multiplyInPlace", "divideInPlace")) {
            for (Class<?> other : List.of(org.jdistarray.array.DistArray.class, double.class)) {
                String key = "/" + (other == double.class ? "D" : "A");
                if (returnsArray(org.jdistarray.array.DistArray.class, m, false, other)) {
                    out.add("array." + m + key);
                }
                if (returnsArray(org.jdistarray.ops.Np.class, m, true, org.jdistarray.array.DistArray.class, other)) {
                    out.add("Np." + m + key);
                }
            }
        }
        return java.util.Set.copyOf(out);
    }

    private static boolean returnsArray(Class<?> c, String name, boolean isStatic, Class<?>... params) {
        try {
            java.lang.reflect.Method m = c.getMethod(name, params);
            return Modifier.isStatic(m.getModifiers()) == isStatic && m.getReturnType() == org.jdistarray.array.DistArray.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** The deferred method keys (for tests). */
    static java.util.Set<String> deferredMethodKeys() {
        return DEFERRED_METHODS;
    }

    /** A command in flight: its result id, its description and the proxy already returned for it. */
    private record Deferred(long id, String what, RemoteArray proxy) {
    }

    private Context(ClientChannel channel, boolean embedded, Runnable shutdown, Runnable abort, long stuckNanos) {
        this.channel = channel;
        this.engines = channel.engines();
        this.embedded = embedded;
        this.shutdown = shutdown;
        this.abort = abort;
        this.stuckNanos = stuckNanos;
    }

    private static Context of(Launch.Client c, boolean embedded) {
        Context ctx = new Context(c.channel(), embedded, c.shutdown(), c.abort(), c.stuck().toNanos());
        c.onExit(ctx::closeAtExit);
        return ctx;
    }

    // ---- launch

    /**
     * <b>Collective</b> over the MPI job. Under {@code mpirun -np N+1}: on world rank 0 returns the client context of
     * N engines; on ranks 1..N runs the engine command loop until the client closes the context (or dies), then
     * finalises MPI and exits the JVM (never returns). With MPMD ({@code mpirun -np 1 java MyDriver : -np N java ...
     * org.jdistarray.client.Engine}), the driver calls this and the others run {@link Engine#main}. Caller must close
     * the context (try-with-resources); an unclosed context is closed at JVM exit.
     *
     * @param args the program's arguments (unused today; kept for launch options)
     * @throws IllegalStateException if the job has a single process (use {@link #embedded(int)}), or a context was
     *                               already started in this process
     */
    public static Context start(String[] args) {
        return of(Launch.mpi(false), false);
    }

    /**
     * <b>Not collective.</b> A context whose {@code engines} engines are threads of this JVM (thread ranks, no MPI);
     * the calling thread is the client. For tests and the quick start. Caller must close it (stops and joins the
     * engine threads).
     */
    public static Context embedded(int engines) {
        return embedded(engines, Launch.EMBEDDED_TIMEOUT);
    }

    /**
     * <b>Not collective.</b> As {@link #embedded(int)}, with the longest any single wait of the thread ranks may take
     * (a command, or the engines' wait for the next command) before the engines give up.
     */
    public static Context embedded(int engines, Duration timeout) {
        if (engines < 1) {
            throw new IllegalArgumentException("a context needs at least one engine, not " + engines);
        }
        return of(Launch.embedded(engines, timeout), true);
    }

    // ---- facts

    /** <b>Not collective.</b> The number of engines. */
    public int engines() {
        return engines;
    }

    /** <b>Not collective.</b> Whether the engines are threads of this JVM ({@link #embedded(int)}). */
    public boolean isEmbedded() {
        return embedded;
    }

    /** <b>Not collective.</b> Whether the context was closed. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** <b>Not collective.</b> The number of proxies freed by the leak net (unreachable without close). */
    public long leaks() {
        return frees.leaks();
    }

    /** <b>Not collective.</b> The number of frees waiting for the next command. */
    public int pendingFrees() {
        return frees.pending();
    }

    // ---- the proxy surface (ceapi's section: RemoteNp and the like; the runtime never edits between these markers)
    private RemoteNp np;
    private RemoteArrays arrays;

    /** <b>Not collective.</b> The client twin of {@link org.jdistarray.ops.Np} on this context (one per context). */
    public synchronized RemoteNp np() {
        if (np == null) {
            np = new RemoteNp(this);
        }
        return np;
    }

    /** <b>Not collective.</b> Creation, random, IO, metadata and pictures on this context ({@link RemoteArrays}). */
    public synchronized RemoteArrays arrays() {
        if (arrays == null) {
            arrays = RemoteArrays.of(this);
        }
        return arrays;
    }
    // ---- end of the proxy surface

    // ---- the generic call

    /**
     * <b>Collective</b> (one command). Runs {@code target.method(args)} on every engine; the result, a DistArray,
     * stays on the engines under a new id. Caller must close the returned proxy.
     *
     * @throws EngineException          (or a standard java.lang type, see {@link EngineException}) if an engine failed,
     *                                  or the method returned something other than a DistArray
     * @throws IllegalArgumentException for no matching method, or an argument that cannot travel
     * @throws IllegalStateException    for a closed proxy argument or a closed context
     */
    public synchronized RemoteArray callArray(String target, String method, Object... args) {
        RemoteArray predicted = deferrable(target, method, args);
        if (predicted == null) {
            long id = nextId++;
            WireBuffer out = beginCall(Wire.KIND_ARRAY, id, target, method, args);
            return (RemoteArray) exchange(out, id, what(target, method), Wire.KIND_ARRAY);
        }
        if (deferred.size() >= MAX_DEFERRED) {
            drain();
        }
        long id = predicted.id();
        WireBuffer out = beginCall(Wire.KIND_ARRAY, id, target, method, args, false);
        try {
            channel.send();
            frees.sent();
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
        deferred.add(new Deferred(id, what(target, method), predicted));
        return predicted;
    }

    /**
     * The proxy of a command whose reply the client need not wait for, or null. Such a command is sent and the call
     * returns at once; its reply is read before the next command that is not deferred (or when {@link #MAX_DEFERRED}
     * are in flight), and an engine's failure in it is thrown there. The engines then run consecutive element-wise
     * operations back to back, without a round trip to the client and a wait for the slowest engine between them
     * (issue 19's large {@code a*x + y}). Only where the client knows the result's shape and dtype and that the engines
     * cannot refuse the arguments: {@link #DEFERRED_METHODS} of {@code DistArray} ({@code "array"}) or {@code Np}, a
     * float64 or float32 array with an array of the same shape and dtype (no broadcasting) or with a double scalar;
     * the result has that shape and dtype (NumPy's rule: a Python float does not widen a float32 array).
     * Anything else, including every error the engines would report for bad arguments, goes the synchronous way.
     */
    private RemoteArray deferrable(String target, String method, Object[] args) {
        if (!DEFER || args == null || args.length != 2 || !("array".equals(target) || "Np".equals(target))) {
            return null;
        }
        if (!DEFERRED_METHODS.contains(target + "." + method + (args[1] instanceof RemoteArray ? "/A" : "/D"))) {
            return null;
        }
        if (!(args[0] instanceof RemoteArray a) || a.context() != this || a.isClosed()) {
            return null;
        }
        DType t = a.dtype();
        if (t != DType.FLOAT64 && t != DType.FLOAT32) {
            return null;
        }
        if (args[1] instanceof RemoteArray b) {
            if (b.context() != this || b.isClosed() || b.dtype() != t || !Arrays.equals(a.shapeView(), b.shapeView())) {
                return null;
            }
        } else if (!(args[1] instanceof Double)) {
            return null;
        }
        checkOpen();
        return new RemoteArray(this, nextId++, a.shape(), t, frees);
    }

    /**
     * Reads the replies of every command in flight ({@link #deferrable}), oldest first. A proxy whose command failed
     * on some engine is closed (its id freed on the engines that made it) and remembers why; the first failure is
     * thrown (the later ones suppressed in it) once every reply is read, so the engines and the client agree again.
     */
    private void drain() {
        RuntimeException first = null;
        while (!deferred.isEmpty()) {
            Deferred d = deferred.poll();
            RuntimeException f = readDeferred(d);
            if (f != null) {
                if (broken != null) {
                    deferred.clear();
                    throw f;
                }
                if (first == null) {
                    first = f;
                } else {
                    first.addSuppressed(f);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Receives one deferred command's replies; returns its failure, or null. */
    private RuntimeException readDeferred(Deferred d) {
        String what = d.what() + " (its reply was read later: the client did not wait for it)";
        boolean[] replied;
        try {
            replied = gatherReplies();
        } catch (IllegalStateException unreachable) {
            return unreachable;
        }
        if (replied != null) {
            d.proxy().failed(what + ": the engines are stuck");
            return stuck(what, replied);
        }
        List<EngineException.Failure> failures = failures();
        if (failures != null) {
            resync = true;
            RuntimeException ex = new EngineException(what, engines, failures).toThrow();
            d.proxy().failed(ex.getMessage()); // its free reaches the engines that stored the result
            return ex;
        }
        WireBuffer r0 = channel.reply(0);
        long[] shape = r0.getLongs();
        DType dtype = DType.values()[r0.getByte()];
        if (!Arrays.equals(shape, d.proxy().shapeView()) || dtype != d.proxy().dtype()) {
            String msg = d.what() + " made an array of shape " + Arrays.toString(shape) + " and dtype "
                    + dtype.typeString() + " on the engines where the client expected " + d.proxy()
                    + " (a JDistArray bug: please report it)";
            d.proxy().failed(msg);
            resync = true;
            return new IllegalStateException(msg);
        }
        return null;
    }

    /**
     * <b>Collective</b> (one command). Runs {@code target.method(args)} on every engine and returns engine 0's result,
     * which must be null or a value that can travel (the engines' results of collective methods agree; for a
     * gather to root 0, such as {@code toDoubleArray(0)}, engine 0 holds the value). {@code type} may be a primitive
     * class ({@code double.class}) for its box.
     *
     * @throws ClassCastException if the result is not a {@code type}
     */
    public synchronized <T> T callValue(String target, String method, Class<T> type, Object... args) {
        WireBuffer out = beginCall(Wire.KIND_VALUE, 0, target, method, args);
        Object v = exchange(out, 0, what(target, method), Wire.KIND_VALUE);
        return cast(v, type, what(target, method));
    }

    /** <b>Collective</b> (one command). Runs {@code target.method(args)} on every engine; a DistArray result is closed. */
    public synchronized void callVoid(String target, String method, Object... args) {
        WireBuffer out = beginCall(Wire.KIND_VOID, 0, target, method, args);
        exchange(out, 0, what(target, method), Wire.KIND_VOID);
    }

    /**
     * <b>Collective</b> (one command). Runs {@code target.method(args)} on every engine; the result, a
     * {@code DistArray[]} (or a List of DistArrays), stays on the engines, each array under a new id
     * ({@code Np.nonzero}). Caller must close every returned proxy. Stored on all engines or on none.
     */
    public synchronized RemoteArray[] callArrays(String target, String method, Object... args) {
        long id = nextId;
        WireBuffer out = beginCall(Wire.KIND_ARRAYS, id, target, method, args);
        return (RemoteArray[]) exchange(out, id, what(target, method), Wire.KIND_ARRAYS);
    }

    /**
     * <b>Collective</b> (one command). Runs {@code target.method(args)} on every engine and keeps the (non-null)
     * result there under a new id, whatever its type. Caller must close the returned proxy.
     */
    public synchronized RemoteObject callObject(String target, String method, Object... args) {
        long id = nextId++;
        WireBuffer out = beginCall(Wire.KIND_OBJECT, id, target, method, args);
        return (RemoteObject) exchange(out, id, what(target, method), Wire.KIND_OBJECT);
    }

    /**
     * <b>Collective</b> (one command). A new array of {@code values} (C order) with the default distribution of
     * {@code shape} ({@link Recipe#distribution}), float64. Caller must close it.
     */
    public RemoteArray fromArray(double[] values, long... shape) {
        return fromArray(Recipe.distribution(shape), DType.FLOAT64, values);
    }

    /** <b>Collective</b> (one command). A new array of {@code values} (C order) on {@code distribution}. */
    public RemoteArray fromArray(Recipe distribution, DType dtype, double[] values) {
        return callArray("DistArrays", "fromArray", distribution, dtype, values);
    }

    /** <b>Collective</b> (one command). A new array of {@code values} (C order) on {@code distribution}. */
    public RemoteArray fromArray(Recipe distribution, DType dtype, long[] values) {
        return callArray("DistArrays", "fromArray", distribution, dtype, values);
    }

    /**
     * <b>Collective</b> (one command). Reads the replies of the deferred commands in flight (throwing the first
     * failure among them, see the class comment), then a round trip that delivers the waiting frees and returns the number of objects
     * each engine holds afterwards (engine order): what the client's open proxies and not yet delivered frees account
     * for, so a test can check that nothing leaked.
     */
    public synchronized int[] sync() {
        WireBuffer out = begin();
        out.putByte(Wire.OP_SYNC);
        exchange(out, 0, "sync", Wire.KIND_VOID);
        int[] counts = new int[engines];
        for (int e = 0; e < engines; e++) {
            counts[e] = channel.reply(e).getInt();
        }
        return counts;
    }

    // ---- user functions (DistArray 0.5 §9)

    /**
     * <b>Collective</b> (one command). Registers {@code type} under {@code name} on every engine: each engine makes
     * one instance with the public no-argument constructor. Re-registering a name replaces the function.
     *
     * @throws IllegalArgumentException for a blank name, one starting with {@code _}, or a name of a context method;
     *                                  or (from the engines) a class that is not on an engine's class path
     */
    public void register(String name, Class<? extends EngineFunction> type) {
        checkName(name);
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new IllegalArgumentException(type.getName() + " must be public (the engines instantiate it)");
        }
        registerRef(name, new String[] {type.getName(), null});
    }

    /**
     * <b>Collective</b> (one command). Registers {@code function} under {@code name}. The function must be found on
     * every engine without shipping code: an instance of a public class with a public no-argument constructor, or a
     * lambda (or any object) held in a static field of the class that defines it, for example
     * {@code static final EngineFunction NORM = (scope, args) -> ...;} (the engines read the same field).
     *
     * @throws IllegalArgumentException if {@code function} is neither (a lambda in a local variable)
     */
    public void register(String name, EngineFunction function) {
        checkName(name);
        registerRef(name, FunctionRefs.reference(function));
    }

    private synchronized void registerRef(String name, String[] ref) {
        WireBuffer out = begin();
        out.putByte(Wire.OP_REGISTER).putString(name).putString(ref[0]).putString(ref[1]);
        exchange(out, 0, "register(" + name + ")", Wire.KIND_VOID);
        registered.put(name, ref);
    }

    /**
     * <b>Collective</b> (one command). Calls the function registered as {@code name} on every engine (DistArray's
     * {@code context.<name>(...)}). At least one argument must be a {@link RemoteArray}, and the array arguments must
     * have compatible distributions. Results: every engine returned a DistArray: a new {@link RemoteArray} (caller
     * must close it); every engine returned null: null; exactly one returned non-null: that value; otherwise a List of
     * the engines' values in engine order.
     *
     * @throws IllegalArgumentException if no function is registered as {@code name}, or no argument is a remote array
     *                                  ("Cannot determine a Distribution"), or the distributions are incompatible
     */
    public synchronized Object call(String name, Object... args) {
        if (!registered.containsKey(name)) {
            throw new IllegalArgumentException("no engine function is registered as " + name + " (registered: "
                    + registered.keySet() + ")");
        }
        boolean array = false;
        for (Object a : args) {
            array |= a instanceof RemoteArray;
        }
        if (!array) {
            throw new IllegalArgumentException("Cannot determine a Distribution: " + name
                    + " needs at least one RemoteArray argument (use apply for functions without arrays)");
        }
        return function(Wire.MODE_REGISTERED, name, null, args, name);
    }

    /**
     * <b>Collective</b> (one command). Runs {@code function} (found as for {@link #register(String, EngineFunction)})
     * on every engine, DistArray's {@code apply}. Arrays are not required; results combine as for {@link #call}.
     */
    public synchronized Object apply(EngineFunction function, Object... args) {
        String[] ref = FunctionRefs.reference(function);
        return function(Wire.MODE_DIRECT, ref[0], ref[1], args, "apply(" + ref[0] + (ref[1] == null ? "" : "." + ref[1]) + ")");
    }

    private Object function(byte mode, String name, String field, Object[] args, String what) {
        long id = nextId++;
        WireBuffer out = begin();
        out.putByte(Wire.OP_FUNCTION).putByte(mode).putLong(id).putString(name).putString(field);
        putArgs(out, args);
        return exchange(out, id, what, (byte) -1);
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank() || name.startsWith("_") || RESERVED.contains(name)) {
            throw new IllegalArgumentException("cannot register a function as \"" + name
                    + "\": names must be non-blank, not start with _, and not be one of " + RESERVED);
        }
    }

    // ---- commands

    private WireBuffer begin() {
        return begin(true);
    }

    /** Starts a command; {@code wait}: one whose reply is read at once, so the replies still in flight are read first. */
    private WireBuffer begin(boolean wait) {
        checkOpen();
        if (wait && !deferred.isEmpty()) {
            drain();
        }
        boolean r = resync;
        resync = false;
        WireBuffer out = channel.begin(frees, r);
        pendingResync = r;
        return out;
    }

    private WireBuffer beginCall(byte kind, long id, String target, String method, Object[] args) {
        return beginCall(kind, id, target, method, args, true);
    }

    private WireBuffer beginCall(byte kind, long id, String target, String method, Object[] args, boolean wait) {
        if (target == null || method == null) {
            throw new IllegalArgumentException("target and method must not be null");
        }
        WireBuffer out = begin(wait);
        out.putByte(Wire.OP_CALL).putByte(kind).putLong(id).putString(target).putString(method);
        putArgs(out, args);
        return out;
    }

    /** The arguments of a command; a bad one throws before anything is sent, and the drained frees wait again. */
    private void putArgs(WireBuffer out, Object[] args) {
        try {
            writeArgs(out, args);
        } catch (RuntimeException e) {
            frees.unsent();
            resync |= pendingResync;
            throw e;
        }
    }

    private void writeArgs(WireBuffer out, Object[] args) {
        if (args == null) {
            args = new Object[] {null};
        }
        out.putInt(args.length);
        for (Object a : args) {
            Values.write(out, a, encoder);
        }
    }

    private boolean writeClientValue(WireBuffer out, Object v) {
        if (v instanceof RemoteArray a) {
            out.putByte(Values.REF).putLong(checkArray(a));
            return true;
        }
        if (v instanceof RemoteObject o) {
            out.putByte(Values.REF).putLong(check(o.context(), o.isClosed(), o.toString(), o.id()));
            return true;
        }
        if (v instanceof RemoteArray[] arrays) {
            long[] ids = new long[arrays.length];
            for (int i = 0; i < ids.length; i++) {
                RemoteArray a = arrays[i];
                if (a == null) {
                    throw new IllegalArgumentException("a RemoteArray[] argument holds null at " + i);
                }
                ids[i] = checkArray(a);
            }
            out.putByte(Values.REFS).putLongs(ids);
            return true;
        }
        if (v instanceof Recipe r) {
            out.putByte(Values.RECIPE).putString(r.target()).putInt(r.steps().size());
            for (Recipe.Step s : r.steps()) {
                out.putString(s.method());
                writeArgs(out, s.args());
            }
            return true;
        }
        if (v == Recipe.ENGINE_COMM) {
            out.putByte(Values.COMM);
            return true;
        }
        return false;
    }

    private long checkArray(RemoteArray a) {
        String failure = a.failure();
        if (failure != null && a.context() == this) {
            throw new IllegalStateException(a + " was never made and can no longer be used: " + failure);
        }
        return check(a.context(), a.isClosed(), a.toString(), a.id());
    }

    private long check(Context owner, boolean isClosed, String what, long id) {
        if (owner != this) {
            throw new IllegalArgumentException(what + " belongs to another context");
        }
        if (isClosed) {
            throw new IllegalStateException(what + " was closed and can no longer be used");
        }
        return id;
    }

    /** Sends the command, receives the replies, decodes the result of {@code kind} (-1: a function's combined result). */
    private Object exchange(WireBuffer out, long id, String what, byte kind) {
        try {
            channel.send();
            frees.sent();
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
        boolean[] replied = gatherReplies();
        if (replied != null) {
            throw stuck(what, replied);
        }
        List<EngineException.Failure> failures = failures();
        if (failures != null) {
            resync = true;
            if (kind == Wire.KIND_ARRAYS) {
                freeArrays(id, -1);
            } else if (id != 0) {
                frees.add(id); // engines that succeeded stored the result: none must keep it
            }
            throw new EngineException(what, engines, failures).toThrow();
        }
        WireBuffer r0 = channel.reply(0);
        switch (kind) {
            case Wire.KIND_ARRAY:
                return newArray(id, r0);
            case Wire.KIND_OBJECT:
                return newObject(id, r0.getString());
            case Wire.KIND_VALUE:
                return Values.read(r0, null);
            case Wire.KIND_VOID:
                return null;
            case Wire.KIND_ARRAYS:
                return newArrays(id, what);
            default:
                return combine(id, what);
        }
    }

    /**
     * Receives every engine's reply to the oldest command not yet read: null, or which engines replied when some
     * failed and the others did not answer in time ({@link ClientChannel#gather}).
     *
     * @throws IllegalStateException if the engines cannot be reached (the context is then broken)
     */
    private boolean[] gatherReplies() {
        try {
            channel.gather(stuckNanos);
            return null;
        } catch (ClientChannel.StuckEngines e) {
            boolean[] replied = new boolean[engines];
            for (int i = 0; i < engines; i++) {
                replied[i] = e.replied(i);
            }
            return replied;
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    /** Breaks the context: the wire failed. */
    private IllegalStateException unreachable(RuntimeException e) {
        broken = e;
        return new IllegalStateException("the engines cannot be reached (" + e + "): the context is broken", e);
    }

    /** The failures among the replies just gathered (each reply read past its status byte), or null. */
    private List<EngineException.Failure> failures() {
        List<EngineException.Failure> failures = null;
        for (int e = 0; e < engines; e++) {
            WireBuffer r = channel.reply(e);
            if (r.getByte() == Wire.STATUS_ERROR) {
                if (failures == null) {
                    failures = new ArrayList<>();
                }
                failures.add(new EngineException.Failure(e, r.getString(), r.getString(), r.getString()));
            }
        }
        return failures;
    }

    /** Some engines failed and the others are stuck in a collective: report, and end the engines at close. */
    private RuntimeException stuck(String what, boolean[] replied) {
        List<EngineException.Failure> failures = new ArrayList<>();
        StringBuilder silent = new StringBuilder();
        for (int e = 0; e < engines; e++) {
            if (!replied[e]) {
                silent.append(silent.length() == 0 ? "" : ", ").append(e);
                continue;
            }
            WireBuffer r = channel.reply(e);
            if (r.getByte() == Wire.STATUS_ERROR) {
                failures.add(new EngineException.Failure(e, r.getString(), r.getString(), r.getString()));
            }
        }
        stuck = true;
        EngineException ex = new EngineException(what + " (engines " + silent + " did not reply within "
                + stuckNanos / 1_000_000_000.0 + " s after the others failed: they wait in a collective that the failed"
                + " engines left, and cannot continue; the context is broken, closing it ends the engines"
                + (embedded ? "" : " and the MPI job") + ")", engines, failures);
        broken = ex;
        return ex;
    }

    private RemoteArray newArray(long id, WireBuffer meta) {
        long[] shape = meta.getLongs();
        DType dtype = DType.values()[meta.getByte()];
        return new RemoteArray(this, id, shape, dtype, frees);
    }

    private RemoteArray[] newArrays(long id, String what) {
        int n = channel.reply(0).getInt();
        for (int e = 1; e < engines; e++) {
            int m = channel.reply(e).getInt();
            if (m != n) {
                freeArrays(id, Math.max(n, m));
                resync = true;
                throw new IllegalStateException(what + ": the engines returned arrays of different lengths (engine 0: " + n
                        + ", engine " + e + ": " + m + ")");
            }
        }
        nextId = id + Math.max(n, 1);
        RemoteArray[] out = new RemoteArray[n];
        for (int i = 0; i < n; i++) {
            out[i] = newArray(id + i, channel.reply(0));
        }
        return out;
    }

    /**
     * Frees ids {@code id .. id+count-1} on the engines that stored them ({@code count < 0}: the largest count that
     * a successful engine reported) and moves the id counter past them.
     */
    private void freeArrays(long id, int count) {
        int n = count;
        if (n < 0) {
            n = 0;
            for (int e = 0; e < engines; e++) {
                WireBuffer r = channel.reply(e);
                r.position(4);
                if (r.getByte() == Wire.STATUS_OK) {
                    n = Math.max(n, r.getInt());
                }
            }
        }
        for (int i = 0; i < n; i++) {
            frees.add(id + i);
        }
        nextId = Math.max(nextId, id + Math.max(n, 1));
    }

    private RemoteObject newObject(long id, String className) {
        return new RemoteObject(this, id, className, frees);
    }

    /** DistArray's rules for the engines' results of a function (see {@link #call}). */
    private Object combine(long id, String what) {
        byte[] kinds = new byte[engines];
        Object[] values = new Object[engines];
        int arrays = 0;
        int nonNull = 0;
        int last = -1;
        long[] shape = null;
        DType dtype = null;
        for (int e = 0; e < engines; e++) {
            WireBuffer r = channel.reply(e);
            kinds[e] = r.getByte();
            if (kinds[e] == Wire.RESULT_ARRAY) {
                arrays++;
                long[] s = r.getLongs();
                DType t = DType.values()[r.getByte()];
                if (shape == null) {
                    shape = s;
                    dtype = t;
                }
            } else if (kinds[e] == Wire.RESULT_VALUE) {
                values[e] = Values.read(r, null);
                nonNull++;
                last = e;
            }
        }
        if (arrays == engines) {
            return new RemoteArray(this, id, shape, dtype, frees);
        }
        if (arrays > 0) {
            frees.add(id);
            resync = true;
            StringBuilder sb = new StringBuilder(what + ": only some engines returned a DistArray (engines");
            for (int e = 0; e < engines; e++) {
                if (kinds[e] == Wire.RESULT_ARRAY) {
                    sb.append(' ').append(e);
                }
            }
            throw new IllegalStateException(sb.append(" of ").append(engines)
                    + "); a distributed result needs a DistArray from every engine");
        }
        if (nonNull == 0) {
            return null;
        }
        if (nonNull == 1) {
            return values[last];
        }
        return java.util.Collections.unmodifiableList(Arrays.asList(values));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object v, Class<T> type, String what) {
        if (v == null) {
            if (type.isPrimitive()) {
                throw new ClassCastException(what + " returned null, not a " + type.getName());
            }
            return null;
        }
        Class<?> box = type.isPrimitive() ? MethodTypeBoxes.box(type) : type;
        if (!box.isInstance(v)) {
            throw new ClassCastException(what + " returned a " + v.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return (T) v;
    }

    private static String what(String target, String method) {
        return target + "." + method;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the context is closed");
        }
        if (broken != null) {
            throw new IllegalStateException("the context is broken: " + broken, broken);
        }
    }

    /**
     * <b>Collective.</b> Stops the engines (they free every object; under mpirun they finalise MPI and exit) and
     * releases the client's side. Idempotent. Proxies of the context can no longer be used.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        RuntimeException failure = null;
        if (!stuck && broken == null && !deferred.isEmpty()) {
            try {
                drain(); // a failure of a command in flight is thrown after the engines have stopped
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        closed = true;
        if (stuck) {
            abort.run();
        } else if (broken == null) {
            try {
                WireBuffer out = channel.begin(frees, false);
                out.putByte(Wire.OP_STOP);
                channel.send();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        try {
            shutdown.run();
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The JVM exits with the context open: stop the engines (an MPI job would otherwise wait for them). */
    private void closeAtExit() {
        try {
            close();
        } catch (RuntimeException e) {
            // exiting anyway
        }
    }

    @Override
    public String toString() {
        return "Context(" + engines + (embedded ? " embedded" : "") + " engines" + (closed ? ", closed" : "") + ")";
    }
}

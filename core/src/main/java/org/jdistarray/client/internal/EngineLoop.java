package org.jdistarray.client.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

import org.jdistarray.array.DistArray;
import org.jdistarray.client.EngineFunction;
import org.jdistarray.client.EngineScope;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.CommContext;
import org.jdistarray.comm.Communicator;

/**
 * An engine's command loop: receive a command (broadcast from the client), free the batched ids, run the command,
 * reply (one slot to the client), until STOP. Any exception of a command becomes this engine's error reply (class, message, stack
 * trace) and the loop goes on: a failed command stores nothing the client will use (the client frees the result id of
 * a command that failed anywhere).
 */
public final class EngineLoop implements EngineScope {
    private final Communicator wire;
    private final Communicator engines;
    private final boolean pointToPoint;
    private final ObjectTable table = new ObjectTable();
    private final Dispatch dispatch = new Dispatch();
    private final Map<String, EngineFunction> registered = new HashMap<>();
    private final Map<String, EngineFunction> functions = new HashMap<>();
    private final java.util.List<DistArray> temporaries = new java.util.ArrayList<>();
    private final WireBuffer in = new WireBuffer(Wire.COMMAND_SLOT * 2);
    private final WireBuffer out = new WireBuffer(Wire.REPLY_SLOT * 2);
    private final Values.Engine resolver = new Values.Engine() {
        @Override
        public Object ref(long id) {
            return table.get(id);
        }

        @Override
        public Object refs(long[] ids) {
            DistArray[] a = new DistArray[ids.length];
            for (int i = 0; i < ids.length; i++) {
                Object o = table.get(ids[i]);
                if (!(o instanceof DistArray d)) {
                    throw new IllegalArgumentException("object #" + ids[i] + " is a " + o.getClass().getSimpleName()
                            + ", not a DistArray");
                }
                a[i] = d;
            }
            return a;
        }

        @Override
        public Object recipe(WireBuffer b) {
            return replay(b);
        }

        @Override
        public Object comm() {
            return engines;
        }
    };

    /**
     * @param wire    the library-private duplicate of the world (the client is rank 0)
     * @param engines the engines' communicator
     */
    public EngineLoop(Communicator wire, Communicator engines) {
        this.wire = wire;
        this.pointToPoint = Wire.pointToPoint(wire);
        this.engines = engines;
    }

    @Override
    public Communicator comm() {
        return engines;
    }

    /** <b>Collective</b> over the wire communicator. Runs commands until STOP, then frees every object. */
    public void run() {
        try {
            while (step()) {
                // next command
            }
        } finally {
            table.clear();
        }
    }

    private boolean step() {
        receive();
        int frees = in.getInt();
        for (int i = 0; i < frees; i++) {
            table.free(in.getLong());
        }
        byte flags = in.getByte();
        byte op = in.getByte();
        if (op == Wire.OP_STOP) {
            return false;
        }
        out.position(0);
        out.putInt(0);
        int statusAt = out.position();
        out.putByte(Wire.STATUS_OK);
        try {
            if ((flags & Wire.FLAG_RESYNC) != 0) {
                resync();
            }
            switch (op) {
                case Wire.OP_CALL -> call();
                case Wire.OP_REGISTER -> register();
                case Wire.OP_FUNCTION -> function();
                case Wire.OP_SYNC -> out.putInt(table.size());
                default -> throw new IllegalStateException("corrupt command: opcode " + op);
            }
            closeTemporaries();
        } catch (Throwable t) {
            closeTemporaries();
            out.position(statusAt);
            out.putByte(Wire.STATUS_ERROR);
            out.putString(t.getClass().getName());
            out.putString(t.getMessage());
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            out.putString(trace.toString());
            if (t instanceof VirtualMachineError && !(t instanceof OutOfMemoryError) && !(t instanceof StackOverflowError)) {
                reply();
                throw (VirtualMachineError) t;
            }
        }
        reply();
        return true;
    }

    /**
     * <b>Collective</b> over the engines. After a command that failed on some engines, the others may have made
     * arrays the failed ones did not: the array numbers of the engine communicator ({@link CommContext}, which checks
     * that every rank makes the same collective call on the same array) are moved up to the highest, so the engines
     * agree again.
     */
    private void resync() {
        CommContext cc = CommContext.of(engines);
        long mine = cc.nextArrayNumber();
        long max = Collectives.max(engines, mine);
        while (mine < max) {
            mine = cc.nextArrayNumber();
        }
    }

    private void receive() {
        in.trim();
        in.position(0);
        ByteBuffer first = in.buffer().duplicate();
        first.position(0).limit(Wire.COMMAND_SLOT);
        if (pointToPoint) {
            wire.recv(first, 0, Wire.COMMAND_TAG);
        } else {
            wire.broadcast(first, 0);
        }
        int len = in.buffer().getInt(0);
        if (4 + len > Wire.COMMAND_SLOT) {
            in.position(Wire.COMMAND_SLOT);
            in.ensureCapacity(4 + len);
            ByteBuffer rest = in.buffer().duplicate();
            rest.position(Wire.COMMAND_SLOT).limit(4 + len);
            if (pointToPoint) {
                wire.recv(rest, 0, Wire.COMMAND_REST_TAG);
            } else {
                wire.broadcast(rest, 0);
            }
        }
        in.position(4);
    }

    private void reply() {
        int end = out.position();
        ByteBuffer b = out.buffer();
        b.putInt(0, end - 4);
        ByteBuffer slot = b.duplicate();
        slot.position(0).limit(Wire.REPLY_SLOT);
        wire.send(slot, 0, Wire.SLOT_TAG);
        if (end > Wire.REPLY_SLOT) {
            ByteBuffer rest = b.duplicate();
            rest.position(Wire.REPLY_SLOT).limit(end);
            wire.send(rest, 0, Wire.REPLY_TAG);
        }
        out.trim();
    }

    private Object[] readArgs(WireBuffer b) {
        return readArgs(b, false);
    }

    /**
     * The arguments; with {@code lazy}, a top-level argument that is a recipe of element-wise ufuncs stays
     * unevaluated ({@link Fusion.Lazy}), for the call to fuse it or {@link #run} to evaluate it first.
     */
    private Object[] readArgs(WireBuffer b, boolean lazy) {
        int n = b.getInt();
        Object[] args = new Object[n];
        for (int i = 0; i < n; i++) {
            if (lazy && b.buffer().get(b.position()) == Values.RECIPE) {
                b.getByte();
                args[i] = replay(b, true);
            } else {
                args[i] = Values.read(b, resolver);
            }
        }
        return args;
    }

    /**
     * <b>Logically collective.</b> {@code target.method(args)}: fused with its unevaluated recipe arguments when it is
     * an element-wise ufunc itself, else with them evaluated first.
     */
    private Object run(String target, String method, Object[] args) throws Throwable {
        if (Fusion.hasLazy(args)) {
            org.jdistarray.ops.Expr e = Fusion.expr(target, method, args);
            if (e != null) {
                return Fusion.eval(e);
            }
            Fusion.materialize(args, temporaries);
        }
        return dispatch.call(target, method, args);
    }

    private void call() throws Throwable {
        byte kind = in.getByte();
        long resultId = in.getLong();
        String target = in.getString();
        String method = in.getString();
        Object[] args = readArgs(in, true);
        Object r = run(target, method, args);
        switch (kind) {
            case Wire.KIND_ARRAY -> {
                if (!(r instanceof DistArray a)) {
                    closeIfNew(r);
                    throw new IllegalArgumentException(target + "." + method + " returned "
                            + (r == null ? "null" : "a " + r.getClass().getSimpleName()) + ", not a DistArray (use callValue)");
                }
                table.put(resultId, a);
                writeMeta(a);
            }
            case Wire.KIND_ARRAYS -> {
                DistArray[] arrays = arrays(r, target + "." + method);
                for (int i = 0; i < arrays.length; i++) {
                    table.put(resultId + i, arrays[i]);
                }
                out.putInt(arrays.length);
                for (DistArray a : arrays) {
                    writeMeta(a);
                }
            }
            case Wire.KIND_OBJECT -> {
                if (r == null) {
                    throw new IllegalArgumentException(target + "." + method + " returned null, not an object");
                }
                table.put(resultId, r);
                out.putString(r.getClass().getName());
            }
            case Wire.KIND_VALUE -> {
                if (!Values.isPlain(r)) {
                    closeIfNew(r);
                    throw new IllegalArgumentException(target + "." + method + " returned a " + r.getClass().getName()
                            + ", which cannot travel to the client (use callArray or callObject; values: " + Values.kinds() + ")");
                }
                if (engines.rank() == 0) {
                    Values.write(out, r, null);
                }
            }
            case Wire.KIND_VOID -> closeIfNew(r);
            default -> throw new IllegalStateException("corrupt command: call kind " + kind);
        }
    }

    /**
     * Closes the arrays that recipes made during the command (the operand of {@code item()}, the product inside a
     * sum) unless the command stored them.
     */
    private void closeTemporaries() {
        for (DistArray a : temporaries) {
            if (!table.holds(a)) {
                try {
                    a.close();
                } catch (RuntimeException e) {
                    // borrowed: stays with its borrower
                }
            }
        }
        temporaries.clear();
    }

    private DistArray[] arrays(Object r, String what) {
        if (r instanceof DistArray[] a) {
            for (DistArray x : a) {
                if (x == null) {
                    throw new IllegalArgumentException(what + " returned a DistArray[] holding null");
                }
            }
            return a;
        }
        if (r instanceof java.util.List<?> list) {
            DistArray[] a = new DistArray[list.size()];
            for (int i = 0; i < a.length; i++) {
                if (!(list.get(i) instanceof DistArray d)) {
                    throw new IllegalArgumentException(what + " returned a List holding a non-DistArray at " + i);
                }
                a[i] = d;
            }
            return a;
        }
        closeIfNew(r);
        throw new IllegalArgumentException(what + " returned " + (r == null ? "null" : "a " + r.getClass().getSimpleName())
                + ", not a DistArray[] (use callArray or callValue)");
    }

    /** Closes a DistArray result that nobody will hold (not in the table: not an argument, not an {@code out=}). */
    private void closeIfNew(Object r) {
        if (r instanceof DistArray a && !table.holds(a)) {
            try {
                a.close();
            } catch (RuntimeException e) {
                // a borrowed result stays with its borrower
            }
        }
    }

    private void writeMeta(DistArray a) {
        out.putLongs(a.shape());
        out.putByte(a.dtype().ordinal());
    }

    private Object replay(WireBuffer b) {
        return replay(b, false);
    }

    /**
     * A recipe's value; with {@code lazy}, a one-step recipe that is an element-wise ufunc ({@link Fusion#expr}) is
     * returned unevaluated, as a {@link Fusion.Lazy}, its own recipe arguments too.
     */
    private Object replay(WireBuffer b, boolean lazy) {
        String target = b.getString();
        int steps = b.getInt();
        Object current = null;
        for (int s = 0; s < steps; s++) {
            String method = b.getString();
            Object[] args = readArgs(b, lazy && steps == 1);
            if (lazy && steps == 1) {
                org.jdistarray.ops.Expr e = Fusion.expr(target, method, args);
                if (e != null) {
                    return new Fusion.Lazy(e);
                }
            }
            try {
                if (Fusion.hasLazy(args)) {
                    Fusion.materialize(args, temporaries);
                }
                current = s == 0 ? dispatch.call(target, method, args) : dispatch.callOn(current, method, args);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("recipe step " + method + " failed: " + t, t);
            }
            if (current instanceof DistArray a) {
                temporaries.add(a);
            }
            if (current == null && s < steps - 1) {
                throw new IllegalArgumentException("recipe step " + method + " returned null; the next step has no receiver");
            }
        }
        return current;
    }

    private void register() throws Exception {
        String name = in.getString();
        String className = in.getString();
        String field = in.getString();
        registered.put(name, function(className, field));
    }

    private EngineFunction function(String className, String field) throws Exception {
        String key = className + "#" + field;
        EngineFunction f = functions.get(key);
        if (f == null) {
            Class<?> c;
            try {
                c = Class.forName(className, true, Values.classLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("engine function class " + className
                        + " is not on this engine's class path (functions are not shipped: put them on every engine's class path)", e);
            }
            Object o;
            if (field == null) {
                if (!EngineFunction.class.isAssignableFrom(c)) {
                    throw new IllegalArgumentException(className + " does not implement EngineFunction");
                }
                o = c.getConstructor().newInstance();
            } else {
                Field fd = c.getDeclaredField(field);
                if (!Modifier.isStatic(fd.getModifiers())) {
                    throw new IllegalArgumentException(className + "." + field + " is not a static field");
                }
                fd.setAccessible(true);
                o = fd.get(null);
                if (!(o instanceof EngineFunction)) {
                    throw new IllegalArgumentException(className + "." + field + " does not hold an EngineFunction");
                }
            }
            f = (EngineFunction) o;
            functions.put(key, f);
        }
        return f;
    }

    private void function() throws Throwable {
        byte mode = in.getByte();
        long resultId = in.getLong();
        String name = in.getString();
        String field = in.getString();
        Object[] args = readArgs(in);
        EngineFunction f;
        if (mode == Wire.MODE_REGISTERED) {
            f = registered.get(name);
            if (f == null) {
                throw new IllegalArgumentException("no engine function is registered as " + name);
            }
            DistArray first = null;
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof DistArray a) {
                    if (first == null) {
                        first = a;
                    } else if (!first.isCompatible(a)) {
                        throw new IllegalArgumentException(name + ": the array arguments have incompatible distributions"
                                + " (argument " + i + " " + a.distribution() + " vs " + first.distribution() + ")");
                    }
                }
            }
        } else {
            f = function(name, field);
        }
        Object r = f.apply(this, args);
        if (r instanceof DistArray a) {
            table.put(resultId, a);
            out.putByte(Wire.RESULT_ARRAY);
            writeMeta(a);
        } else if (r == null) {
            out.putByte(Wire.RESULT_NULL);
        } else {
            if (!Values.isPlain(r)) {
                throw new IllegalArgumentException("the engine function returned a " + r.getClass().getName()
                        + ", which cannot travel to the client (values: " + Values.kinds() + ")");
            }
            out.putByte(Wire.RESULT_VALUE);
            Values.write(out, r, null);
        }
    }

    /** Number of objects in this engine's table (tests). */
    public int objects() {
        return table.size();
    }
}

package org.jdistarray.client;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import org.jdistarray.protocol.DistArrayException;

/**
 * A command failed on one or more engines. The message names the command, the engines, the exception type (simple
 * name) and message; {@link #failures()} holds each failing engine's class, message and {@link #remoteStackTrace()
 * stack trace}. The engines are alive and consistent afterwards: a failed command leaves no object the client can
 * reach. When every failing engine threw the same standard {@code java.lang} exception
 * ({@code IllegalArgumentException}, {@code IllegalStateException}, {@code IndexOutOfBoundsException},
 * {@code UnsupportedOperationException}, {@code ArithmeticException}, {@code NullPointerException},
 * {@code ClassCastException}), the client throws that type instead, with this exception as its cause.
 */
public class EngineException extends DistArrayException {
    private static final long serialVersionUID = 1L;

    /** One engine's failure. */
    public record Failure(int engine, String className, String message, String stackTrace) {
        /** The simple name of the exception class. */
        public String simpleName() {
            return className.substring(className.lastIndexOf('.') + 1);
        }
    }

    private final transient List<Failure> failures;
    private final int engines;

    EngineException(String command, int engines, List<Failure> failures) {
        super(message(command, engines, failures));
        this.engines = engines;
        this.failures = List.copyOf(failures);
    }

    private static String message(String command, int engines, List<Failure> failures) {
        Failure f0 = failures.get(0);
        boolean same = true;
        for (Failure f : failures) {
            same &= f.className().equals(f0.className()) && String.valueOf(f.message()).equals(String.valueOf(f0.message()));
        }
        StringBuilder sb = new StringBuilder(command).append(" failed on ");
        if (same) {
            StringJoiner j = new StringJoiner(", ");
            for (Failure f : failures) {
                j.add(String.valueOf(f.engine()));
            }
            sb.append(failures.size() == 1 ? "engine " : "engines ").append(j).append(" of ").append(engines).append(": ")
                    .append(f0.simpleName()).append(": ").append(f0.message());
        } else {
            sb.append(failures.size()).append(" of ").append(engines).append(" engines");
            for (Failure f : failures) {
                sb.append("; engine ").append(f.engine()).append(": ").append(f.simpleName()).append(": ").append(f.message());
            }
        }
        return sb.toString();
    }

    /** The failing engines' reports, in engine order. */
    public List<Failure> failures() {
        return failures == null ? List.of() : failures;
    }

    /** The engine numbers (0-based among the engines) that failed. */
    public int[] engines() {
        return failures().stream().mapToInt(Failure::engine).toArray();
    }

    /** The number of engines of the context. */
    public int engineCount() {
        return engines;
    }

    /** The class name of the first failing engine's exception. */
    public String remoteClassName() {
        return failures().isEmpty() ? null : failures.get(0).className();
    }

    /** The first failing engine's stack trace, as printed on that engine. */
    public String remoteStackTrace() {
        return failures().isEmpty() ? null : failures.get(0).stackTrace();
    }

    /** The client-side exception for this failure: a standard java.lang type when all engines agree on one, else this. */
    RuntimeException toThrow() {
        String c = failures.get(0).className();
        for (Failure f : failures) {
            if (!f.className().equals(c)) {
                return this;
            }
        }
        RuntimeException r = switch (c) {
            case "java.lang.IllegalArgumentException" -> new IllegalArgumentException(getMessage(), this);
            case "java.lang.IllegalStateException" -> new IllegalStateException(getMessage(), this);
            case "java.lang.IndexOutOfBoundsException", "java.lang.ArrayIndexOutOfBoundsException" ->
                    new IndexOutOfBoundsException(getMessage());
            case "java.lang.UnsupportedOperationException" -> new UnsupportedOperationException(getMessage(), this);
            case "java.lang.ArithmeticException" -> new ArithmeticException(getMessage());
            case "java.lang.NullPointerException" -> new NullPointerException(getMessage());
            case "java.lang.ClassCastException" -> new ClassCastException(getMessage());
            default -> this;
        };
        if (r != this && r.getCause() == null) {
            r.initCause(this);
        }
        return r;
    }

    static List<Failure> list() {
        return new ArrayList<>();
    }
}

package org.jdistarray.protocol;

import java.util.List;

/**
 * Metadata that is not a valid protocol export, or text that is not a valid encoding of one.
 * Carries every violation the validator found, each naming its dimension and key.
 */
public class ProtocolException extends DistArrayException {
    private final List<Violation> violations;

    public ProtocolException(String message) {
        super(message);
        this.violations = List.of();
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
        this.violations = List.of();
    }

    public ProtocolException(List<Violation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        StringBuilder sb = new StringBuilder("invalid protocol metadata:");
        for (Violation v : violations) {
            sb.append("\n  ").append(v);
        }
        return sb.toString();
    }
}

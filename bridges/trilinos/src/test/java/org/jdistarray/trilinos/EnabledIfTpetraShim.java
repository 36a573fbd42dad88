package org.jdistarray.trilinos;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.jdistarray.trilinos.internal.Tpetra;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables (never fails) a test class or method, with a reason, when the {@code jdist_tpetra} shim cannot be loaded
 * (Trilinos not installed, so Maven did not build it). Loading does not initialise MPI or Tpetra.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(EnabledIfTpetraShim.Condition.class)
public @interface EnabledIfTpetraShim {

    /** The condition behind the annotation. */
    final class Condition implements ExecutionCondition {
        private static volatile String reason;
        private static volatile boolean checked;

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (!checked) {
                reason = Tpetra.unavailableReason();
                checked = true;
            }
            return reason == null ? ConditionEvaluationResult.enabled("jdist_tpetra shim loaded")
                    : ConditionEvaluationResult.disabled("the Tpetra shim is not available (Trilinos not installed? "
                            + "see bin/install-deps): " + reason);
        }
    }
}

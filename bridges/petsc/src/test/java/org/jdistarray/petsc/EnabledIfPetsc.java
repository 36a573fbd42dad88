package org.jdistarray.petsc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.jdistarray.petsc.internal.Petsc;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables (never fails) a test class or method, with a reason, when libmpi or libpetsc_real cannot be loaded.
 * Loading does not initialise MPI or PETSc.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(EnabledIfPetsc.Condition.class)
public @interface EnabledIfPetsc {

    /** The condition behind the annotation. */
    final class Condition implements ExecutionCondition {
        private static volatile String reason;
        private static volatile boolean checked;

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (!checked) {
                reason = Petsc.unavailableReason();
                checked = true;
            }
            return reason == null ? ConditionEvaluationResult.enabled("libpetsc_real loaded")
                    : ConditionEvaluationResult.disabled("PETSc is not available (install libpetsc-real-dev, see "
                            + "bin/install-deps): " + reason);
        }
    }
}

package org.jdistarray.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Disables (never fails) a test class or method, with a reason, when {@code mpirun} is not on the PATH. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(EnabledIfMpirun.Condition.class)
public @interface EnabledIfMpirun {

    /** The condition behind the annotation. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return MpiLauncher.mpirun()
                    .map(p -> ConditionEvaluationResult.enabled("mpirun found at " + p))
                    .orElseGet(() -> ConditionEvaluationResult.disabled(
                            "mpirun not found on PATH (install openmpi-bin and libopenmpi-dev; see bin/install-deps)"));
        }
    }
}

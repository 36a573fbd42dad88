package org.jdistarray.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;

import org.jdistarray.comm.mpi.MpiImplementation;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables (never fails) a test class or method, with a reason, when the MPI launcher it needs is not on the PATH:
 * {@code @EnabledIfMpirun} needs the {@linkplain MpiLauncher#defaultImplementation() default implementation}'s
 * launcher, {@code @EnabledIfMpirun(MpiImplementation.MPICH)} needs {@code mpiexec.mpich}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(EnabledIfMpirun.Condition.class)
public @interface EnabledIfMpirun {

    /** The implementations whose launchers must be present; empty means the default implementation. */
    MpiImplementation[] value() default {};

    /** The condition behind the annotation. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            List<MpiImplementation> needed = new ArrayList<>();
            context.getElement().map(e -> e.getAnnotation(EnabledIfMpirun.class)).ifPresent(a -> needed.addAll(List.of(a.value())));
            if (needed.isEmpty()) {
                needed.add(MpiLauncher.defaultImplementation());
            }
            List<String> found = new ArrayList<>();
            for (MpiImplementation impl : needed) {
                MpiLauncher.MpiRuns runs = MpiLauncher.using(impl);
                if (runs.launcher().isEmpty()) {
                    return ConditionEvaluationResult.disabled(runs.installHint());
                }
                found.add(impl + " launcher " + runs.launcher().get());
            }
            return ConditionEvaluationResult.enabled(String.join(", ", found));
        }
    }
}

package org.jdistarray.petsc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * PETSc options for a {@link PetscSession} (PETSc's options database), built with typed methods, plus one escape
 * hatch for anything else: {@link #raw(String...)} takes {@code -option [value]} tokens as on PETSc's command line.
 * The session always adds {@code -no_signal_handler} (PETSc's signal handler would replace the JVM's and kill it).
 * Options such as {@code -ksp_type} act on a {@link Ksp} through {@link Ksp#fromOptions()}. Immutable.
 */
public final class PetscOptions {
    private static final PetscOptions NONE = new PetscOptions(List.of());

    private final List<String[]> entries;

    private PetscOptions(List<String[]> entries) {
        this.entries = Collections.unmodifiableList(entries);
    }

    /** <b>Not collective.</b> No options. */
    public static PetscOptions none() {
        return NONE;
    }

    /**
     * <b>Not collective.</b> Options as command-line tokens: {@code raw("-ksp_monitor")},
     * {@code raw("-ksp_rtol 1e-10", "-pc_type", "gamg")}. A token that does not start with {@code -} (or is a
     * number) is the value of the option before it.
     *
     * @throws IllegalArgumentException if a value has no option before it
     */
    public static PetscOptions raw(String... tokens) {
        return builder().raw(tokens).build();
    }

    /** <b>Not collective.</b> A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** <b>Not collective.</b> These options followed by {@code more} (later ones win in PETSc). */
    public PetscOptions with(PetscOptions more) {
        List<String[]> all = new ArrayList<>(entries);
        all.addAll(more.entries);
        return new PetscOptions(all);
    }

    /** <b>Not collective.</b> The options as command-line tokens. */
    public List<String> tokens() {
        List<String> t = new ArrayList<>();
        for (String[] e : entries) {
            t.add(e[0]);
            if (e[1] != null) {
                t.add(e[1]);
            }
        }
        return t;
    }

    List<String[]> entries() {
        return entries;
    }

    @Override
    public String toString() {
        return String.join(" ", tokens());
    }

    /** Typed options; {@link #raw} for the rest. */
    public static final class Builder {
        private final List<String[]> entries = new ArrayList<>();

        private Builder() {
        }

        /** <b>Not collective.</b> {@code -ksp_type}. */
        public Builder kspType(KspType type) {
            return put("-ksp_type", type.petscName());
        }

        /** <b>Not collective.</b> {@code -pc_type}. */
        public Builder pcType(PcType type) {
            return put("-pc_type", type.petscName());
        }

        /** <b>Not collective.</b> {@code -ksp_rtol}. */
        public Builder kspRelativeTolerance(double rtol) {
            return put("-ksp_rtol", number(rtol));
        }

        /** <b>Not collective.</b> {@code -ksp_atol}. */
        public Builder kspAbsoluteTolerance(double atol) {
            return put("-ksp_atol", number(atol));
        }

        /** <b>Not collective.</b> {@code -ksp_max_it}. */
        public Builder kspMaxIterations(int maxIterations) {
            if (maxIterations < 0) {
                throw new IllegalArgumentException("maxIterations " + maxIterations + " < 0");
            }
            return put("-ksp_max_it", Integer.toString(maxIterations));
        }

        /** <b>Not collective.</b> {@code -ksp_monitor}: PETSc prints each residual norm (to stdout, from PETSc). */
        public Builder kspMonitor() {
            return put("-ksp_monitor", null);
        }

        /** <b>Not collective.</b> {@code -ksp_view}: PETSc prints the solver configuration after each solve. */
        public Builder kspView() {
            return put("-ksp_view", null);
        }

        /** <b>Not collective.</b> {@code -log_view}: PETSc prints its performance summary at session close. */
        public Builder logView() {
            return put("-log_view", null);
        }

        /** <b>Not collective.</b> Any options, as command-line tokens (see {@link PetscOptions#raw}). */
        public Builder raw(String... tokens) {
            List<String> split = new ArrayList<>();
            for (String t : tokens) {
                for (String p : t.trim().split("\\s+")) {
                    if (!p.isEmpty()) {
                        split.add(p);
                    }
                }
            }
            for (int i = 0; i < split.size(); i++) {
                String name = split.get(i);
                if (!isName(name)) {
                    throw new IllegalArgumentException("PETSc option value '" + name + "' has no option before it");
                }
                String value = i + 1 < split.size() && !isName(split.get(i + 1)) ? split.get(++i) : null;
                put(name, value);
            }
            return this;
        }

        /** <b>Not collective.</b> The options. */
        public PetscOptions build() {
            return new PetscOptions(new ArrayList<>(entries));
        }

        private Builder put(String name, String value) {
            if (name.length() < 2 || name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("bad PETSc option name '" + name + "'");
            }
            entries.add(new String[] {name, value});
            return this;
        }

        private static boolean isName(String token) {
            if (!token.startsWith("-")) {
                return false;
            }
            try {
                Double.parseDouble(token);
                return false;
            } catch (NumberFormatException e) {
                return true;
            }
        }

        private static String number(double v) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("tolerance " + v + " must be finite and >= 0");
            }
            return String.format(Locale.ROOT, "%.17g", v);
        }
    }
}

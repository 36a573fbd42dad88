package org.jdistarray.comm.mpi.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

import org.jdistarray.comm.CommunicationException;
import org.jdistarray.comm.mpi.MpiImplementation;

/**
 * Chooses and loads the MPI library once, {@code RTLD_NOW | RTLD_GLOBAL}, so that MPI's plugins (and libraries loaded
 * later, such as PETSc) resolve against it. The choice, first match wins: {@code -Djdistarray.mpi.library} (a path or
 * a library name); {@code -Djdistarray.mpi} ({@code openmpi|mpich}); the environment variable
 * {@code JDISTARRAY_MPI}; the launcher that started the process (Open MPI's {@code mpirun} sets
 * {@code OMPI_COMM_WORLD_SIZE}, MPICH's hydra sets {@code PMI_RANK}); otherwise Open MPI's names, then MPICH's.
 */
final class MpiLibrary {
    private static final int RTLD_NOW = 0x2;
    private static final int RTLD_GLOBAL = 0x100;
    static final String IMPLEMENTATION_PROPERTY = "jdistarray.mpi";
    static final String LIBRARY_PROPERTY = "jdistarray.mpi.library";
    static final String IMPLEMENTATION_ENV = "JDISTARRAY_MPI";
    static final String UCX_ERROR_SIGNALS = "UCX_ERROR_SIGNALS";
    /** Runtime soname first: the -dev symlink {@code libmpi.so} is an alternative that may point to MPICH. */
    static final List<String> OPEN_MPI_NAMES = List.of("libmpi.so.40", "mpi");
    /** Debian's MPICH, then upstream MPICH installs (which name the library libmpi.so.12). */
    static final List<String> MPICH_NAMES = List.of("libmpich.so.12", "mpich", "libmpi.so.12");

    /**
     * What to load: the implementation asked for (empty: whatever loads), why, and the library names to try.
     */
    record Choice(Optional<MpiImplementation> implementation, String reason, List<String> names) {
    }

    /** The loaded library and the choice that led to it. */
    record Loaded(NativeLibrary library, Choice choice) {
    }

    private MpiLibrary() {
    }

    /** Loads once; a failure is kept and thrown again (as a new exception) on every later use. */
    private static final class Holder {
        static final Loaded LOADED;
        static final CommunicationException FAILURE;

        static {
            Loaded loaded = null;
            CommunicationException failure = null;
            try {
                loaded = load(choose(System::getProperty, System.getenv()));
            } catch (CommunicationException e) {
                failure = e;
            }
            LOADED = loaded;
            FAILURE = failure;
        }
    }

    /**
     * The MPI library of this process, loaded on first use.
     *
     * @throws CommunicationException if it cannot be loaded (every time)
     */
    static Loaded get() {
        if (Holder.FAILURE != null) {
            throw new CommunicationException(Holder.FAILURE.getMessage(), Holder.FAILURE);
        }
        return Holder.LOADED;
    }

    /** The choice for these system properties and environment (pure, for tests). */
    static Choice choose(UnaryOperator<String> properties, Map<String, String> env) {
        Optional<MpiImplementation> asked = Optional.empty();
        String reason = null;
        boolean explicit = true;
        String property = properties.apply(IMPLEMENTATION_PROPERTY);
        if (property != null && !property.isBlank()) {
            asked = Optional.of(parse(property, "-D" + IMPLEMENTATION_PROPERTY));
            reason = "-D" + IMPLEMENTATION_PROPERTY + "=" + property;
        } else if (!env.getOrDefault(IMPLEMENTATION_ENV, "").isBlank()) {
            asked = Optional.of(parse(env.get(IMPLEMENTATION_ENV), IMPLEMENTATION_ENV));
            reason = IMPLEMENTATION_ENV + "=" + env.get(IMPLEMENTATION_ENV);
        } else if (env.containsKey("OMPI_COMM_WORLD_SIZE")) {
            explicit = false;
            asked = Optional.of(MpiImplementation.OPEN_MPI);
            reason = "started by Open MPI's mpirun (OMPI_COMM_WORLD_SIZE is set)";
        } else if (env.containsKey("PMI_RANK")) {
            explicit = false;
            asked = Optional.of(MpiImplementation.MPICH);
            reason = "started by a PMI launcher such as MPICH's mpiexec (PMI_RANK is set)";
        }
        String library = properties.apply(LIBRARY_PROPERTY);
        if (library != null && !library.isBlank()) {
            String what = "-D" + LIBRARY_PROPERTY + "=" + library;
            return explicit && asked.isPresent() ? new Choice(asked, reason + " with " + what, List.of(library))
                    : new Choice(Optional.empty(), what, List.of(library));
        }
        if (asked.isEmpty()) {
            List<String> all = new ArrayList<>(OPEN_MPI_NAMES);
            all.addAll(MPICH_NAMES);
            return new Choice(asked, "default (Open MPI if installed, else MPICH)", List.copyOf(all));
        }
        return new Choice(asked, reason, asked.get() == MpiImplementation.OPEN_MPI ? OPEN_MPI_NAMES : MPICH_NAMES);
    }

    private static MpiImplementation parse(String value, String where) {
        try {
            return MpiImplementation.fromKey(value);
        } catch (IllegalArgumentException e) {
            throw new CommunicationException(where + ": " + e.getMessage());
        }
    }

    private static Loaded load(Choice choice) {
        keepJvmSignalHandlers();
        List<String> errors = new ArrayList<>();
        for (String name : choice.names()) {
            try {
                return new Loaded(NativeLibrary.getInstance(name, Map.of(Library.OPTION_OPEN_FLAGS, RTLD_NOW | RTLD_GLOBAL)),
                        choice);
            } catch (UnsatisfiedLinkError e) {
                errors.add(name + ": " + e.getMessage());
            }
        }
        String install = choice.implementation().map(i -> i == MpiImplementation.OPEN_MPI
                ? "install openmpi-bin and libopenmpi-dev" : "install mpich and libmpich-dev")
                .orElse("install Open MPI (openmpi-bin) or MPICH (mpich)");
        throw new CommunicationException("cannot load the MPI library (" + choice.reason() + "; " + install
                + ", or set -D" + LIBRARY_PROPERTY + "=<path>); tried " + String.join("; ", errors));
    }

    /**
     * UCX (MPICH's transport on Debian, {@code ch4:ucx}, and an optional one of Open MPI) replaces the handlers of
     * SIGSEGV, SIGBUS, SIGFPE and SIGILL when it is loaded, to print a backtrace. The JVM raises SIGSEGV on purpose
     * (null checks, safepoints), so the first {@link NullPointerException} after loading would kill the JVM. Setting
     * {@code UCX_ERROR_SIGNALS} to the empty list before UCX loads keeps the JVM's handlers, as UCX's own Java
     * binding does; a value the user set is kept ({@code setenv} with overwrite 0).
     */
    private static void keepJvmSignalHandlers() {
        if (System.getenv(UCX_ERROR_SIGNALS) != null) {
            return;
        }
        try {
            Function setenv = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("setenv");
            setenv.invokeInt(new Object[] {UCX_ERROR_SIGNALS, "", 0});
        } catch (UnsatisfiedLinkError e) {
            // no libc setenv: UCX's handlers stay; the MPI tests' NullPointerException check would show it
        }
    }

    /**
     * Why MPI must not be initialised under this launcher, if so: a library of one implementation started by the
     * other's launcher would make every rank a separate one-rank job (it cannot read the other launcher's wire-up).
     */
    static Optional<String> launcherMismatch(MpiImplementation loaded, Map<String, String> env) {
        String ompiSize = env.get("OMPI_COMM_WORLD_SIZE");
        String pmiSize = env.get("PMI_SIZE");
        if (loaded == MpiImplementation.MPICH && ompiSize != null && !"1".equals(ompiSize)) {
            return Optional.of("this process was started by Open MPI's mpirun (OMPI_COMM_WORLD_SIZE=" + ompiSize
                    + ") but MPICH is loaded: every rank would be a separate one-rank job. Start it with mpiexec.mpich,"
                    + " or load Open MPI (-D" + IMPLEMENTATION_PROPERTY + "=openmpi)");
        }
        if (loaded == MpiImplementation.OPEN_MPI && ompiSize == null && pmiSize != null && !"1".equals(pmiSize)) {
            return Optional.of("this process was started by a PMI launcher such as MPICH's mpiexec (PMI_SIZE=" + pmiSize
                    + ") but Open MPI is loaded: every rank would be a separate one-rank job. Start it with"
                    + " mpirun.openmpi, or load MPICH (-D" + IMPLEMENTATION_PROPERTY + "=mpich)");
        }
        return Optional.empty();
    }
}

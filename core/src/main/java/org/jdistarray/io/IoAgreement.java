package org.jdistarray.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

import org.jdistarray.comm.CollectiveErrors;
import org.jdistarray.comm.Communicator;
import org.jdistarray.protocol.DistArrayException;

/** Failure agreement for file work: every rank throws, file failures as {@link ArrayFileException} everywhere. */
final class IoAgreement {
    /** A step of file work that may fail with an {@link IOException}. */
    interface IoStep<T> {
        T run() throws IOException;
    }

    private IoAgreement() {
    }

    /** <b>Collective.</b> Runs {@code step} here and agrees on the outcome; I/O errors name {@code file}. */
    static <T> T agree(Communicator comm, String file, IoStep<T> step) {
        return agreeOn(comm, () -> {
            try {
                return step.run();
            } catch (IOException | UncheckedIOException e) {
                throw new ArrayFileException(file + ": " + e, e);
            }
        });
    }

    /** <b>Collective.</b> Agrees on a failure (or null) of this rank. */
    static void agree(Communicator comm, RuntimeException failureOrNull) {
        agreeOn(comm, () -> {
            if (failureOrNull != null) {
                throw failureOrNull;
            }
            return null;
        });
    }

    private static <T> T agreeOn(Communicator comm, Supplier<T> step) {
        try {
            return CollectiveErrors.agree(comm, step);
        } catch (DistArrayException e) {
            if (e.getClass() == DistArrayException.class) {
                throw new ArrayFileException(e.getMessage(), e); // another rank's ArrayFileException, rebuilt
            }
            throw e;
        }
    }
}

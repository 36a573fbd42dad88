package org.jdistarray.petsc;

/**
 * PETSc's error codes ({@code petscerror.h}, PETSc 3.18), with {@link #UNKNOWN} for a code this enum does not know.
 */
public enum PetscError {
    MEM(55, "unable to allocate requested memory"),
    SUP(56, "no support for requested operation"),
    SUP_SYS(57, "no support for requested operation on this computer system"),
    ORDER(58, "operation done in wrong order"),
    SIG(59, "signal received"),
    ARG_SIZ(60, "nonconforming object sizes used in operation"),
    ARG_IDN(61, "two arguments not allowed to be the same"),
    ARG_WRONG(62, "wrong argument (but object probably ok)"),
    ARG_OUTOFRANGE(63, "input argument, out of range"),
    ARG_CORRUPT(64, "null or corrupted PETSc object as argument"),
    FILE_OPEN(65, "unable to open file"),
    FILE_READ(66, "unable to read from file"),
    FILE_WRITE(67, "unable to write to file"),
    ARG_BADPTR(68, "invalid pointer argument"),
    ARG_NOTSAMETYPE(69, "two args must be same object type"),
    POINTER(70, "pointer does not point to valid address"),
    MAT_LU_ZRPVT(71, "detected a zero pivot during LU factorization"),
    FP(72, "floating point exception"),
    ARG_WRONGSTATE(73, "object in argument is in wrong state, e.g. unassembled mat"),
    COR(74, "corrupted PETSc object"),
    ARG_INCOMP(75, "two arguments are incompatible"),
    LIB(76, "error in library called by PETSc"),
    PLIB(77, "PETSc library generated inconsistent data"),
    MEMC(78, "memory corruption"),
    FILE_UNEXPECTED(79, "unexpected data in file"),
    ARG_NOTSAMECOMM(80, "two args must be same communicators"),
    MAT_CH_ZRPVT(81, "detected a zero pivot during Cholesky factorization"),
    CONV_FAILED(82, "iterative method (KSP or SNES) failed"),
    USER(83, "user has not provided needed function"),
    INT_OVERFLOW(84, "integer overflow"),
    ARG_NULL(85, "argument is null that should not be"),
    ARG_UNKNOWN_TYPE(86, "type name doesn't match any registered type"),
    MPI_LIB_INCOMP(87, "MPI library at runtime is not compatible with MPI user compiled with"),
    SYS(88, "error in system call"),
    ARG_TYPENOTSET(89, "the type of the object has not yet been set"),
    FLOP_COUNT(90, "flop count"),
    NOT_CONVERGED(91, "solver did not converge"),
    MISSING_FACTOR(92, "MatGetFactor() failed"),
    OPT_OVERWRITE(93, "attempted to over write options which should not be changed"),
    WRONG_MPI_SIZE(94, "run with a number of MPI ranks it does not support"),
    USER_INPUT(95, "missing or incorrect user input"),
    GPU_RESOURCE(96, "unable to load a GPU resource"),
    GPU(97, "error from a GPU call"),
    MPI(98, "general MPI error"),
    RETURN(99, "PetscError() incorrectly returned an error code of 0"),
    /** A code not in this table. */
    UNKNOWN(-1, "unknown error code");

    private final int code;
    private final String description;

    PetscError(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** <b>Not collective.</b> The numeric code ({@code PETSC_ERR_*}). */
    public int code() {
        return code;
    }

    /** <b>Not collective.</b> The meaning, from {@code petscerror.h}. */
    public String description() {
        return description;
    }

    /** <b>Not collective.</b> The error with code {@code code}, {@link #UNKNOWN} if none. */
    public static PetscError of(int code) {
        for (PetscError e : values()) {
            if (e.code == code && e != UNKNOWN) {
                return e;
            }
        }
        return UNKNOWN;
    }
}

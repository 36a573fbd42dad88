package org.jdistarray.petsc;

/**
 * Common preconditioners ({@code PCType}); any other registered type can be set by name with
 * {@link Ksp#preconditioner(String)}. Whether an external package (HYPRE, ...) is present depends on the PETSc
 * build: an absent one fails with {@link PetscError#ARG_UNKNOWN_TYPE}.
 */
public enum PcType {
    NONE("none"), JACOBI("jacobi"), BJACOBI("bjacobi"), SOR("sor"), ILU("ilu"), ICC("icc"), ASM("asm"), GAMG("gamg"),
    MG("mg"), HYPRE("hypre"), LU("lu"), CHOLESKY("cholesky");

    private final String petscName;

    PcType(String petscName) {
        this.petscName = petscName;
    }

    /** <b>Not collective.</b> PETSc's name, as in {@code -pc_type}. */
    public String petscName() {
        return petscName;
    }
}

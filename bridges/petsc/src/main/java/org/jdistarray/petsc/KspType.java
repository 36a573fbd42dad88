package org.jdistarray.petsc;

/** Common Krylov methods ({@code KSPType}); any other registered type can be set by name with {@link Ksp#type(String)}. */
public enum KspType {
    CG("cg"), GMRES("gmres"), FGMRES("fgmres"), BCGS("bcgs"), MINRES("minres"), CR("cr"), TFQMR("tfqmr"),
    RICHARDSON("richardson"), CHEBYSHEV("chebyshev"), LSQR("lsqr"), PREONLY("preonly");

    private final String petscName;

    KspType(String petscName) {
        this.petscName = petscName;
    }

    /** <b>Not collective.</b> PETSc's name, as in {@code -ksp_type}. */
    public String petscName() {
        return petscName;
    }
}

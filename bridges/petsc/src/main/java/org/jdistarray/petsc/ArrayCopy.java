package org.jdistarray.petsc;

/**
 * What {@link PetscVec#copyOf(org.jdistarray.array.DistArray)} (or {@link PetscVec#wrapOrCopy}) copied on this rank:
 * the bytes, the time, and why a copy was needed.
 *
 * @param bytes   bytes copied on this rank
 * @param seconds time of the copy on this rank (allocation excluded)
 * @param reason  why the array was copied rather than wrapped
 */
public record ArrayCopy(long bytes, double seconds, String reason) {
}

package org.jdistarray.comm.mpi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdistarray.comm.CommunicationException;
import org.jdistarray.comm.mpi.MpiImplementation;
import org.junit.jupiter.api.Test;

/** How the MPI library is chosen (without loading one) and when a launcher does not fit the library. */
class MpiLibraryTest {
    private static MpiLibrary.Choice choose(Map<String, String> props, Map<String, String> env) {
        return MpiLibrary.choose(props::get, env);
    }

    @Test
    void withoutAnySettingOpenMpiNamesComeFirstThenMpich() {
        MpiLibrary.Choice c = choose(Map.of(), Map.of());
        assertEquals(Optional.empty(), c.implementation());
        assertEquals(List.of("libmpi.so.40", "mpi", "libmpich.so.12", "mpich", "libmpi.so.12"), c.names());
    }

    @Test
    void propertyBeatsEnvironmentBeatsLauncher() {
        Map<String, String> env = Map.of("JDISTARRAY_MPI", "openmpi", "PMI_RANK", "0");
        MpiLibrary.Choice byProperty = choose(Map.of("jdistarray.mpi", "MPICH"), env);
        assertEquals(Optional.of(MpiImplementation.MPICH), byProperty.implementation());
        assertEquals(MpiLibrary.MPICH_NAMES, byProperty.names());
        assertEquals("-Djdistarray.mpi=MPICH", byProperty.reason());
        assertEquals(Optional.of(MpiImplementation.OPEN_MPI), choose(Map.of(), env).implementation());
        assertEquals(Optional.of(MpiImplementation.MPICH), choose(Map.of(), Map.of("PMI_RANK", "1")).implementation());
        assertEquals(Optional.of(MpiImplementation.OPEN_MPI),
                choose(Map.of(), Map.of("OMPI_COMM_WORLD_SIZE", "2", "PMI_RANK", "1")).implementation());
    }

    @Test
    void aLibraryPathIsLoadedAsGivenAndCheckedOnlyAgainstAnExplicitChoice() {
        MpiLibrary.Choice path = choose(Map.of("jdistarray.mpi.library", "/opt/mpich/lib/libmpi.so.12"), Map.of("PMI_RANK", "0"));
        assertEquals(List.of("/opt/mpich/lib/libmpi.so.12"), path.names());
        assertEquals(Optional.empty(), path.implementation());
        MpiLibrary.Choice checked = choose(Map.of("jdistarray.mpi.library", "/x/libmpi.so", "jdistarray.mpi", "openmpi"), Map.of());
        assertEquals(Optional.of(MpiImplementation.OPEN_MPI), checked.implementation());
        assertEquals("-Djdistarray.mpi=openmpi with -Djdistarray.mpi.library=/x/libmpi.so", checked.reason());
    }

    @Test
    void unknownNamesAreRefusedWithTheChoices() {
        CommunicationException e = assertThrows(CommunicationException.class,
                () -> choose(Map.of("jdistarray.mpi", "mvapich"), Map.of()));
        assertTrue(e.getMessage().contains("-Djdistarray.mpi: unknown MPI implementation 'mvapich': use openmpi or mpich"),
                e.getMessage());
        assertEquals(MpiImplementation.OPEN_MPI, MpiImplementation.fromKey(" Open_MPI "));
        assertEquals(MpiImplementation.MPICH, MpiImplementation.fromKey("hydra"));
    }

    @Test
    void aLibraryStartedByTheOtherLauncherWithSeveralRanksIsRefused() {
        Map<String, String> hydra = new HashMap<>(Map.of("PMI_RANK", "0", "PMI_SIZE", "2"));
        String why = MpiLibrary.launcherMismatch(MpiImplementation.OPEN_MPI, hydra).orElseThrow();
        assertTrue(why.contains("PMI_SIZE=2") && why.contains("Open MPI is loaded") && why.contains("-Djdistarray.mpi=mpich"), why);
        assertEquals(Optional.empty(), MpiLibrary.launcherMismatch(MpiImplementation.MPICH, hydra));
        Map<String, String> ompi = Map.of("OMPI_COMM_WORLD_SIZE", "2");
        assertTrue(MpiLibrary.launcherMismatch(MpiImplementation.MPICH, ompi).orElseThrow().contains("MPICH is loaded"));
        assertEquals(Optional.empty(), MpiLibrary.launcherMismatch(MpiImplementation.OPEN_MPI, ompi));
        assertEquals(Optional.empty(), MpiLibrary.launcherMismatch(MpiImplementation.MPICH, Map.of("OMPI_COMM_WORLD_SIZE", "1")));
        assertEquals(Optional.empty(), MpiLibrary.launcherMismatch(MpiImplementation.OPEN_MPI, Map.of()));
    }
}

package org.jdistarray.trilinos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.jdistarray.testing.ExportedApi;
import org.junit.jupiter.api.Test;

/** The bridge's module-info exports its public package and not its internal one; no exported signature names JNA. */
class TrilinosModuleTest {
    private static final Path CLASSES = Path.of("target/classes");

    @Test
    void noExportedSignatureNamesJna() throws Exception {
        ExportedApi api = ExportedApi.of(CLASSES);
        assertEquals("org.jdistarray.trilinos", api.descriptor().name());
        assertTrue(api.publicTypes().size() > 5, "public types: " + api.publicTypes());
        assertEquals(List.of(), api.signaturesNaming("com.sun.jna."));
    }

    @Test
    void everyPublicPackageIsExportedAndNoInternalOne() throws Exception {
        assertEquals(List.of(), ExportedApi.unexportedPublicPackages(CLASSES));
        assertTrue(ExportedApi.of(CLASSES).descriptor().exports().stream()
                .noneMatch(e -> !e.isQualified() && e.source().contains("internal")));
    }
}

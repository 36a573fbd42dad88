package org.jdistarray.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** core's module-info exports every public package and no internal one, and no exported signature names JNA. */
class ExportedApiTest {
    private static final Path CLASSES = Path.of("target/classes");

    /** A stand-in API that leaks JNA in every way the check looks at (it must find each). */
    public static class Leaky extends com.sun.jna.Structure implements java.util.function.Supplier<com.sun.jna.Pointer> {
        public com.sun.jna.Memory field;
        protected Leaky(com.sun.jna.Pointer p) {
        }
        public List<? extends com.sun.jna.Callback>[] method(long n) {
            return null;
        }
        @Override
        public com.sun.jna.Pointer get() {
            return null;
        }
        private com.sun.jna.Pointer hidden() {
            return null;
        }
    }

    @Test
    void theCheckFindsEveryKindOfLeak() {
        List<String> found = ExportedApi.signaturesNaming(Leaky.class, "com.sun.jna.");
        String all = String.join("\n", found);
        for (String expected : new String[] {"(supertype): com.sun.jna.Structure", "(supertype): java.util.function.Supplier",
            ".field: com.sun.jna.Memory", ".<init>: com.sun.jna.Pointer", ".method: java.util.List<? extends com.sun.jna.Callback>[]",
            ".get: com.sun.jna.Pointer"}) {
            assertTrue(all.contains(expected), "missing " + expected + " in\n" + all);
        }
        assertTrue(!all.contains("hidden"), all);
    }

    @Test
    void noExportedSignatureNamesJna() throws Exception {
        ExportedApi api = ExportedApi.of(CLASSES);
        assertEquals("org.jdistarray.core", api.descriptor().name());
        assertTrue(api.publicTypes().size() > 20, "public types: " + api.publicTypes());
        assertEquals(List.of(), api.signaturesNaming("com.sun.jna."));
    }

    @Test
    void everyPublicPackageIsExportedAndNoInternalOne() throws Exception {
        assertEquals(List.of(), ExportedApi.unexportedPublicPackages(CLASSES));
        ExportedApi api = ExportedApi.of(CLASSES);
        api.descriptor().exports().stream().filter(e -> !e.isQualified())
                .forEach(e -> assertTrue(!e.source().contains("internal"), "exports " + e.source()));
    }
}

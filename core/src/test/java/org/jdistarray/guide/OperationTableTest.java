package org.jdistarray.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jdistarray.ops.BinaryOp;
import org.jdistarray.ops.UnaryOp;
import org.junit.jupiter.api.Test;

/**
 * core/OPERATIONS.md is exactly {@link OperationTable}'s output (so a method added or removed changes the page or
 * fails here), the table covers every ufunc the library has, and the reflection it is built on tells existing
 * methods from missing ones.
 */
class OperationTableTest {
    @Test
    void pageShowsTheGeneratedTable() throws IOException {
        if (Boolean.getBoolean("jdistarray.writeOperations")) {      // -Djdistarray.writeOperations=true: regenerate
            OperationTable.main(new String[] {"OPERATIONS.md"});
        }
        String page = Files.readString(Path.of("OPERATIONS.md"));
        int from = page.indexOf(OperationTable.BEGIN);
        int to = page.indexOf(OperationTable.END);
        assertTrue(from >= 0 && to > from, "core/OPERATIONS.md lacks the table markers");
        assertEquals(OperationTable.markdown(), page.substring(from, to + OperationTable.END.length() + 1),
                "core/OPERATIONS.md is stale: regenerate it (see the page's first paragraph)");
    }

    @Test
    void everyUfuncOfTheLibraryHasAnAvailableRow() {
        Map<String, Boolean> rows = OperationTable.sections().values().stream().flatMap(List::stream)
                .collect(Collectors.toMap(OperationTable.Row::name, OperationTable.Row::available, (x, y) -> x));
        Set<String> ufuncs = new HashSet<>();
        for (UnaryOp op : UnaryOp.values()) {
            ufuncs.add(op.numpyName());
        }
        for (BinaryOp op : BinaryOp.values()) {
            ufuncs.add(op.numpyName());
        }
        for (String u : ufuncs) {
            assertEquals(Boolean.TRUE, rows.get("np." + u), "np." + u + " must be a row with status yes");
        }
    }

    @Test
    void reflectionTellsPresentFromMissing() {
        assertTrue(OperationTable.exists("Np.add"));
        assertTrue(OperationTable.exists("a.sum"));          // an instance method
        assertFalse(OperationTable.exists("a.zeros"));       // DistArrays.zeros is static, not on the instance
        assertFalse(OperationTable.exists("Np.toString"));   // Object's methods do not count
        assertTrue(OperationTable.exists("rng.normal"));
        assertFalse(OperationTable.exists("Np.noSuchMethodAnywhere"));
        assertEquals("bitwiseAnd", OperationTable.camel("bitwise_and"));
        assertEquals("logicalAnd", OperationTable.camel("logical_and"));
        OperationTable.Row r = OperationTable.parse("np.amax = Np.max a.max # note");
        assertEquals(List.of("Np.max", "a.max"), r.found());
        assertEquals("note", r.note());
        List<String> c = OperationTable.parse("np.foo_bar").candidates();
        assertEquals(List.of("Np.fooBar", "DistArrays.fooBar", "a.fooBar", "Indexing.fooBar"), c.subList(0, 4));
        assertEquals(List.of(), OperationTable.parse("np.foo_bar").found());
        assertEquals(List.of("Np.sort", "a.sort", "Sorting.sort").stream().filter(OperationTable::exists).toList(),
                OperationTable.parse("np.sort").found());
    }
}

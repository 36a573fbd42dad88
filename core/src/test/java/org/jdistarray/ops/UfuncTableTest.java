package org.jdistarray.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jdistarray.array.DistArray;
import org.junit.jupiter.api.Test;

/** The README's ufunc table is what {@link UfuncTable} generates from the enums, and every row has its Np method. */
class UfuncTableTest {
    @Test
    void readmeShowsTheGeneratedTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int from = readme.indexOf(UfuncTable.BEGIN);
        int to = readme.indexOf(UfuncTable.END);
        assertTrue(from >= 0 && to > from, "core/README.md lacks the ufunc table markers; paste UfuncTable.main's output");
        assertEquals(UfuncTable.markdown(), readme.substring(from, to + UfuncTable.END.length() + 1),
                "core/README.md's ufunc table is stale: replace it with UfuncTable.main's output");
    }

    @Test
    void everyUfuncHasItsNpMethods() throws NoSuchMethodException {
        for (UnaryOp op : UnaryOp.values()) {
            Method m = Np.class.getMethod(UfuncTable.camel(op.name()), DistArray.class);
            assertTrue(Modifier.isStatic(m.getModifiers()), m.toString());
            Np.class.getMethod(UfuncTable.camel(op.name()), DistArray.class, UfuncOptions.class);
        }
        for (BinaryOp op : BinaryOp.values()) {
            String name = UfuncTable.camel(op.name());
            Np.class.getMethod(name, DistArray.class, DistArray.class);
            Np.class.getMethod(name, DistArray.class, double.class);
            Np.class.getMethod(name, DistArray.class, long.class);
            Np.class.getMethod(name, double.class, DistArray.class);
            Np.class.getMethod(name, DistArray.class, DistArray.class, UfuncOptions.class);
        }
    }
}

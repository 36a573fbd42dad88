package org.jdistarray.comm.mpi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.ElementType;
import org.jdistarray.comm.ReduceOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handle tables against the installed {@code mpi.h}: a C program compiled with the implementation's own compiler
 * wrapper ({@code mpicc.mpich}, {@code mpicc.openmpi}) prints the constants, the handle sizes and the
 * {@code MPI_Status} layout, and each must equal the table. Skipped, with the reason, when the wrapper is not
 * installed. Nothing is linked into this JVM: the tables are built without loading an MPI library.
 */
class HandleTablesTest {
    private static final String COMMON = """
            #include <mpi.h>
            #include <stdio.h>
            #include <stddef.h>
            #include <stdint.h>
            #define V(name) printf(#name "=%lld\\n", (long long) (name))
            #define P(name) printf(#name "=%lld\\n", (long long) (intptr_t) (name))
            int main(void) {
                P(MPI_IN_PLACE);
                V(MPI_ANY_SOURCE); V(MPI_ANY_TAG); V(MPI_UNDEFINED);
                V(MPI_THREAD_SINGLE); V(MPI_THREAD_FUNNELED); V(MPI_THREAD_SERIALIZED); V(MPI_THREAD_MULTIPLE);
                V(sizeof(MPI_Comm)); V(sizeof(MPI_Request)); V(sizeof(MPI_Status));
                V(offsetof(MPI_Status, MPI_SOURCE)); V(offsetof(MPI_Status, MPI_TAG));
            """;
    private static final String MPICH_HANDLES = """
                V(MPI_COMM_WORLD); V(MPI_COMM_SELF); V(MPI_COMM_NULL); V(MPI_ERRORS_RETURN);
                V(MPI_DOUBLE); V(MPI_FLOAT); V(MPI_INT64_T); V(MPI_INT); V(MPI_INT8_T);
                V(MPI_SUM); V(MPI_PROD); V(MPI_MIN); V(MPI_MAX); V(MPI_LAND); V(MPI_LOR);
            """;

    @TempDir
    Path dir;

    @Test
    void mpichTableMatchesMpichsHeader() throws Exception {
        Map<String, Long> c = compileAndRun("mpicc.mpich", COMMON + MPICH_HANDLES + "}\n");
        MpichHandles h = new MpichHandles();
        checkCommon(h, c);
        assertEquals(c.get("MPI_COMM_WORLD"), h.commWorld, "MPI_COMM_WORLD");
        assertEquals(c.get("MPI_COMM_SELF"), h.commSelf, "MPI_COMM_SELF");
        assertEquals(c.get("MPI_COMM_NULL"), h.commNull, "MPI_COMM_NULL");
        assertEquals(c.get("MPI_ERRORS_RETURN"), h.errorsReturn, "MPI_ERRORS_RETURN");
        Map<ElementType, String> types = Map.of(ElementType.DOUBLE, "MPI_DOUBLE", ElementType.FLOAT, "MPI_FLOAT",
                ElementType.LONG, "MPI_INT64_T", ElementType.INT, "MPI_INT", ElementType.BYTE, "MPI_INT8_T");
        for (ElementType t : ElementType.values()) {
            assertEquals(c.get(types.get(t)), h.datatype(t), types.get(t));
        }
        for (ReduceOp op : ReduceOp.values()) {
            assertEquals(c.get("MPI_" + op.name()), h.op(op), "MPI_" + op.name());
        }
    }

    @Test
    void openMpiTableMatchesOpenMpisHeader() throws Exception {
        Map<String, Long> c = compileAndRun("mpicc.openmpi", COMMON + "}\n");
        checkCommon(new OpenMpiHandles(symbol -> 0L), c);
    }

    /** Special values, thread levels, handle sizes and status layout; the Java-side wildcards map onto MPI's. */
    private static void checkCommon(MpiHandles h, Map<String, Long> c) {
        assertEquals(c.get("MPI_IN_PLACE"), h.inPlace, "MPI_IN_PLACE");
        assertEquals(c.get("MPI_ANY_SOURCE"), h.anySource(), "MPI_ANY_SOURCE");
        assertEquals(c.get("MPI_ANY_TAG"), h.anyTag(), "MPI_ANY_TAG");
        assertEquals(c.get("MPI_UNDEFINED"), h.undefined(), "MPI_UNDEFINED");
        assertEquals((long) Communicator.UNDEFINED, c.get("MPI_UNDEFINED"), "Communicator.UNDEFINED is passed as is");
        assertEquals(List.of(0L, 1L, 2L, 3L), List.of(c.get("MPI_THREAD_SINGLE"), c.get("MPI_THREAD_FUNNELED"),
                c.get("MPI_THREAD_SERIALIZED"), c.get("MPI_THREAD_MULTIPLE")), "ThreadLevel ordinals");
        assertEquals(c.get("sizeof(MPI_Comm)"), h.handleBytes(), "sizeof(MPI_Comm)");
        assertEquals(c.get("sizeof(MPI_Request)"), h.handleBytes(), "sizeof(MPI_Request)");
        assertEquals(c.get("sizeof(MPI_Status)"), h.statusBytes(), "sizeof(MPI_Status)");
        assertEquals(c.get("offsetof(MPI_Status, MPI_SOURCE)"), h.statusSourceOffset(), "MPI_SOURCE offset");
        assertEquals(c.get("offsetof(MPI_Status, MPI_TAG)"), h.statusTagOffset(), "MPI_TAG offset");
    }

    private Map<String, Long> compileAndRun(String compiler, String source) throws IOException, InterruptedException {
        Optional<Path> cc = onPath(compiler);
        assumeTrue(cc.isPresent(), compiler + " not on PATH (install the MPI's -dev package, see bin/install-deps)");
        Path src = dir.resolve("handles.c");
        Path exe = dir.resolve("handles");
        Files.writeString(src, source);
        run(List.of(cc.get().toString(), "-o", exe.toString(), src.toString()));
        Map<String, Long> values = new HashMap<>();
        for (String line : run(List.of(exe.toString())).split("\n")) {
            int eq = line.lastIndexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).trim()));
            }
        }
        return values;
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " failed:\n" + out);
        }
        return out;
    }

    private static Optional<Path> onPath(String name) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(s -> !s.isEmpty()).map(s -> Path.of(s, name)).filter(Files::isExecutable).findFirst();
    }
}

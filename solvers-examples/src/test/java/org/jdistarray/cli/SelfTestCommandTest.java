package org.jdistarray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code jdistarray selftest}: the in-process checks pass on this build, one line each and the summary; a failing
 * check makes the exit code 1; skips carry their reason. (The mpirun part runs in {@link BinaryDistributionIT}.)
 */
class SelfTestCommandTest {
    @Test
    void inProcessChecksPassAndMpiChecksAreSkippedWithTheReason() {
        CliRun run = CliRun.of("selftest", "--no-mpi");
        assertEquals(0, run.code(), run.out() + run.err());
        List<String> lines = run.out().lines().toList();
        int local = SelfTest.localChecks().size();
        assertEquals(local + SelfTest.MPI_CHECKS.size() + 2, lines.size(), run.out());
        for (String l : lines.subList(1, 1 + local)) {
            assertTrue(l.startsWith("ok    "), l);
        }
        for (String l : lines.subList(1 + local, lines.size() - 1)) {
            assertTrue(l.startsWith("skip  mpirun -np 2: ") && l.contains(": --no-mpi"), l);
        }
        assertEquals(local + " passed, 0 failed, " + SelfTest.MPI_CHECKS.size() + " skipped", lines.get(lines.size() - 1));
    }

    @Test
    void aFailingCheckIsCountedAndNamed() {
        StringWriter text = new StringWriter();
        SelfTest.Summary s = SelfTest.run(List.of(
                new SelfTest.Check("fine", () -> "detail"),
                new SelfTest.Check("broken", () -> {
                    SelfTest.check(1 + 1 == 3, "arithmetic is off");
                    return "";
                }),
                new SelfTest.Check("absent", () -> {
                    throw new SelfTest.Skip("no such library");
                }),
                new SelfTest.Check("crashing", () -> {
                    throw new IllegalArgumentException("bad\nmultiline");
                })), new PrintWriter(text, true));
        assertEquals(new SelfTest.Summary(1, 2, 1), s);
        List<String> lines = text.toString().lines().toList();
        assertTrue(lines.get(0).startsWith("ok    fine: detail ("), lines.get(0));
        assertTrue(lines.get(1).startsWith("FAIL  broken: arithmetic is off ("), lines.get(1));
        assertTrue(lines.get(2).startsWith("skip  absent: no such library ("), lines.get(2));
        assertTrue(lines.get(3).startsWith("FAIL  crashing: bad multiline ("), lines.get(3));
        assertEquals("1 passed, 2 failed, 1 skipped", lines.get(4));
    }

    @Test
    void everyLocalCheckCanFail() {
        // each check compares with a serial answer through SelfTest.check: a false condition is a failure
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> SelfTest.check(false, "why"));
        assertEquals("why", e.getMessage());
    }
}

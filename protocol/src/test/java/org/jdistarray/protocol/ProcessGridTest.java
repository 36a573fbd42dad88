package org.jdistarray.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** C-order rank/coordinate maps (protocol.md §1). */
class ProcessGridTest {

    @Test
    void specExamples() {
        ProcessGrid g = new ProcessGrid(2, 2, 2);
        assertEquals(5, g.rankOf(1, 0, 1));
        assertArrayEquals(new int[] {1, 1, 0}, g.coordsOf(6));
        ProcessGrid nm = new ProcessGrid(3, 4);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(i * 4 + j, nm.rankOf(i, j));
            }
        }
    }

    @ParameterizedTest
    @MethodSource
    void coordinatesRoundTrip(int[] shape) {
        ProcessGrid g = new ProcessGrid(shape);
        for (int r = 0; r < g.size(); r++) {
            assertEquals(r, g.rankOf(g.coordsOf(r)));
        }
    }

    static Stream<Arguments> coordinatesRoundTrip() {
        return Stream.of(new int[] {1}, new int[] {5}, new int[] {2, 3}, new int[] {3, 1, 2}, new int[] {2, 2, 2, 2})
                .map(s -> Arguments.of((Object) s));
    }

    @Test
    void zeroDimensionalGridHasOneRank() {
        ProcessGrid g = new ProcessGrid();
        assertEquals(1, g.size());
        assertEquals(0, g.rankOf());
        assertArrayEquals(new int[0], g.coordsOf(0));
    }

    @Test
    void rejects() {
        DistributionException e = assertThrows(DistributionException.class, () -> new ProcessGrid(2, 0));
        assertTrue(e.getMessage().contains("axis 1 has 0 processes"), e.getMessage());
        ProcessGrid g = new ProcessGrid(2, 3);
        assertThrows(IllegalArgumentException.class, () -> g.rankOf(1));
        IndexOutOfBoundsException oob = assertThrows(IndexOutOfBoundsException.class, () -> g.rankOf(1, 3));
        assertTrue(oob.getMessage().contains("axis 1"), oob.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> g.rankOf(-1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> g.coordsOf(6));
        assertThrows(IndexOutOfBoundsException.class, () -> g.coordsOf(-1));
    }
}

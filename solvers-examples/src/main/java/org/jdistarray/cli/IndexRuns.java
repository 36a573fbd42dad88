package org.jdistarray.cli;

/** Formats a list of global indices compactly: consecutive runs as {@code a..b}, e.g. {@code [0..4, 9, 12..13]}. */
final class IndexRuns {
    private IndexRuns() {
    }

    static String format(long[] indices) {
        StringBuilder sb = new StringBuilder("[");
        int i = 0;
        while (i < indices.length) {
            int j = i;
            while (j + 1 < indices.length && indices[j + 1] == indices[j] + 1) {
                j++;
            }
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(indices[i]);
            if (j > i + 1) {
                sb.append("..").append(indices[j]);
            } else if (j == i + 1) {
                sb.append(", ").append(indices[j]);
            }
            i = j + 1;
        }
        return sb.append(']').toString();
    }
}

package org.jdistarray.protocol;

import java.util.List;

/** Lists of ranks in error messages: "rank 3", "ranks 0, 1, 2", long lists shortened. */
final class RankLists {
    private static final int LISTED = 8;

    private RankLists() {
    }

    static String describe(List<Integer> ranks) {
        if (ranks.size() == 1) {
            return "rank " + ranks.get(0);
        }
        StringBuilder sb = new StringBuilder("ranks ");
        for (int i = 0; i < ranks.size() && i < LISTED; i++) {
            sb.append(i == 0 ? "" : ", ").append(ranks.get(i));
        }
        if (ranks.size() > LISTED) {
            sb.append(" and ").append(ranks.size() - LISTED).append(" more");
        }
        return sb.toString();
    }
}

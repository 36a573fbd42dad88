package org.jdistarray.algo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plan of a distributed algorithm ({@code explain}): the communication rounds, the bytes a rank sends (the
 * largest over ranks), the peak extra memory per rank beyond input and result, and, for a plan that was run, the
 * time of each phase in nanoseconds (this rank's; empty for an estimate).
 *
 * @param algorithm what runs, as {@code "sample sort along axis 0"}
 * @param rounds communication rounds (collective exchanges, budget rounds counted)
 * @param bytesPerRank bytes sent per rank
 * @param peakExtraBytes peak temporary memory per rank
 * @param phaseNanos phase name to nanoseconds, in order (for a run), or empty
 */
public record AlgoPlan(String algorithm, int rounds, long bytesPerRank, long peakExtraBytes,
        Map<String, Long> phaseNanos) {
    /** <b>Not collective.</b> A canonical copy of the phase map. */
    public AlgoPlan {
        phaseNanos = Collections.unmodifiableMap(new LinkedHashMap<>(phaseNanos));
    }

    @Override
    public String toString() {
        return algorithm + ": " + rounds + " round(s), " + bytesPerRank + " B sent per rank, peak extra "
                + peakExtraBytes + " B per rank" + (phaseNanos.isEmpty() ? "" : ", phases (ns) " + phaseNanos);
    }
}

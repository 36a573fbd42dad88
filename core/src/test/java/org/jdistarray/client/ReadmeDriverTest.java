package org.jdistarray.client;

import static org.junit.jupiter.api.Assertions.assertEquals;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's driver with 2 embedded engines: the output the README shows. */
@Timeout(60)
class ReadmeDriverTest {
    static final String EXPECTED = "[0.0, 3.0, 10.0, 21.0, 36.0, 55.0] sum=125.0 [engine 0 holds 4, engine 1 holds 2]"
            + " / Np.add failed on engines 0, 1 of 2";

    @Test
    void printsWhatTheReadmeShows() {
        try (Context ctx = Context.embedded(2)) {
            assertEquals(EXPECTED, ReadmeDriver.run(ctx));
            for (int c : ctx.sync()) {
                assertEquals(0, c);
            }
        }
    }
}

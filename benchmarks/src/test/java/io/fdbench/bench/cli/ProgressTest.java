package io.fdbench.bench.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The progress line's content and throttling, on a clock the test moves by hand. */
class ProgressTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1000 * SECOND);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainOutputPrintsAtMostOneLineEveryFiveSecondsWithAnEstimate() {
        Progress p = new Progress("train", "steps", 10, err, false, now::get);
        now.addAndGet(4 * SECOND);
        p.tick();
        assertEquals("", printed(), "nothing before 5 s");
        now.addAndGet(2 * SECOND);
        p.advance(3);
        p.tick();
        assertEquals("train: 3/10 steps (30 %), 0:06 elapsed, about 0:14 left\n", printed().replace("\r\n", "\n"));
        now.addAndGet(4 * SECOND);
        p.advance(2);
        p.tick();
        assertEquals(1, printed().lines().count(), "throttled");
        now.addAndGet(SECOND);
        p.tick();
        assertEquals("train: 5/10 steps (50 %), 0:11 elapsed, about 0:11 left", printed().lines().skip(1).findFirst()
                .orElseThrow());
        p.close();
        now.addAndGet(60 * SECOND);
        p.tick();
        assertEquals(2, printed().lines().count(), "closed: silent");
    }

    @Test
    void noEstimateBeforeTheFirstUnitIsDone() {
        Progress p = new Progress("sweep", "MLP curves", 12, err, false, now::get);
        now.addAndGet(95 * SECOND);
        p.tick();
        assertEquals("sweep: 0/12 MLP curves (0 %), 1:35 elapsed", printed().strip());
    }

    @Test
    void aTerminalLineIsRedrawnInPlaceEverySecondAndClearedAtTheEnd() {
        Progress p = new Progress("train", "steps", 4, err, true, now::get);
        now.addAndGet(SECOND);
        p.advance(1);
        p.tick();
        String first = "train: 1/4 steps (25 %), 0:01 elapsed, about 0:03 left";
        assertEquals("\r" + first, printed());
        p.close();
        assertEquals("\r" + first + "\r" + " ".repeat(first.length()) + "\r", printed());
    }

    @Test
    void clockReadsMinutesAndHours() {
        assertEquals("0:00", Progress.clock(0.4));
        assertEquals("1:05", Progress.clock(65));
        assertEquals("1:02:03", Progress.clock(3723));
    }
}

package io.fdbench.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlagsTest {

    private static Flags flags() {
        return new Flags()
                .flag("quick", "quick")
                .value("out", "DIR", "out")
                .value("threads", "N", "threads")
                .value("eps", "X", "step");
    }

    @Test
    void acceptsSpaceAndEqualsForms() {
        Flags.Parsed p = flags().parse("--quick", "--out", "a/b", "--threads=3", "--eps", "1e-3");
        assertTrue(p.has("quick"));
        assertEquals(Path.of("a/b"), p.path("out", Path.of("x")));
        assertEquals(3, p.integer("threads", 1, 1, 64));
        assertEquals(1e-3, p.decimal("eps", 0, 0, 1));
        assertFalse(p.has("help"));
    }

    @Test
    void defaultsApplyWhenAbsent() {
        Flags.Parsed p = flags().parse();
        assertEquals(7, p.integer("threads", 7, 1, 64));
        assertEquals(Path.of("results"), p.path("out", Path.of("results")));
    }

    @Test
    void unknownFlagsAreRejectedByName() {
        UsageException e = assertThrows(UsageException.class, () -> flags().parse("--quick", "--nope"));
        assertEquals("--nope", e.flag());
        UsageException single = assertThrows(UsageException.class, () -> flags().parse("-x"));
        assertEquals("-x", single.flag());
        assertThrows(UsageException.class, () -> flags().parse("--quick=yes"));
    }

    @Test
    void negativeThreadsReachTheRangeCheckAndNameTheFlag() {
        Flags.Parsed p = flags().parse("--threads", "-1");
        UsageException e = assertThrows(UsageException.class, () -> p.integer("threads", 1, 1, 64));
        assertEquals("--threads", e.flag());
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        UsageException nan = assertThrows(UsageException.class,
                () -> flags().parse("--threads=abc").integer("threads", 1, 1, 64));
        assertTrue(nan.getMessage().startsWith("--threads: "), nan.getMessage());
    }

    @Test
    void decimalsUseAPointNotALocaleComma() {
        UsageException e = assertThrows(UsageException.class,
                () -> flags().parse("--eps", "0,5").decimal("eps", 0, 0, 1));
        assertEquals("--eps", e.flag());
    }

    @Test
    void outputDirectoryMayBeNewButNotAFile(@TempDir Path dir) throws Exception {
        Path fresh = dir.resolve("new/sub");
        assertEquals(fresh, flags().parse("--out", fresh.toString()).outputDirectory("out", Path.of("x")));
        Path file = Files.writeString(dir.resolve("f"), "");
        UsageException e = assertThrows(UsageException.class,
                () -> flags().parse("--out", file.toString()).outputDirectory("out", Path.of("x")));
        assertEquals("--out", e.flag());
    }

    @Test
    void missingValueIsAnError() {
        assertEquals("--out", assertThrows(UsageException.class, () -> flags().parse("--out")).flag());
        assertEquals("--out", assertThrows(UsageException.class, () -> flags().parse("--out", "--quick")).flag());
    }

    @Test
    void singleDashOptionsPassThroughWithTheirValues() {
        Flags f = flags().passSingleDash(Set.of("l"));
        Flags.Parsed p = f.parse("-f", "1", "--quick", "-jvmArgs", "--enable-preview", "-l", "regex");
        assertEquals(List.of("-f", "1", "-jvmArgs", "--enable-preview", "-l"), p.passedThrough());
        assertEquals(List.of("regex"), p.positional());
        assertTrue(p.has("quick"));
    }

    @Test
    void usageListsEveryFlag() {
        String u = flags().usage();
        for (String s : List.of("--help", "--quick", "--out DIR", "--threads N")) {
            assertTrue(u.contains(s), s);
        }
    }
}

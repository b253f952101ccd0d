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
    void numbersAreParsedStrictly() {
        for (String bad : List.of("4x3x2", "\uff14", "1\uff10", "+4", " 4", "4 ", "0x10", "4.0", "1e3", "")) {
            UsageException e = assertThrows(UsageException.class,
                    () -> flags().parse("--threads=" + bad).integer("threads", 1, 1, 64), bad);
            assertEquals("--threads", e.flag());
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        for (String bad : List.of("1e-2f", "1e-2d", "1e-2F", "NaN", "Infinity", "0x1p3", "\uff10.5", "1e", "e3", ".",
                " 0.5", "0.5 ", "--0.5", "0,5")) {
            UsageException e = assertThrows(UsageException.class,
                    () -> flags().parse("--eps=" + bad).decimal("eps", 0, -1, 1), bad);
            assertEquals("--eps", e.flag());
        }
        for (String good : List.of("0.5", ".5", "5.", "1e-3", "1E-3", "2.5e+0", "-0.25")) {
            assertEquals(Double.parseDouble(good), flags().parse("--eps=" + good).decimal("eps", 0, -1, 10), good);
        }
        assertEquals(-3, flags().parse("--threads", "-3").integer("threads", 1, -5, 5));
    }

    @Test
    void outOfRangeNumbersNameTheRange() {
        UsageException big = assertThrows(UsageException.class,
                () -> flags().parse("--threads=99999999999999999999999").integer("threads", 1, 1, 64));
        assertEquals("--threads: expected an integer from 1 to 64, got 99999999999999999999999", big.getMessage());
        UsageException positive = assertThrows(UsageException.class,
                () -> flags().parse("--eps=0").decimal("eps", 1, Double.MIN_VALUE, 1));
        assertEquals("--eps: expected a number greater than 0 and at most 1, got 0", positive.getMessage());
        UsageException range = assertThrows(UsageException.class,
                () -> flags().parse("--eps=2e-7").decimal("eps", 1, 1e-6, 0.5));
        assertEquals("--eps: expected a number from 1e-6 to 0.5, got 2e-7", range.getMessage());
    }

    @Test
    void listsRefuseEmptyItems() {
        Flags f = new Flags().value("family", "LIST", "families");
        assertEquals(List.of("kernel", "epoch"), f.parse("--family", " kernel , epoch").list("family", "kernel"));
        assertEquals(List.of("kernel"), f.parse().list("family", "kernel"));
        for (String bad : List.of(",", "", "kernel,", ",kernel", "kernel,,epoch", " ")) {
            UsageException e = assertThrows(UsageException.class,
                    () -> f.parse("--family=" + bad).list("family", "kernel"), bad);
            assertEquals("--family", e.flag());
            assertTrue(e.getMessage().contains("empty item"), e.getMessage());
        }
    }

    @Test
    void theArgumentsAreKeptForTheRecord() {
        assertEquals(List.of("--quick", "--out", "x"), flags().parse("--quick", "--out", "x").arguments());
    }

    @Test
    void usageListsEveryFlag() {
        String u = flags().usage();
        for (String s : List.of("--help", "--quick", "--out DIR", "--threads N")) {
            assertTrue(u.contains(s), s);
        }
    }
}

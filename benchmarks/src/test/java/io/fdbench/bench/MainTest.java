package io.fdbench.bench;

import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.cli.Subcommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MainTest {

    @Test
    void aKernelSettingErrorIsReportedByItsInnermostMessage() {
        Throwable wrapped = new IllegalStateException("the SIMD kernel could not be loaded",
                new ExceptionInInitializerError(new IllegalStateException("-Dfdbench.vectorBits=512: too wide")));
        assertEquals("-Dfdbench.vectorBits=512: too wide", Main.rootMessage(wrapped));
        assertEquals("plain", Main.rootMessage(new IllegalArgumentException("plain")));
    }

    @Test
    void noArgumentsRunTheSuite() {
        assertEquals("suite", Main.route().command().name());
    }

    @Test
    void jmhOptionsAndRegexesGoToJmhUntouched() {
        for (String[] args : new String[][] {{"-l"}, {"-h"}, {"KernelBenchmark"}, {"-f", "1", "-prof", "gc", "Kernel"},
                {"-rf", "csv", "-rff", "x.csv"}, {"-p", "impl=scalar,ejml"}}) {
            Main.Route r = Main.route(args);
            assertTrue(r.isJmh(), String.join(" ", args));
            assertEquals(args, r.args());
        }
    }

    @Test
    void subcommandNamesRouteToTheirCommandWithoutTheName() {
        for (Subcommand c : Subcommands.ALL) {
            Main.Route r = Main.route(c.name(), "--quick");
            assertEquals(c.name(), r.command().name());
            assertEquals(1, r.args().length);
        }
    }

    @Test
    void suiteFlagsAnywhereRouteToTheSuite() {
        assertEquals("suite", Main.route("-f", "1", "--quick").command().name());
        assertEquals("suite", Main.route("--out=x").command().name());
        assertEquals("suite", Main.route("--bogus").command().name());
    }

    @Test
    void topLevelHelpListsEverySubcommand() {
        Capture c = new Capture();
        assertEquals(Exit.OK, c.run("--help"));
        for (Subcommand s : Subcommands.ALL) {
            assertTrue(c.out().contains(s.name()), s.name());
        }
    }

    @Test
    void everySubcommandAnswersHelp() {
        for (Subcommand s : Subcommands.ALL) {
            Capture c = new Capture();
            assertEquals(Exit.OK, c.run(s.name(), "--help"), s.name());
            assertTrue(c.out().contains("usage: java -jar benchmarks.jar " + s.name()), c.out());
            if (!java.util.Set.of("gradcheck", "compare", "record", "history").contains(s.name())) {
                // Commands that write files say where; gradcheck, compare and history only print,
                // record writes into the history database (--db).
                assertTrue(c.out().contains("--out DIR"), s.name() + " documents --out");
            }
            assertEquals("", c.err());
        }
    }

    @Test
    void unknownFlagExitsTwoWithOneLineNamingIt() {
        for (String cmd : new String[] {"suite", "sweep", "gradcheck", "train", "compare", "record", "history", "trend"}) {
            Capture c = new Capture();
            assertEquals(Exit.USAGE, c.run(cmd, "--bogus"), cmd);
            assertOneLineNaming(c.err(), "--bogus");
            assertEquals("", c.out());
        }
        Capture top = new Capture();
        assertEquals(Exit.USAGE, top.run("--quick", "--frobnicate=3"));
        assertOneLineNaming(top.err(), "--frobnicate");
    }

    @Test
    void outPointingAtAFileIsRejectedNamingOut(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("taken.csv"), "x");
        for (String cmd : new String[] {"suite", "sweep", "gradcheck", "train"}) {
            Capture c = new Capture();
            assertEquals(Exit.USAGE, c.run(cmd, "--out", file.toString()), cmd);
            assertOneLineNaming(c.err(), "--out");
        }
        Capture under = new Capture();
        assertEquals(Exit.USAGE, under.run("--quick", "--out", file.resolve("sub").toString()));
        assertOneLineNaming(under.err(), "--out");
        assertEquals("x", Files.readString(file));
    }

    @Test
    void missingValueIsRejectedNamingTheFlag() {
        Capture c = new Capture();
        assertEquals(Exit.USAGE, c.run("--out"));
        assertOneLineNaming(c.err(), "--out");
    }

    @Test
    void suiteRejectsResultFileOptionsAndRegexes() {
        Capture rff = new Capture();
        assertEquals(Exit.USAGE, rff.run("--quick", "-rff", "x.csv"));
        assertOneLineNaming(rff.err(), "-rff");
        Capture regex = new Capture();
        assertEquals(Exit.USAGE, regex.run("--quick", "Kernel"));
        assertOneLineNaming(regex.err(), "Kernel");
        Capture list = new Capture();
        assertEquals(Exit.USAGE, list.run("--quick", "-l"));
        assertOneLineNaming(list.err(), "-l");
    }

    @Test
    void suiteRejectsUnknownFamilyAndBadJmhValues() {
        Capture fam = new Capture();
        assertEquals(Exit.USAGE, fam.run("--family", "nope"));
        assertOneLineNaming(fam.err(), "--family");
        assertTrue(fam.err().contains("kernel"), "lists the known families");
        Capture forks = new Capture();
        assertEquals(Exit.USAGE, forks.run("--quick", "-f", "many"));
        assertOneLineNaming(forks.err(), "-f");
        Capture unknownJmh = new Capture();
        assertEquals(Exit.USAGE, unknownJmh.run("--quick", "-nosuchoption", "1"));
        assertOneLineNaming(unknownJmh.err(), "nosuchoption");
    }

    @Test
    void suiteRefusesAnEmptyFamilyName() {
        for (String bad : new String[] {",", "kernel,,gradient", "kernel,"}) {
            Capture c = new Capture();
            assertEquals(Exit.USAGE, c.run("--family", bad), bad);
            assertOneLineNaming(c.err(), "--family");
            assertEquals("", c.out(), bad);
        }
    }

    @Test
    void suiteChecksItsOutputFolderBeforeRunningAnything(@TempDir Path dir) throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Path out = locked.resolve("out");
            if (Files.isWritable(locked)) { // root: permissions do not stop it, but no one creates folders in /sys
                assumeTrue(Files.isDirectory(Path.of("/sys/kernel")), "no folder that root cannot write into");
                out = Path.of("/sys/fdbench-test-" + ProcessHandle.current().pid());
            }
            Capture c = new Capture();
            assertEquals(Exit.ENVIRONMENT, c.run("--quick", "--family", "stepsize", "--out", out.toString()),
                    c.err());
            assertOneLineNaming(c.err(), out.toString());
            assertEquals("", c.out(), "no family started");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    static void assertOneLineNaming(String err, String flag) {
        String trimmed = err.strip();
        assertFalse(trimmed.isEmpty(), "an error message");
        assertEquals(1, trimmed.lines().count(), "one line: " + err);
        assertTrue(trimmed.contains(flag), "names " + flag + ": " + err);
        assertTrue(trimmed.contains("error"), err);
    }
}

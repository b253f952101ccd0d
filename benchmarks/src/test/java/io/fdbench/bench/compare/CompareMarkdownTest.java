package io.fdbench.bench.compare;

import io.fdbench.bench.cli.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.fdbench.bench.compare.CompareCommandTest.row;
import static io.fdbench.bench.compare.CompareCommandTest.run;
import static io.fdbench.bench.compare.CompareCommandTest.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code compare --format markdown}: a pull-request comment with the text output's verdicts and exit code. */
class CompareMarkdownTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    @Test
    void aRegressionIsTheHeadlineAndItsRowIsInTheTable() throws IOException {
        Path a = write("a/kernel.csv", table(row("K.x", 100, 2, "us/op", "m"), row("K.y", 50, 1, "us/op", "a|b"),
                row("K.z", 10, 0.1, "us/op", "m")));
        Path b = write("b/kernel.csv", table(row("K.x", 120, 2, "us/op", "m"), row("K.y", 50.5, 1, "us/op", "a|b"),
                row("K.z", 8, 0.1, "us/op", "m")));
        CompareCommandTest.Run r = run("--format", "markdown", "--fail-on-regression", a.toString(), b.toString());
        assertEquals(Exit.FAILURE, r.code(), r.out() + r.err());
        String md = r.out();
        assertTrue(md.startsWith("### fdbench compare\n\n:x: **1 regression** beyond 5.0 %"), md);
        assertTrue(md.contains("| Benchmark | Params | Mode | Baseline | New | Unit | Change | Verdict |\n"
                + "| :-- | :-- | :-- | --: | --: | :-- | --: | :-- |\n"), md);
        assertTrue(md.contains("| `K.x` | model=m | avgt | 100.000 ± 2.000 | 120.000 ± 2.000 | us/op | +20.0 % |"
                + " **REGRESSION** |"), md);
        assertTrue(md.contains("| `K.z` | model=m | avgt | 10.000 ± 0.1 | 8.000 ± 0.1 | us/op | -20.0 % |"
                + " improvement |"), md);
        String moved = md.substring(0, md.indexOf("<details>"));
        assertFalse(moved.contains("`K.y`"), "a row that stayed the same is folded away: " + md);
        assertTrue(md.contains("| `K.y` | model=a\\|b |"), "a pipe in a cell is escaped: " + md);
        assertTrue(md.contains("1 regression(s), 1 improvement(s), 1 same"), md);

        CompareCommandTest.Run text = run(a.toString(), b.toString());
        assertFalse(text.out().contains("###"), "text stays the default: " + text.out());
        assertTrue(text.out().contains("1 regression(s) beyond 5.0 %"), text.out());
    }

    @Test
    void noRegressionSaysSoAndExitsZero() throws IOException {
        Path a = write("a/kernel.csv", table(row("K.x", 100, 2, "us/op", "m")));
        Path b = write("b/kernel.csv", table(row("K.x", 101, 2, "us/op", "m")));
        CompareCommandTest.Run r = run("--format=markdown", "--fail-on-regression", a.toString(), b.toString());
        assertEquals(Exit.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains(":white_check_mark: **No regression** beyond 5.0 %"), r.out());
        assertFalse(r.out().contains("| Benchmark |\n"), r.out());
    }

    @Test
    void badFormatAndConfirmOptionsWithoutConfirmAreUsageErrors() throws IOException {
        Path a = write("a/kernel.csv", table(row("K.x", 100, 2, "us/op", "m")));
        CompareCommandTest.Run r = run("--format", "html", a.toString(), a.toString());
        assertEquals(Exit.USAGE, r.code());
        assertTrue(r.err().contains("--format") && r.err().contains("text or markdown"), r.err());
        r = run("--confirm-forks", "3", a.toString(), a.toString());
        assertEquals(Exit.USAGE, r.code());
        assertTrue(r.err().contains("--confirm-forks") && r.err().contains("only with --confirm"), r.err());
    }
}

package io.fdbench.bench.cli;

import io.fdbench.bench.results.ResultFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Writes a command's result set so that a failed write does not cost the run: when
 * {@link ResultFiles} fails (the disk filled up, the folder became read-only during the run),
 * the contents are printed to stderr under their intended names before the error propagates
 * (and the command exits {@link Exit#ENVIRONMENT}).
 */
public final class ResultOutput {

    private ResultOutput() {
    }

    /** As {@link ResultFiles#write(Path, String, List, Function)}, printing the contents to {@code err} on failure. */
    public static Map<String, Path> writeOrPrint(ResultFiles files, Path dir, String stem, List<String> suffixes,
                                                 Function<Map<String, Path>, Map<String, String>> content,
                                                 String command, PrintStream err) throws IOException {
        AtomicReference<Map<String, String>> made = new AtomicReference<>();
        try {
            return files.write(dir, stem, suffixes, names -> {
                Map<String, String> texts = content.apply(names);
                made.set(texts);
                return texts;
            });
        } catch (IOException e) {
            Map<String, String> texts = made.get();
            Map<String, Path> names = new LinkedHashMap<>();
            for (String suffix : suffixes) {
                names.put(suffix, dir.resolve(stem + suffix));
            }
            if (texts == null) {
                texts = content.apply(names);
            }
            err.println(command + ": the results could not be written; here they are, so the run is not lost:");
            for (String suffix : suffixes) {
                err.println("----- " + names.get(suffix).getFileName() + " -----");
                String text = texts.get(suffix);
                err.print(text == null ? "" : text);
                if (text != null && !text.endsWith("\n")) {
                    err.println();
                }
            }
            err.println("----- end of results -----");
            err.flush();
            throw e;
        }
    }
}

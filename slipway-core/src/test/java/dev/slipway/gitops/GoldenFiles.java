package dev.slipway.gitops;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Copies golden {@code original/} folders and compares folders byte for byte, showing a failure as a line diff. */
final class GoldenFiles {
    private GoldenFiles() {
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TreeSet<String> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            TreeSet<String> out = new TreeSet<>();
            walk.filter(Files::isRegularFile).forEach(p -> out.add(root.relativize(p).toString().replace('\\', '/')));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with the differing lines, control bytes made visible, when the two folders' files differ in any byte. */
    static void assertSameTree(Path expected, Path actual) {
        TreeSet<String> expectedFiles = files(expected);
        TreeSet<String> actualFiles = files(actual);
        if (!expectedFiles.equals(actualFiles)) {
            fail("files differ: expected " + expectedFiles + " but found " + actualFiles);
        }
        List<String> problems = new ArrayList<>();
        for (String file : expectedFiles) {
            byte[] want = read(expected.resolve(file));
            byte[] got = read(actual.resolve(file));
            if (!Arrays.equals(want, got)) {
                problems.add(byteDiff(file, want, got));
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    static String byteDiff(String file, byte[] want, byte[] got) {
        List<String> wantLines = visibleLines(want);
        List<String> gotLines = visibleLines(got);
        StringBuilder out = new StringBuilder("--- expected/" + file + "\n+++ actual/" + file + "\n");
        int max = Math.max(wantLines.size(), gotLines.size());
        for (int i = 0; i < max; i++) {
            String w = i < wantLines.size() ? wantLines.get(i) : null;
            String g = i < gotLines.size() ? gotLines.get(i) : null;
            if (w != null && w.equals(g)) {
                continue;
            }
            out.append("line ").append(i + 1).append(":\n");
            if (w != null) {
                out.append("- ").append(w).append('\n');
            }
            if (g != null) {
                out.append("+ ").append(g).append('\n');
            }
        }
        return out.toString();
    }

    /** Lines split after each LF, with CR, TAB, a BOM and a missing final newline shown as escapes. */
    private static List<String> visibleLines(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            String line = newline < 0 ? text.substring(start) + "<no final newline>" : text.substring(start, newline) + "\\n";
            out.add(line.replace("\r", "\\r").replace("\t", "\\t").replace("\uFEFF", "<BOM>"));
            start = newline < 0 ? text.length() : newline + 1;
        }
        return out;
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

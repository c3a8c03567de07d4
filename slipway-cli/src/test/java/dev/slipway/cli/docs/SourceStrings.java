package dev.slipway.cli.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The string literals of Java sources, per file joined in source order without a separator: a message the code
 * builds from pieces (a literal wrapped over two lines, a quote closed after a conditional part) reads as one text
 * again, so a quoted message's fixed parts can be looked up.
 */
final class SourceStrings {
    private final List<String> files;

    private SourceStrings(List<String> files) {
        this.files = files;
    }

    /** Every literal of every {@code .java} file below the folders. */
    static SourceStrings of(List<Path> folders) {
        List<String> texts = new ArrayList<>();
        for (Path folder : folders) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    texts.add(String.join("", literals(Files.readString(file))));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new SourceStrings(texts);
    }

    /** Whether {@code text} occurs in the joined literals of one file. */
    boolean contains(String text) {
        return files.stream().anyMatch(f -> f.contains(text));
    }

    /** The literals of one source file: comments, char literals and text blocks are skipped; escapes resolved. */
    static List<String> literals(String source) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                i = source.indexOf('\n', i);
                i = i < 0 ? n : i;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                i = source.indexOf("*/", i + 2);
                i = i < 0 ? n : i + 2;
            } else if (c == '\'') {
                i = skipQuoted(source, i, '\'');
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
            } else if (c == '"') {
                int end = skipQuoted(source, i, '"');
                out.add(unescape(source.substring(i + 1, end - 1)));
                i = end;
            } else {
                i++;
            }
        }
        return out;
    }

    /** The index after the closing quote of the literal opening at {@code start}. */
    private static int skipQuoted(String source, int start, char quote) {
        int i = start + 1;
        while (i < source.length() && source.charAt(i) != quote && source.charAt(i) != '\n') {
            i += source.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, source.length());
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char e = text.charAt(++i);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> out.append(e);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

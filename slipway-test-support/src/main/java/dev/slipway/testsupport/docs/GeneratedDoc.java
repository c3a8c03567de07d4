package dev.slipway.testsupport.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A page of {@code docs/} generated from the code and committed: a test renders it in memory and compares it with the
 * committed file, so the page cannot drift from the code. With {@code -Dslipway.docs.update=true} the test writes
 * the page instead (and still passes); without it a difference fails with a line diff and the command that updates.
 */
public final class GeneratedDoc {
    /** The system property that makes a golden test rewrite its page instead of failing. */
    public static final String UPDATE_PROPERTY = "slipway.docs.update";

    private final Path file;
    private final String relative;
    private final String updateCommand;

    private GeneratedDoc(Path file, String relative, String updateCommand) {
        this.file = file;
        this.relative = relative;
        this.updateCommand = updateCommand;
    }

    /**
     * The committed page {@code relative} (e.g. {@code docs/reference/cli.md}) of the repository this test runs in:
     * found by walking up from the working directory to the folder holding {@code docs/index.md}.
     *
     * @param updateCommand the command that regenerates it, named in the failure message
     */
    public static GeneratedDoc at(String relative, String updateCommand) {
        return new GeneratedDoc(repositoryRoot().resolve(relative), relative, updateCommand);
    }

    /** The page {@code file}, shown as {@code relative} in messages (tests of this class). */
    static GeneratedDoc of(Path file, String relative, String updateCommand) {
        return new GeneratedDoc(file, relative, updateCommand);
    }

    /** The repository's root folder: the nearest folder above the working directory that holds docs/index.md. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("docs/index.md"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no docs/index.md in " + dir + " or a folder above it: run the tests inside the"
                + " repository");
    }

    public Path file() {
        return file;
    }

    /**
     * Compares {@code generated} with the committed page; writes it instead when {@link #UPDATE_PROPERTY} is
     * {@code true}.
     *
     * @return null when they are equal (or the page was just written), else the failure message with the diff
     */
    public String compareOrUpdate(String generated) {
        return compareOrUpdate(generated, Boolean.getBoolean(UPDATE_PROPERTY));
    }

    String compareOrUpdate(String generated, boolean update) {
        if (update) {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, generated, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        }
        String committed;
        try {
            committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (committed.equals(generated)) {
            return null;
        }
        return relative + (committed.isEmpty() ? " does not exist" : " differs from what the code generates")
                + " (- committed, + generated):\n" + diff(committed, generated)
                + "\nThe page is generated from the code; to update it run:\n  " + updateCommand + "\nand commit it.";
    }

    /** The changed lines of a line diff (longest common subsequence), with 1-based line numbers; at most 80 lines. */
    static String diff(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                i++;
                j++;
            } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
                out.add(String.format("-%4d | %s", i + 1, a.get(i)));
                i++;
            } else {
                out.add(String.format("+%4d | %s", j + 1, b.get(j)));
                j++;
            }
        }
        if (out.size() > 80) {
            int more = out.size() - 80;
            out = new ArrayList<>(out.subList(0, 80));
            out.add("… and " + more + " more changed lines");
        }
        return String.join("\n", out);
    }
}

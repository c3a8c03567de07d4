package dev.slipway.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flux's own setter test files (image-automation-controller {@code internal/update/testdata/setters}) must come
 * out of marker mode byte for byte as Flux writes them. The files are not copied into this project: they are read
 * from {@code ../shared/peer-testdata/flux-setters} next to the repository root (CI has it), or from the folder
 * named by {@code -Dslipway.shared=<dir>} / {@code SLIPWAY_SHARED} (in a linked Git worktree, next to the main
 * checkout). Without them this test is skipped and says why.
 */
class FluxPeerDataTest {

    @Test
    void markerModeReproducesFluxExpectedFilesByteForByte(@TempDir Path work) throws IOException {
        Path peer = sharedDir().resolve("peer-testdata/flux-setters");
        assumeTrue(Files.isDirectory(peer.resolve("original")),
                "Flux peer data not found at " + peer + ": put the shared folder next to the repository (../shared) "
                        + "or pass -Dslipway.shared=<dir>; skipping the Flux compatibility test");
        GoldenFiles.copyTree(peer.resolve("original"), work);

        UpdateResult result = ManifestUpdater.update(work, UpdateSpec.fluxMarkers(policies(peer.resolve("policies.txt"))));

        GoldenFiles.assertSameTree(peer.resolve("expected"), work);
        assertThat(result.files()).extracting(FileUpdate::path).containsExactly("kustomization.yml", "marked.yaml");
        assertThat(result.changedFieldCount()).isEqualTo(5);
        assertThat(result.notices()).anySatisfy(notice -> assertThat(notice.message()).contains("automation-ns:unchanged"));
    }

    /** {@code <ns>:<policy>=<image>} lines; '#' starts a comment. */
    static Map<String, String> policies(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            out.put(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
        }
        return out;
    }

    static Path sharedDir() {
        String configured = System.getProperty("slipway.shared", System.getenv("SLIPWAY_SHARED"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        Path repositoryRoot = dir == null ? Path.of("").toAbsolutePath() : dir;
        Path shared = repositoryRoot.resolveSibling("shared");
        if (!Files.isDirectory(shared)) {
            Path mainCheckout = mainCheckoutOfWorktree(repositoryRoot);
            if (mainCheckout != null) {
                return mainCheckout.resolveSibling("shared");
            }
        }
        return shared;
    }

    /** In a linked Git worktree, {@code .git} is a file naming {@code <main>/.git/worktrees/<name>}. */
    private static Path mainCheckoutOfWorktree(Path repositoryRoot) {
        Path dotGit = repositoryRoot.resolve(".git");
        if (!Files.isRegularFile(dotGit)) {
            return null;
        }
        try {
            String content = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
            if (!content.startsWith("gitdir:")) {
                return null;
            }
            Path gitDir = repositoryRoot.resolve(content.substring("gitdir:".length()).strip()).normalize();
            Path worktrees = gitDir.getParent();
            if (worktrees == null || !worktrees.getFileName().toString().equals("worktrees") || worktrees.getParent() == null) {
                return null;
            }
            return worktrees.getParent().getParent();
        } catch (IOException unreadable) {
            return null;
        }
    }
}

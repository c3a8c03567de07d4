package dev.slipway.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testsupport.docs.GeneratedDoc;
import dev.slipway.testsupport.docs.Markdown;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The pages of docs/ link to files and headings that exist, and docs/index.md links every page. */
class DocsLinksTest {
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} +(.+)$");

    @Test
    void everyRelativeLinkInTheDocsLeadsToAFileAndHeadingThatExist() throws IOException {
        Path root = GeneratedDoc.repositoryRoot();
        List<String> broken = new ArrayList<>();
        for (Path page : pages(root)) {
            String text = FENCE.matcher(Files.readString(page)).replaceAll("");
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*") || target.startsWith("mailto:")) {
                    continue; // https:, http: …: not checked here (no network)
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(root.relativize(page) + ": " + target + " (no such file)");
                    continue;
                }
                if (hash >= 0 && resolved.toString().endsWith(".md")
                        && !anchors(Files.readString(resolved)).contains(target.substring(hash + 1))) {
                    broken.add(root.relativize(page) + ": " + target + " (no such heading)");
                }
            }
        }

        assertThat(broken).isEmpty();
    }

    @Test
    void theIndexLinksEveryPageOfTheDocs() throws IOException {
        Path root = GeneratedDoc.repositoryRoot();
        String index = Files.readString(root.resolve("docs/index.md"));
        Set<String> linked = new HashSet<>();
        Matcher link = LINK.matcher(index);
        while (link.find()) {
            linked.add(root.resolve("docs").resolve(link.group(1).replaceAll("#.*", "")).normalize().toString());
        }

        assertThat(pages(root)).filteredOn(p -> !p.getFileName().toString().equals("index.md"))
                .allSatisfy(p -> assertThat(linked).as("docs/index.md links " + root.relativize(p)).contains(p.toString()));
    }

    @Test
    void anchorsAreMadeAsGitHubMakesThem() {
        assertThat(anchors("# Push mode and GitOps mode\n## Azure Kubernetes Service (push mode)\n### `acrBuild`\n"))
                .contains("push-mode-and-gitops-mode", "azure-kubernetes-service-push-mode", "acrbuild");
    }

    private static List<Path> pages(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("docs"))) {
            return files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        }
    }

    /** The ids of the page's headings. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        Matcher heading = HEADING.matcher(FENCE.matcher(markdown).replaceAll(""));
        while (heading.find()) {
            anchors.add(Markdown.anchor(heading.group(1)));
        }
        return anchors;
    }
}

package dev.slipway.testsupport.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedDocTest {

    @Test
    void anEqualPageIsAccepted(@TempDir Path dir) throws Exception {
        Path page = Files.writeString(dir.resolve("cli.md"), "# CLI\n\none\n");

        assertThat(GeneratedDoc.of(page, "docs/cli.md", "regenerate").compareOrUpdate("# CLI\n\none\n", false)).isNull();
    }

    @Test
    void aDifferentPageFailsWithTheChangedLinesAndTheCommandThatUpdatesIt(@TempDir Path dir) throws Exception {
        Path page = Files.writeString(dir.resolve("cli.md"), "# CLI\n\n--old\nkept\n");

        String problem = GeneratedDoc.of(page, "docs/cli.md", "./mvnw test -Dslipway.docs.update=true")
                .compareOrUpdate("# CLI\n\n--new\nkept\n--added\n", false);

        assertThat(problem).contains("docs/cli.md differs from what the code generates", "-   3 | --old", "+   3 | --new",
                "+   5 | --added", "./mvnw test -Dslipway.docs.update=true").doesNotContain("| kept");
    }

    @Test
    void aMissingPageIsNamedAsMissing(@TempDir Path dir) {
        String problem = GeneratedDoc.of(dir.resolve("steps.md"), "docs/steps.md", "regenerate").compareOrUpdate("x\n", false);

        assertThat(problem).startsWith("docs/steps.md does not exist").contains("+   1 | x");
    }

    @Test
    void anUpdateWritesThePageInsteadOfFailing(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("reference/cli.md");
        assertThat(GeneratedDoc.of(page, "docs/reference/cli.md", "regenerate").compareOrUpdate("new\n", true)).isNull();

        assertThat(page).hasContent("new");
    }

    @Test
    void theRepositoryRootIsTheFolderWithTheDocsIndex() {
        assertThat(GeneratedDoc.repositoryRoot().resolve("docs/index.md")).isRegularFile();
    }
}

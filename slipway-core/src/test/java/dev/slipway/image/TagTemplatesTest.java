package dev.slipway.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Provenance;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagTemplatesTest {
    private static final Provenance KNOWN = new Provenance("https://git.example/shop.git",
            "0123456789abcdef0123456789abcdef01234567", "feature/Login", null, 42L, "d");

    @Test
    void templatesExpandFromTheProvenance() {
        assertThat(TagTemplates.expand(List.of("{gitCommitShort}", "{branch}-{buildNumber}", "v1.{buildNumber}", "{gitCommit}"),
                KNOWN)).containsExactly("0123456", "feature-login-42", "v1.42", "0123456789abcdef0123456789abcdef01234567");
    }

    @Test
    void latestIsAddedOnlyWhenAskedFor() {
        assertThat(TagTemplates.expand(List.of("{buildNumber}"), KNOWN)).containsExactly("42");
        assertThat(TagTemplates.expand(List.of(), KNOWN)).containsExactly("0123456");
        assertThat(TagTemplates.expand(List.of("{buildNumber}", "latest"), KNOWN)).containsExactly("42", "latest");
    }

    @Test
    void withoutTagsTheDefaultIsTheShortCommitThenTheBuildNumberThenNone() {
        assertThat(TagTemplates.expand(List.of(), new Provenance(null, null, null, null, 9L, "d"))).containsExactly("9");
        assertThat(TagTemplates.expand(List.of(), Provenance.unknown("d"))).isEmpty();
        assertThat(TagTemplates.expand(List.of(), null)).isEmpty();
    }

    @Test
    void duplicatesAreDropped() {
        assertThat(TagTemplates.expand(List.of("42", "{buildNumber}"), KNOWN)).containsExactly("42");
    }

    @ParameterizedTest
    @CsvSource({
        "main, main",
        "origin/feature/Login#2, feature-login-2",
        "refs/heads/release/1.2, release-1.2",
        "-weird--name., weird--name",
        "Ümlaut branch!, mlaut-branch",
    })
    void branchesAreSanitisedToTheTagGrammar(String branch, String tag) {
        assertThat(TagTemplates.sanitiseBranch(branch)).isEqualTo(tag);
    }

    @Test
    void aLongBranchIsCutTo128Characters() {
        assertThat(TagTemplates.sanitiseBranch("b".repeat(300))).hasSize(128);
    }

    @Test
    void aMissingValueNamesThePlaceholderAndWhereToGiveIt() {
        assertThatThrownBy(() -> TagTemplates.expand(List.of("{branch}"), Provenance.unknown("d")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("needs {branch}")
                .extracting(e -> ((InvalidInputException) e).fix()).asString().contains("--branch");
    }

    @Test
    void anUnknownPlaceholderOrAnInvalidResultIsRefused() {
        assertThatThrownBy(() -> TagTemplates.expand(List.of("{version}"), KNOWN))
                .hasMessageContaining("unknown placeholder {version}");
        assertThatThrownBy(() -> TagTemplates.expand(List.of("-{buildNumber}"), KNOWN))
                .hasMessageContaining("tag '-42' (from '-{buildNumber}') is not a valid tag");
        assertThatThrownBy(() -> TagTemplates.expand(List.of("a b"), KNOWN)).hasMessageContaining("'a b'");
        assertThatThrownBy(() -> TagTemplates.expand(List.of(" "), KNOWN)).hasMessageContaining("a tag is empty");
    }
}

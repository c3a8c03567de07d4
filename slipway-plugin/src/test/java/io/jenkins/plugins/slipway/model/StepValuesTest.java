package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepValuesTest {

    @Test
    void blankTextIsNullAndOtherTextIsTrimmed() {
        assertThat(StepValues.text("  ")).isNull();
        assertThat(StepValues.text(null)).isNull();
        assertThat(StepValues.text(" web ")).isEqualTo("web");
    }

    @Test
    void tagsSplitOnCommasSpacesAndNewLines() {
        assertThat(StepValues.splitTags(" 1.4, latest\n{gitCommitShort}  ,")).containsExactly("1.4", "latest",
                "{gitCommitShort}");
        assertThat(StepValues.splitTags(null)).isEmpty();
    }

    @Test
    void pairsAreNameEqualsValueLinesInOrderSkippingBlanksAndComments() {
        Map<String, String> pairs = StepValues.pairs("buildArgs", "VERSION=1.4\r\n\n# a comment\n EMPTY =\nURL=a=b\n");

        assertThat(pairs).containsExactly(Map.entry("VERSION", "1.4"), Map.entry("EMPTY", ""), Map.entry("URL", "a=b"));
        assertThat(StepValues.pairs("labels", null)).isEmpty();
    }

    @Test
    void aLineWithoutANameIsRefusedNamingTheFieldAndTheLine() {
        assertThatThrownBy(() -> StepValues.pairs("secrets", "npmrc=npm-token\njust-a-word"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("secrets");
                    assertThat(e.getMessage()).contains("line 2");
                });
        assertThatThrownBy(() -> StepValues.pairs("buildArgs", "=value")).isInstanceOf(InvalidInputException.class);
    }
}

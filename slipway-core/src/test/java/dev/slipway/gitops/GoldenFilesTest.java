package dev.slipway.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A failing golden case must show which bytes differ, including ones an editor hides. */
class GoldenFilesTest {

    @Test
    void diffShowsCarriageReturnsByteOrderMarkAndMissingFinalNewline() {
        String diff = GoldenFiles.byteDiff("f.yaml",
                "\uFEFFa: 1\r\nb: 2\n".getBytes(StandardCharsets.UTF_8),
                "a: 1\nb: 2".getBytes(StandardCharsets.UTF_8));

        assertThat(diff).isEqualTo("""
                --- expected/f.yaml
                +++ actual/f.yaml
                line 1:
                - <BOM>a: 1\\r\\n
                + a: 1\\n
                line 2:
                - b: 2\\n
                + b: 2<no final newline>
                """);
    }
}

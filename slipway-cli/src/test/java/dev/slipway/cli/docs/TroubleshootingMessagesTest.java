package dev.slipway.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testsupport.docs.GeneratedDoc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/troubleshooting.md quotes the engine's messages in {@code ```message} blocks, one pattern a line, {@code <…>}
 * for the parts that change and a leading {@code Fix: } for the fix line. Every fixed part of every pattern must still
 * occur in the string literals of Slipway's main sources (engine, CLI, plugin), so the page cannot drift from the code.
 */
class TroubleshootingMessagesTest {
    private static final Pattern MESSAGE_BLOCK = Pattern.compile("(?ms)^```message\\n(.*?)^```");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>]*>|…");

    @Test
    void everyQuotedMessageStillOccursInTheSources() throws IOException {
        Path root = GeneratedDoc.repositoryRoot();
        List<String> patterns = patterns(Files.readString(root.resolve("docs/troubleshooting.md")));
        SourceStrings sources = SourceStrings.of(List.of(root.resolve("slipway-core/src/main/java"),
                root.resolve("slipway-cli/src/main/java"), root.resolve("slipway-plugin/src/main/java")));

        List<String> missing = new ArrayList<>();
        for (String pattern : patterns) {
            for (String fragment : fragments(pattern)) {
                if (!sources.contains(fragment)) {
                    missing.add("'" + fragment + "' of: " + pattern);
                }
            }
        }

        assertThat(patterns).as("message patterns in docs/troubleshooting.md").hasSizeGreaterThan(40);
        assertThat(sources.contains("\n  Fix: ")).as("the Fix: line SlipwayException.describe() adds").isTrue();
        assertThat(missing).as("messages quoted in docs/troubleshooting.md that the code no longer says: change the"
                + " page to what the code says now").isEmpty();
    }

    @Test
    void aMessageTheCodeDoesNotSayIsReported() {
        SourceStrings sources = SourceStrings.of(List.of(GeneratedDoc.repositoryRoot().resolve("slipway-core/src/main/java")));

        assertThat(fragments("registry <registry> refused <credential> to <action> repository <repository>"))
                .allMatch(sources::contains);
        assertThat(fragments("the registry exploded while <action>")).noneMatch(sources::contains);
    }

    @Test
    void fixedPartsAreSplitAtPlaceholdersAndTheFixPrefix() {
        assertThat(fragments("Fix: give <identity> the AcrPush role (HTTP <status>): <answer>"))
                .containsExactly("give", "the AcrPush role (HTTP");
        assertThat(fragments("<file>:<line>: the YAML does not parse: <problem>")).containsExactly("the YAML does not parse");
        assertThat(patterns("text\n```message\nline one <x>\n\nFix: line two\n```\n```text\nnot this\n```\n"))
                .containsExactly("line one <x>", "Fix: line two");
    }

    @Test
    void literalsAreReadWithoutCommentsCharLiteralsAndWithEscapes() {
        assertThat(SourceStrings.literals("""
                // "not this"
                /* "nor this" */
                char q = '"';
                String s = "a \\"quoted\\" " + x + "b\\n";
                """)).containsExactly("a \"quoted\" ", "b\n");
    }

    static List<String> patterns(String page) {
        List<String> patterns = new ArrayList<>();
        Matcher block = MESSAGE_BLOCK.matcher(page);
        while (block.find()) {
            block.group(1).lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(patterns::add);
        }
        return patterns;
    }

    /**
     * The fixed parts of a pattern: split at placeholders, trimmed of white space and colons (the engine joins a
     * field name and its message with ": " in another class), and only those long enough to mean something.
     */
    static List<String> fragments(String pattern) {
        String text = pattern.startsWith("Fix: ") ? pattern.substring("Fix: ".length()) : pattern;
        List<String> fragments = new ArrayList<>();
        for (String part : PLACEHOLDER.split(text)) {
            String fragment = part.strip().replaceAll("^:+|:+$", "").strip();
            if (fragment.replaceAll("[^\\p{L}\\p{N}]", "").length() >= 3) {
                fragments.add(fragment);
            }
        }
        return fragments;
    }
}

package dev.slipway.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.SlipwayCommand;
import dev.slipway.testsupport.docs.GeneratedDoc;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** docs/reference/cli.md is what the code generates, and the generator covers every command and option. */
class CliReferenceTest {

    @Test
    void theCommittedCliReferenceIsWhatTheCodeGenerates() {
        String problem = GeneratedDoc.at("docs/reference/cli.md", CliReference.UPDATE_COMMAND)
                .compareOrUpdate(CliReference.render());

        assertThat(problem).as("docs/reference/cli.md").isNull();
    }

    @Test
    void everyCommandAndEveryOptionNameIsOnThePage() {
        String page = CliReference.render();

        assertEveryCommandAndOption(SlipwayCommand.newCommandLine().getCommandSpec(), page);
    }

    @Test
    void aCommandAddedToTheModelAppearsWithoutBeingListedAnywhere() {
        CommandSpec root = SlipwayCommand.newCommandLine().getCommandSpec();
        CommandSpec added = CommandSpec.create().name("frobnicate");
        added.usageMessage().description("Frobnicate an image.");
        added.addOption(CommandLine.Model.OptionSpec.builder("--knob").paramLabel("<n>").type(int.class)
                .defaultValue("3").description("How far to turn it.").build());
        added.addOption(CommandLine.Model.OptionSpec.builder("--dial").paramLabel("<name>").type(String.class)
                .defaultValue("${env:SLIPWAY_TEST_DIAL}").description("Which dial (default: ${DEFAULT-VALUE}).").build());
        root.addSubcommand("frobnicate", added);

        String page = CliReference.render(root);

        assertThat(page).contains("## `slipway frobnicate`", "| `--knob <n>` | How far to turn it. | `3` | 1 |",
                "| `--dial <name>` | Which dial (default: $SLIPWAY_TEST_DIAL). | `$SLIPWAY_TEST_DIAL` | 1 |",
                "[`slipway frobnicate`](#slipway-frobnicate): Frobnicate an image.");
    }

    @Test
    void markdownInDescriptionsIsEscapedSoItRendersAsWritten() {
        assertThat(CliReference.inline("Only this folder below <dir>; **/values*.yaml | x"))
                .isEqualTo("Only this folder below \\<dir\\>; \\*\\*/values\\*.yaml \\| x");
        assertThat(CliReference.anchor("slipway gitops update")).isEqualTo("slipway-gitops-update");
        assertThat(CliReference.variables("${env:SLIPWAY_ENVIRONMENT}")).isEqualTo("$SLIPWAY_ENVIRONMENT");
        assertThat(CliReference.variables("${env:X:-dev}")).isEqualTo("$X, else dev");
    }

    private static void assertEveryCommandAndOption(CommandSpec command, String page) {
        assertThat(page).contains("## `" + command.qualifiedName() + "`");
        for (CommandLine.Model.OptionSpec option : command.options()) {
            for (String name : option.names()) {
                assertThat(page).as(command.qualifiedName() + " " + name).contains("`" + name);
            }
        }
        for (CommandLine sub : command.subcommands().values()) {
            assertEveryCommandAndOption(sub.getCommandSpec(), page);
        }
    }
}

package dev.slipway.cli.docs;

import dev.slipway.cli.SlipwayCommand;
import dev.slipway.testsupport.docs.Markdown;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Renders docs/reference/cli.md from picocli's model of {@link SlipwayCommand}: every command below it (depth first,
 * in declaration order), with its description, synopsis, every option and positional parameter (names, value label,
 * description, default, arity) and its footer (exit codes, examples). Nothing is listed by hand, so a new command or
 * option appears the next time the page is generated.
 */
public final class CliReference {
    static final String UPDATE_COMMAND = "./mvnw -q -pl slipway-cli -am test -Dtest=CliReferenceTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dslipway.docs.update=true";

    private CliReference() {
    }

    /** The page, from the command line {@link SlipwayCommand#newCommandLine()} builds. */
    public static String render() {
        return render(SlipwayCommand.newCommandLine().getCommandSpec());
    }

    static String render(CommandSpec root) {
        List<CommandSpec> commands = new ArrayList<>();
        collect(root, commands);
        StringBuilder out = new StringBuilder();
        out.append("# CLI reference\n\n");
        out.append("<!-- Generated from the code by ").append(CliReference.class.getName())
                .append("; do not edit. CliReferenceTest fails when this page differs from the code; to regenerate:\n")
                .append("     ").append(UPDATE_COMMAND).append(" -->\n\n");
        out.append("Every command and option of `").append(root.qualifiedName())
                .append("`, generated from the command line's own model, so it says exactly what `--help` says.")
                .append(" Secrets are never option values: options ending in `-env`, `-file` or `-stdin` name where a")
                .append(" secret is read from. See [getting started](../getting-started.md) for a first delivery and")
                .append(" [troubleshooting](../troubleshooting.md) for the error messages.\n\n");
        out.append("## Commands\n\n");
        for (CommandSpec command : commands) {
            out.append("- [`").append(command.qualifiedName()).append("`](#").append(anchor(command.qualifiedName()))
                    .append("): ").append(inline(firstSentence(command))).append('\n');
        }
        for (CommandSpec command : commands) {
            out.append('\n');
            command(command, out);
        }
        return out.toString();
    }

    private static void collect(CommandSpec command, List<CommandSpec> into) {
        if (command.usageMessage().hidden()) {
            return;
        }
        into.add(command);
        // one command may be registered under several names (aliases); list it once
        command.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct()
                .forEach(sub -> collect(sub, into));
    }

    private static void command(CommandSpec command, StringBuilder out) {
        out.append("## `").append(command.qualifiedName()).append("`\n\n");
        List<String> description = description(command);
        if (!description.isEmpty()) {
            out.append(inline(String.join("\n\n", description))).append("\n\n");
        }
        CommandLine.Help help = new CommandLine.Help(command, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        out.append("```text\n").append("Usage: ").append(help.synopsis(0).stripTrailing()).append("\n```\n");
        if (command.aliases().length > 0) {
            out.append("\nAlso called: ").append(String.join(", ", List.of(command.aliases()).stream()
                    .map(a -> "`" + a + "`").toList())).append(".\n");
        }
        List<PositionalParamSpec> parameters = command.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!parameters.isEmpty()) {
            out.append("\n| Parameter | Description | Default | Arity |\n|---|---|---|---|\n");
            for (PositionalParamSpec parameter : parameters) {
                out.append("| `").append(parameter.paramLabel().replace("|", "\\|")).append("` | ").append(cell(description(parameter)))
                        .append(" | ").append(defaultOf(rawDefault(parameter))).append(" | ")
                        .append(arity(parameter.arity(), parameter.isMultiValue(), parameter.required())).append(" |\n");
            }
        }
        List<OptionSpec> options = command.options().stream().filter(o -> !o.hidden()).toList();
        if (!options.isEmpty()) {
            out.append("\n| Option | Description | Default | Arity |\n|---|---|---|---|\n");
            for (OptionSpec option : options) {
                out.append("| ").append(optionNames(option)).append(" | ").append(cell(description(option)))
                        .append(" | ").append(defaultOf(rawDefault(option))).append(" | ")
                        .append(arity(option.arity(), option.isMultiValue(), option.required())).append(" |\n");
            }
        }
        if (!command.subcommands().isEmpty()) {
            out.append("\nSubcommands: ").append(String.join(", ", command.subcommands().values().stream()
                    .map(CommandLine::getCommandSpec).distinct().filter(s -> !s.usageMessage().hidden())
                    .map(s -> "[`" + s.name() + "`](#" + anchor(s.qualifiedName()) + ")").toList())).append(".\n");
        }
        List<String> footer = lines(command.usageMessage().footer());
        while (!footer.isEmpty() && footer.get(0).isBlank()) {
            footer.remove(0);
        }
        if (!footer.isEmpty()) {
            out.append("\n```text\n").append(String.join("\n", footer).stripTrailing()).append("\n```\n");
        }
    }

    private static String optionNames(OptionSpec option) {
        List<String> names = new ArrayList<>();
        for (String name : option.names()) {
            // a '|' ends a table cell even inside a code span unless escaped (GitHub Flavored Markdown tables)
            names.add("`" + (name + (option.arity().max() == 0 ? "" : " " + option.paramLabel())).replace("|", "\\|") + "`");
        }
        return String.join(", ", names);
    }

    /**
     * The description with picocli's variables resolved as {@code --help} would, but never from this machine: the
     * texts are read uninterpolated (from a builder copy), so a {@code ${env:…}} default shows its variable's name.
     */
    private static String description(CommandLine.Model.ArgSpec arg) {
        String[] raw = arg instanceof OptionSpec option ? option.toBuilder().description()
                : ((PositionalParamSpec) arg).toBuilder().description();
        String text = String.join(" ", lines(raw)).replace("$${", "\u0000");
        String defaultValue = rawDefault(arg) == null ? "" : variables(rawDefault(arg));
        List<String> candidates = new ArrayList<>();
        if (arg.completionCandidates() != null) {
            arg.completionCandidates().forEach(candidates::add);
        }
        return variables(text.replace("${DEFAULT-VALUE}", defaultValue)
                .replace("${COMPLETION-CANDIDATES}", String.join(", ", candidates))).replace("\u0000", "${");
    }

    private static String rawDefault(CommandLine.Model.ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.toBuilder().defaultValue()
                : ((PositionalParamSpec) arg).toBuilder().defaultValue();
    }

    private static String defaultOf(String value) {
        return value == null || value.isEmpty() ? "" : "`" + variables(value) + "`";
    }

    /** {@code ${env:NAME}} (optionally {@code :-fallback}) as {@code $NAME}: where the value comes from, not this machine's. */
    static String variables(String text) {
        return text.replaceAll("\\$\\{env:([A-Za-z0-9_]+):-([^}]*)\\}", "\\$$1, else $2")
                .replaceAll("\\$\\{env:([A-Za-z0-9_]+)\\}", "\\$$1")
                .replaceAll("\\$\\{sys:([^}:]+)(:-[^}]*)?\\}", "system property $1");
    }

    /** picocli's arity ("0" for a flag, "1" for one value), and whether the option may be given more than once. */
    private static String arity(CommandLine.Range arity, boolean multiValue, boolean required) {
        String text = arity.max() == 0 ? "0 (flag)" : arity.toString();
        if (multiValue) {
            text += ", repeatable";
        }
        if (required) {
            text += ", required";
        }
        return text;
    }

    /** The description, or the header where a command has only that (picocli's help command). */
    private static List<String> description(CommandSpec command) {
        List<String> description = lines(command.usageMessage().description());
        if (description.stream().allMatch(String::isBlank)) {
            description = lines(command.usageMessage().header());
        }
        return description.stream().filter(line -> !line.isBlank()).toList();
    }

    private static String firstSentence(CommandSpec command) {
        List<String> description = description(command);
        if (description.isEmpty()) {
            return "";
        }
        String first = description.get(0);
        int end = first.indexOf(". ");
        return end < 0 ? first : first.substring(0, end + 1);
    }

    /** The lines of a picocli text array, with its format escapes ({@code %n}, {@code %%}) resolved. */
    private static List<String> lines(String[] text) {
        List<String> out = new ArrayList<>();
        for (String line : text) {
            for (String part : line.replace("%%", "\u0000").split("%n", -1)) {
                out.add(part.replace('\u0000', '%'));
            }
        }
        return out;
    }

    static String inline(String text) {
        return Markdown.escape(text);
    }

    private static String cell(String text) {
        return inline(text).replace("\n", " ");
    }

    static String anchor(String heading) {
        return Markdown.anchor(heading);
    }
}

package dev.slipway.cli;

import dev.slipway.support.SlipwayVersion;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code slipway} command line: the engine for any CI or a laptop. Each engine capability adds its subcommand. */
@Command(name = "slipway",
        mixinStandardHelpOptions = true,
        versionProvider = SlipwayCommand.Version.class,
        description = "Build container images, push them to Azure Container Registry, then deploy them to AKS"
                + " (push mode) or commit them to a GitOps repository (GitOps mode).",
        footerHeading = "%n",
        footer = {"Examples:",
            "  slipway build --image myacr.azurecr.io/shop/web --context app",
            "  slipway push --layout .slipway/oci-layout --image myacr.azurecr.io/shop/web \\",
            "      --azure workload-identity",
            "  slipway gitops update --repo https://github.com/contoso/gitops.git \\",
            "      --path overlays/prod --git-password-env GIT_TOKEN -o json \\",
            "      --image myacr.azurecr.io/shop/web:1.4.2@sha256:<hex>",
            "  slipway help deploy"},
        // the subcommands are SUBCOMMANDS, added by newCommandLine: only the one a run names gets a model
        subcommands = {})
public final class SlipwayCommand implements Runnable {
    /** The subcommands, in the order help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            BuildCommand.class,
            PushCommand.class,
            CopyCommand.class,
            DeployCommand.class,
            GitOpsCommand.class,
            WaitCommand.class,
            LoginCommand.class,
            ReportCommand.class,
            DeliverCommand.class,
            CommandLine.HelpCommand.class);

    /** Appended to the help of every engine command, so a new one documents the shared behaviour without repeating it. */
    static final String[] ENGINE_FOOTER = {
        "",
        "Exit codes: 0 ok, 1 failed, 2 usage or bad input, 3 authentication or permission refused, 4 timed out.",
        "Configuration: flags first, then environment variables SLIPWAY_<OPTION> (--poll-interval 5s ="
                + " SLIPWAY_POLL_INTERVAL=5s, --no-progress = SLIPWAY_NO_PROGRESS=true), then the option's default.",
        "Secrets are read only from environment variables, files or stdin (options ending in -env, -file, -stdin), never"
                + " from flags.",
        "Progress goes to stderr: a redrawn line on a terminal, timestamped lines in CI logs (CI set, or not a terminal)."};

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        GitSystemConfig.ignore();
        System.exit(newCommandLine(System.getenv(), args).execute(args));
    }

    /** The command line with Slipway's exit codes, environment defaults and error handling, for {@link #main} and tests. */
    public static CommandLine newCommandLine() {
        return newCommandLine(System.getenv());
    }

    /** As {@link #newCommandLine()}, reading defaults and secrets from {@code environment} instead of the process's. */
    static CommandLine newCommandLine(Map<String, String> environment) {
        return newCommandLine(environment, null);
    }

    /**
     * As {@link #newCommandLine(Map)}, with only the subcommand {@code args} name when they name one: picocli
     * reflects over every option of every command it is given, which is most of a short run's start-up. Help, no
     * subcommand or an unknown one (for its suggestions) get them all.
     */
    static CommandLine newCommandLine(Map<String, String> environment, String[] args) {
        CommandLine cli = new CommandLine(new SlipwayCommand());
        Class<?> named = args == null ? null : subcommandNamedBy(args);
        for (Class<?> subcommand : SUBCOMMANDS) {
            if (named == null || subcommand == named) {
                cli.addSubcommand(subcommand);
            }
        }
        configure(cli, environment);
        cli.setDefaultValueProvider(new EnvironmentDefaults(environment));
        cli.setParameterExceptionHandler(new UsageErrors(environment));
        return cli;
    }

    /** The subcommand the first argument that is not an option names (the root's options take no values), if any. */
    private static Class<?> subcommandNamedBy(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                for (Class<?> subcommand : SUBCOMMANDS) {
                    String name = subcommand.getAnnotation(Command.class).name();
                    if (name.equals(arg) && subcommand != CommandLine.HelpCommand.class) {
                        return subcommand;
                    }
                }
                return null;
            }
        }
        return null;
    }

    private static void configure(CommandLine command, Map<String, String> environment) {
        if (command.getCommand() instanceof EngineCommand engine) {
            engine.environment = environment;
            CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
            List<String> footer = new ArrayList<>(Arrays.asList(usage.footer()));
            footer.addAll(Arrays.asList(ENGINE_FOOTER));
            usage.footer(footer.toArray(String[]::new));
            // picocli counts a required option as missing unless it is typed; one set in the environment is given
            for (CommandLine.Model.OptionSpec option : List.copyOf(command.getCommandSpec().options())) {
                String value = environment.get(EnvironmentDefaults.variableOf(option));
                if (option.required() && value != null && !value.isBlank()) {
                    command.getCommandSpec().remove(option);
                    command.getCommandSpec().addOption(option.toBuilder().required(false).build());
                }
            }
        }
        command.getSubcommands().values().forEach(sub -> configure(sub, environment));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"slipway " + SlipwayVersion.get()};
        }
    }

    /**
     * Usage errors picocli finds (unknown or missing options, bad values): exit 2 with a message naming the option;
     * with {@code -o json} (or {@code SLIPWAY_OUTPUT=json}) as a JSON error on stdout, since the option itself may be
     * what failed to parse.
     */
    static final class UsageErrors implements CommandLine.IParameterExceptionHandler {
        private final Map<String, String> environment;

        UsageErrors(Map<String, String> environment) {
            this.environment = environment;
        }

        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            CommandLine command = e.getCommandLine();
            if (wantsJson(args)) {
                PrintWriter out = command.getOut();
                out.println(JsonOutput.error("usage", field(e), e.getMessage(),
                        "see '" + command.getCommandSpec().qualifiedName(" ") + " --help'", EngineCommand.USAGE));
                out.flush();
            } else {
                PrintWriter err = command.getErr();
                err.println(command.getCommandSpec().qualifiedName(" ") + ": " + e.getMessage());
                CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
                err.println("Try '" + command.getCommandSpec().qualifiedName(" ") + " --help' for the options and examples.");
                err.flush();
            }
            return EngineCommand.USAGE;
        }

        private boolean wantsJson(String[] args) {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--")) {
                    break;
                }
                if ((arg.equals("-o") || arg.equals("--output")) && i + 1 < args.length) {
                    if (args[i + 1].equals("json")) {
                        return true;
                    }
                } else if (arg.equals("-ojson") || arg.equals("-o=json") || arg.equals("--output=json")) {
                    return true;
                }
            }
            return "json".equals(environment.get(EnvironmentDefaults.PREFIX + "OUTPUT"));
        }

        /** The option the error is about: the missing one, the unknown one, or the one with the bad value. */
        private static String field(CommandLine.ParameterException e) {
            if (e instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()) {
                return name(missing.getMissing().get(0));
            }
            if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
                return unmatched.getUnmatched().get(0);
            }
            return e.getArgSpec() == null ? null : name(e.getArgSpec());
        }

        private static String name(CommandLine.Model.ArgSpec argument) {
            return argument instanceof CommandLine.Model.OptionSpec option ? option.longestName() : argument.paramLabel();
        }
    }
}

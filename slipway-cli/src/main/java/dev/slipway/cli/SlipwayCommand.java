package dev.slipway.cli;

import dev.slipway.support.SlipwayVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code slipway} command line: the engine for any CI or a laptop. Each engine capability adds its subcommand. */
@Command(name = "slipway",
        mixinStandardHelpOptions = true,
        versionProvider = SlipwayCommand.Version.class,
        description = "Build container images, push them to Azure Container Registry, then deploy them to AKS"
                + " (push mode) or commit them to a GitOps repository (GitOps mode).",
        subcommands = {
            BuildCommand.class,
            PushCommand.class,
            CopyCommand.class,
            DeployCommand.class,
            GitOpsCommand.class,
            WaitCommand.class,
            LoginCommand.class,
            ReportCommand.class,
            DeliverCommand.class,
            CommandLine.HelpCommand.class})
public final class SlipwayCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The command line with Slipway's exit codes and error handling, for {@link #main} and tests. */
    public static CommandLine newCommandLine() {
        return new CommandLine(new SlipwayCommand());
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
}

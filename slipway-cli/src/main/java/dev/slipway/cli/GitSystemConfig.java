package dev.slipway.cli;

import java.io.File;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * The command line reads no system-wide Git configuration (as {@code GIT_CONFIG_NOSYSTEM=1} does for git): Slipway's
 * Git transport is set by its own options (credentials, proxy, CA file), and finding the system file makes JGit run
 * {@code git --version} and {@code git config --system} in every process, a tenth of a short update's run time. The
 * user's and the repository's Git configuration are read as before.
 */
final class GitSystemConfig {
    private GitSystemConfig() {
    }

    /** Installs the reader for this process (the CLI's own JVM only; the Jenkins agent keeps JGit's default). */
    static void ignore() {
        SystemReader.setInstance(new SystemReader.Delegate(SystemReader.getInstance()) {
            @Override
            public FileBasedConfig openSystemConfig(Config parent, FS fs) {
                return new EmptyConfig(parent, fs);
            }
        });
    }

    /** A configuration without a file: nothing to load, never outdated. */
    private static final class EmptyConfig extends FileBasedConfig {
        EmptyConfig(Config parent, FS fs) {
            super(parent, (File) null, fs);
        }

        @Override
        public void load() {
            // no file
        }

        @Override
        public boolean isOutdated() {
            return false;
        }
    }
}

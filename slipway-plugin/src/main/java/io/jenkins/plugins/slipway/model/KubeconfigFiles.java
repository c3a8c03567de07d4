package io.jenkins.plugins.slipway.model;

import dev.slipway.kube.TemporaryKubeconfig;
import dev.slipway.support.Secret;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@code withAks}'s cluster login on the agent: a kubeconfig (mode 600, in a private folder of mode 700) named by
 * {@code KUBECONFIG} for the body's tools (kubectl, helm), and its removal when the body ends, whatever the body did.
 */
public final class KubeconfigFiles {
    public static final String KUBECONFIG = "KUBECONFIG";

    private KubeconfigFiles() {
    }

    /** What the controller sends the agent: a kubeconfig whose AKS token, if any, is short-lived. */
    public record AgentKubeconfig(Secret content) implements Serializable {
        public AgentKubeconfig {
            Objects.requireNonNull(content, "content");
        }
    }

    /** Where the kubeconfig was written on the agent; paths only, nothing secret. */
    public record KubeconfigFolder(String folder, String file) implements Serializable {
        /** The variables the body sees. */
        public Map<String, String> environment() {
            return Map.of(KUBECONFIG, file);
        }
    }

    /** {@code <workspace>@tmp}: where Jenkins keeps a workspace's temporary files, outside the workspace itself. */
    public static Path temporaryFolderOf(Path workspace) {
        return workspace.resolveSibling(workspace.getFileName() + "@tmp");
    }

    /** @param parent where the private folder is made (the agent's temporary folder) */
    public static KubeconfigFolder write(AgentKubeconfig kubeconfig, Path parent) {
        Path folder;
        try {
            Files.createDirectories(parent);
            folder = Files.createTempDirectory(parent, "slipway-kube",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            try {
                folder = Files.createTempDirectory(parent, "slipway-kube");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a folder for the kubeconfig in " + parent, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder for the kubeconfig in " + parent, e);
        }
        TemporaryKubeconfig file = TemporaryKubeconfig.write(folder, kubeconfig.content());
        return new KubeconfigFolder(folder.toString(), file.path().toString());
    }

    /**
     * Deletes the folder and everything in it (kubectl may add a cache next to the file). A folder already gone is
     * fine: removal runs once more after a resumed build.
     */
    public static void remove(KubeconfigFolder kubeconfig) {
        Path folder = Path.of(kubeconfig.folder());
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                path.toFile().setWritable(true, true);
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the kubeconfig folder " + folder
                    + "; delete it by hand, it holds cluster credentials", e);
        }
    }
}

package dev.slipway.sync;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Flux through the Git host: the commit statuses Flux's notification-controller posts for the commit it
 * applied (fluxcd/notification-controller {@code internal/notifier}): on GitHub context
 * {@code <kind>/<name>/<provider-uid-prefix>} with state {@code success} or {@code failure}; on Azure DevOps
 * genre {@code fluxcd} and name {@code <kind>/<name>} with state {@code succeeded} or {@code error}. The
 * description is Flux's reason in words (e.g. {@code reconciliation succeeded}, {@code health check failed}).
 * The newest status of the object decides. No cluster credentials needed.
 */
final class FluxGitStatusWatch implements SyncWaiter.Watch {
    private final GitHostApi host;
    private final FluxObject object;

    FluxGitStatusWatch(GitHostApi host, FluxObject object) {
        this.host = host;
        this.object = object;
    }

    @Override
    public String subject() {
        return object.kind() + "/" + object.namespace() + "/" + object.name();
    }

    @Override
    public SyncVerdict look(String commit) throws JsonApi.Unreachable {
        String prefix = object.kind().toLowerCase(Locale.ROOT) + "/" + object.name().toLowerCase(Locale.ROOT);
        List<GitHostApi.CommitStatus> statuses = host.statuses(commit);
        Optional<GitHostApi.CommitStatus> newest = statuses.stream()
                .filter(s -> matches(s.context().toLowerCase(Locale.ROOT), prefix))
                .max(Comparator.comparingLong(GitHostApi.CommitStatus::id));
        if (newest.isEmpty()) {
            return SyncVerdict.waiting(commit, "no status", "no Flux status for " + prefix + " on " + ArgoCdRules.abbreviate(commit)
                    + " at " + host.describe() + " yet" + (statuses.isEmpty() ? "" : " (" + statuses.size() + " other status(es))"));
        }
        GitHostApi.CommitStatus status = newest.get();
        String state = status.state().toLowerCase(Locale.ROOT);
        String line = status.context() + ": " + status.state() + (status.description().isEmpty() ? "" : " (" + status.description() + ")");
        if (state.equals("success") || state.equals("succeeded")) {
            return SyncVerdict.live(commit, status.state(), "Flux reported " + line);
        }
        if (state.equals("failure") || state.equals("error") || state.equals("failed")) {
            return SyncVerdict.failed(commit, status.state(), "Flux reported " + line);
        }
        return SyncVerdict.waiting(commit, status.state(), "Flux reported " + line);
    }

    /** GitHub: {@code kustomization/web/abcd1234}; Azure DevOps: {@code fluxcd/kustomization/web[/uid]}. */
    private static boolean matches(String context, String prefix) {
        String withoutGenre = context.startsWith("fluxcd/") ? context.substring("fluxcd/".length()) : context;
        return withoutGenre.equals(prefix) || withoutGenre.startsWith(prefix + "/");
    }
}

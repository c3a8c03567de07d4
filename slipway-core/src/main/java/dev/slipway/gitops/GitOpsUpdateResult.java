package dev.slipway.gitops;

import dev.slipway.delivery.Change;
import dev.slipway.support.EngineMessage;
import java.util.List;

/**
 * What a GitOps update did.
 *
 * @param changes           file → document → field → old → new
 * @param upToDate          nothing needed changing (no commit was made)
 * @param commit            the commit id that carries the change (ours, or the one already there), or {@code null}
 * @param pullRequestUrl    the pull request, when one was opened or updated
 * @param pullRequestNumber its number
 */
public record GitOpsUpdateResult(List<Change> changes, boolean upToDate, String commit, String pullRequestUrl,
        Integer pullRequestNumber) implements EngineMessage {
    public GitOpsUpdateResult {
        changes = List.copyOf(changes);
    }
}

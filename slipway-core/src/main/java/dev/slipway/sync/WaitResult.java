package dev.slipway.sync;

import dev.slipway.support.EngineMessage;
import java.time.Duration;

/**
 * The end of a wait that did not run out of time (a deadline is a {@link dev.slipway.support.DeadlineExceededException}).
 *
 * @param live     the commit (or a descendant) is applied and healthy (and runs our digest, when asked)
 * @param commit   the commit waited for: the requested one, or the merge commit of its pull request
 * @param revision the revision the controller reported last
 * @param status   the controller's last status, e.g. {@code Synced/Healthy/Succeeded}
 * @param message  what happened; when not live, why (e.g. {@code Degraded: ...}, the sync error, Flux's failure)
 * @param waited   how long it took
 */
public record WaitResult(boolean live, String commit, String revision, String status, String message, Duration waited)
        implements EngineMessage { }

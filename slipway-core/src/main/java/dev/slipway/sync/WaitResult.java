package dev.slipway.sync;

import dev.slipway.support.EngineMessage;
import java.time.Duration;

/**
 * The end of a wait.
 *
 * @param live     the commit (or a descendant) is applied and healthy
 * @param revision the revision the controller reported last
 * @param status   the controller's last status, e.g. {@code Synced/Healthy}
 * @param message  why it is not live, when it is not
 * @param waited   how long it took
 */
public record WaitResult(boolean live, String revision, String status, String message, Duration waited)
        implements EngineMessage { }

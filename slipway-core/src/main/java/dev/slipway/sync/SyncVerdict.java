package dev.slipway.sync;

/**
 * What one look at the controller says.
 *
 * @param state    live, still waiting, or failed
 * @param revision the revision the controller reports (may be empty)
 * @param status   its status in one word or a few, e.g. {@code Synced/Healthy/Succeeded}
 * @param message  one line for the user: why we wait, or why it failed
 */
public record SyncVerdict(State state, String revision, String status, String message) {
    public enum State { LIVE, WAITING, FAILED }

    static SyncVerdict live(String revision, String status, String message) {
        return new SyncVerdict(State.LIVE, revision, status, message);
    }

    static SyncVerdict waiting(String revision, String status, String message) {
        return new SyncVerdict(State.WAITING, revision, status, message);
    }

    static SyncVerdict failed(String revision, String status, String message) {
        return new SyncVerdict(State.FAILED, revision, status, message);
    }
}

package dev.slipway.gitops;

/** The target already carries a newer build of the same source; nothing was pushed. */
public class DowngradeRefusedException extends GitOpsException {
    private static final long serialVersionUID = 1L;

    public DowngradeRefusedException(String message) {
        super(message, "this build is older than what is deployed; set allowDowngrade to roll back on purpose");
    }
}

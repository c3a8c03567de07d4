package dev.slipway.gitops;

/** Someone else changed a field Slipway was updating, to another value; nothing was pushed. */
public class GitOpsConflictException extends GitOpsException {
    private static final long serialVersionUID = 1L;

    public GitOpsConflictException(String message, String fix) {
        super(message, fix);
    }
}

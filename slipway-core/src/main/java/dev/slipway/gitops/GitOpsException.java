package dev.slipway.gitops;

import dev.slipway.support.SlipwayException;

/** A GitOps update that could not be committed or pushed; nothing was pushed when it is thrown. */
public class GitOpsException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    public GitOpsException(String message, String fix) {
        super(message, fix);
    }

    public GitOpsException(String message, String fix, Throwable cause) {
        super(message, fix, cause);
    }
}

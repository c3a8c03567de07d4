package dev.slipway.kube;

import dev.slipway.support.AuthenticationException;

/** The cluster refused a request (403): names the verb, the resource and the namespace. */
public class ClusterAccessDeniedException extends AuthenticationException {
    private static final long serialVersionUID = 1L;

    public ClusterAccessDeniedException(String message, String fix) {
        super(message, fix);
    }
}

package dev.slipway.kube;

import dev.slipway.support.SlipwayException;

/** The API server rejected a request for a reason other than authentication (e.g. 422 Invalid, 409 Conflict). */
public class KubeApiException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    private final int code;

    public KubeApiException(int code, String message, String fix) {
        super(message, fix);
        this.code = code;
    }

    public int code() {
        return code;
    }
}

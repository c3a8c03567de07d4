package dev.slipway.kube;

import dev.slipway.support.SlipwayException;

/** A workload in the cluster runs a newer build of the same source than the one being deployed. */
public class DowngradeRefusedException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    public DowngradeRefusedException(String message) {
        super(message, "deploy a newer build, or set allowDowngrade to replace it on purpose");
    }
}

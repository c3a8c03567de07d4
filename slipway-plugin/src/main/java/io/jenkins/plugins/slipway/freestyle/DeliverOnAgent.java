package io.jenkins.plugins.slipway.freestyle;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.slipway.model.DeliveryOutcome;
import java.io.File;
import java.util.Objects;
import jenkins.MasterToSlaveFileCallable;

/** Carries {@link DeliveryWork} to the agent of the workspace and runs it there. */
public final class DeliverOnAgent extends MasterToSlaveFileCallable<DeliveryOutcome> {
    private static final long serialVersionUID = 1L;

    private final DeliveryWork work;

    public DeliverOnAgent(DeliveryWork work) {
        this.work = Objects.requireNonNull(work, "work");
    }

    @Override
    public DeliveryOutcome invoke(File workspace, VirtualChannel channel) {
        return work.run(workspace.toPath());
    }
}

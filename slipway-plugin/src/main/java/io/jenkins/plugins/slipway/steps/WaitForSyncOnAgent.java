package io.jenkins.plugins.slipway.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.slipway.model.DeliveryOutcome;
import io.jenkins.plugins.slipway.model.WaitForSyncWork;
import java.io.File;
import java.util.Objects;
import jenkins.MasterToSlaveFileCallable;

/** Carries {@link WaitForSyncWork} to the agent of the workspace and runs it there. */
public final class WaitForSyncOnAgent extends MasterToSlaveFileCallable<DeliveryOutcome> {

    private static final long serialVersionUID = 1L;

    private final WaitForSyncWork work;

    public WaitForSyncOnAgent(WaitForSyncWork work) {
        this.work = Objects.requireNonNull(work, "work");
    }

    @Override
    public DeliveryOutcome invoke(File workspace, VirtualChannel channel) {
        return work.run(workspace.toPath());
    }
}

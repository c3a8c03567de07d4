package io.jenkins.plugins.slipway.steps;

import dev.slipway.support.Provenance;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.slipway.model.AcrBuildWork;
import io.jenkins.plugins.slipway.model.DeliveryOutcome;
import java.io.File;
import java.util.Objects;
import jenkins.MasterToSlaveFileCallable;

/** Carries {@link AcrBuildWork} to the agent of the workspace and runs it there, recorded. */
public final class AcrBuildOnAgent extends MasterToSlaveFileCallable<DeliveryOutcome> {

    private static final long serialVersionUID = 1L;

    private final AcrBuildWork work;
    private final Provenance provenance;

    public AcrBuildOnAgent(AcrBuildWork work, Provenance provenance) {
        this.work = Objects.requireNonNull(work, "work");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    @Override
    public DeliveryOutcome invoke(File workspace, VirtualChannel channel) {
        return work.run(workspace.toPath(), provenance);
    }
}

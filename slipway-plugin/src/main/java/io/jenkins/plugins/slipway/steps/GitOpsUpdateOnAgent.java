package io.jenkins.plugins.slipway.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.slipway.model.DeliveryOutcome;
import io.jenkins.plugins.slipway.model.GitOpsUpdateWork;
import java.io.File;
import java.util.Objects;
import jenkins.MasterToSlaveFileCallable;

/** Carries {@link GitOpsUpdateWork} (with the Git credential) to the agent of the workspace and runs it there. */
public final class GitOpsUpdateOnAgent extends MasterToSlaveFileCallable<DeliveryOutcome> {

    private static final long serialVersionUID = 1L;

    private final GitOpsUpdateWork work;

    public GitOpsUpdateOnAgent(GitOpsUpdateWork work) {
        this.work = Objects.requireNonNull(work, "work");
    }

    @Override
    public DeliveryOutcome invoke(File workspace, VirtualChannel channel) {
        return work.run(workspace.toPath());
    }
}

package io.jenkins.plugins.slipway.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.slipway.model.AcrBuildWork;
import java.io.File;
import java.util.HashMap;
import java.util.Objects;
import jenkins.MasterToSlaveFileCallable;

/** Carries {@link AcrBuildWork} to the agent of the workspace and runs it there. */
public final class AcrBuildOnAgent extends MasterToSlaveFileCallable<HashMap<String, String>> {

    private static final long serialVersionUID = 1L;

    private final AcrBuildWork work;

    public AcrBuildOnAgent(AcrBuildWork work) {
        this.work = Objects.requireNonNull(work, "work");
    }

    @Override
    public HashMap<String, String> invoke(File workspace, VirtualChannel channel) {
        return work.run(workspace.toPath());
    }
}

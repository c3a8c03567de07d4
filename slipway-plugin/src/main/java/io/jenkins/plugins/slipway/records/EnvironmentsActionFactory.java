package io.jenkins.plugins.slipway.records;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import java.nio.file.Files;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/** Gives every job that has delivered (it has a delivery index) its "Environments" page. */
@Extension
public class EnvironmentsActionFactory extends TransientActionFactory<Job> {
    @Override
    public Class<Job> type() {
        return Job.class;
    }

    /** Lets Jenkins skip this factory when it looks up actions of other types. */
    @Override
    public Class<EnvironmentsAction> actionType() {
        return EnvironmentsAction.class;
    }

    @Override
    public Collection<? extends Action> createFor(Job target) {
        // jobs that never delivered get no page and no side-panel link
        return Files.exists(EnvironmentsAction.indexFile(target)) ? List.of(new EnvironmentsAction(target)) : List.of();
    }
}

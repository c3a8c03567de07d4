package io.jenkins.plugins.slipway.environments;

import hudson.util.ListBoxModel;

/** The fixed drop-downs of the Slipway forms (mode, what to wait for); an empty first entry means "not given". */
public final class Choices {
    private Choices() {
    }

    public static ListBoxModel modes() {
        ListBoxModel model = new ListBoxModel();
        model.add("", "");
        model.add("Push: apply to the cluster", DeliveryMode.PUSH.text());
        model.add("GitOps: commit to the GitOps repository", DeliveryMode.GITOPS.text());
        return model;
    }

    public static ListBoxModel waitFor() {
        ListBoxModel model = new ListBoxModel();
        model.add("", "");
        model.add("Nothing", WaitFor.NONE.text());
        model.add("Argo CD Application", WaitFor.ARGOCD.text());
        model.add("Flux object", WaitFor.FLUX.text());
        return model;
    }
}

package io.jenkins.plugins.slipway.proxy;

import hudson.ProxyConfiguration;
import jenkins.model.Jenkins;

/** Reads Jenkins' proxy configuration on the controller into plain {@link ProxySettings}. */
public final class JenkinsProxy {
    private JenkinsProxy() {
    }

    public static ProxySettings current() {
        ProxyConfiguration proxy = Jenkins.get().getProxy();
        if (proxy == null) {
            return ProxySettings.NONE;
        }
        return new ProxySettings(proxy.getName(), proxy.getPort(), proxy.getUserName(), proxy.getNoProxyHost());
    }
}

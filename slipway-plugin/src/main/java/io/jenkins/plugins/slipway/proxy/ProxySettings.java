package io.jenkins.plugins.slipway.proxy;

import io.jenkins.plugins.slipway.model.StepValues;
import java.io.Serializable;

/**
 * Jenkins' HTTP proxy (Manage Jenkins > System > HTTP Proxy Configuration) as plain values.
 *
 * @param host        proxy host, or {@code null} when none is configured
 * @param port        proxy port
 * @param userName    proxy user, or {@code null}
 * @param noProxyHost hosts reached directly, as the administrator typed them: separated by spaces, commas, {@code |}
 *                    or new lines, {@code *} standing for any characters (Jenkins' own rule)
 */
public record ProxySettings(String host, int port, String userName, String noProxyHost) implements Serializable {
    public ProxySettings {
        host = StepValues.text(host);
        userName = StepValues.text(userName);
        noProxyHost = StepValues.text(noProxyHost);
    }

    public static final ProxySettings NONE = new ProxySettings(null, 0, null, null);
}

package dev.slipway.kube;

import dev.slipway.support.EngineMessage;
import dev.slipway.support.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image pull secret the deploy creates for the registry in every namespace it deploys workloads to, and
 * names in their pod specs ({@code imagePullSecrets}).
 *
 * @param name     the Secret's name, e.g. {@code acr-pull}
 * @param registry the registry host, e.g. {@code shop.azurecr.io}
 * @param username registry user (for ACR tokens {@code 00000000-0000-0000-0000-000000000000})
 * @param password registry password or token
 */
public record ImagePullSecret(String name, String registry, String username, Secret password) implements EngineMessage {

    /** The {@code kubernetes.io/dockerconfigjson} Secret for {@code namespace}. */
    KubeObject secretIn(String namespace) {
        String auth = Base64.getEncoder().encodeToString((username + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8));
        String dockerConfig = "{\"auths\":{" + json(registry) + ":{\"username\":" + json(username) + ",\"password\":"
                + json(password.reveal()) + ",\"auth\":" + json(auth) + "}}}";
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiVersion", "v1");
        body.put("kind", "Secret");
        body.put("metadata", metadata);
        body.put("type", "kubernetes.io/dockerconfigjson");
        body.put("data", new LinkedHashMap<>(Map.of(".dockerconfigjson",
                Base64.getEncoder().encodeToString(dockerConfig.getBytes(StandardCharsets.UTF_8)))));
        return new KubeObject("image pull secret " + name, 0, 1, body);
    }

    /** Adds {@code imagePullSecrets: [{name}]} to the workload's pod spec unless it names this secret already. */
    @SuppressWarnings("unchecked")
    void referenceFrom(KubeObject workload) {
        for (ImageSubstitution.PodSpecAt podSpec : ImageSubstitution.podSpecs(workload)) {
            Object existing = podSpec.spec().get("imagePullSecrets");
            List<Object> secrets = existing instanceof List<?> list ? (List<Object>) list : new java.util.ArrayList<>();
            boolean named = secrets.stream().anyMatch(s -> s instanceof Map<?, ?> m && name.equals(m.get("name")));
            if (!named) {
                secrets.add(new LinkedHashMap<>(Map.of("name", name)));
            }
            podSpec.spec().put("imagePullSecrets", secrets);
        }
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    @Override
    public String toString() {
        return "ImagePullSecret[name=" + name + ", registry=" + registry + ", username=" + username + ", password=" + Secret.MASK + "]";
    }
}

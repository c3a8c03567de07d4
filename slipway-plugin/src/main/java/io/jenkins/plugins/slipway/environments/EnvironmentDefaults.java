package io.jenkins.plugins.slipway.environments;

/**
 * The one rule for combining a step's own values with its environment's: a value the step gives wins, a value it
 * leaves out comes from the environment. How to reach the cluster is taken as a whole: a step that names any of the
 * kubeconfig or AKS values takes none of the environment's, so a kubeconfig and an AKS cluster are never mixed.
 */
public final class EnvironmentDefaults {
    private EnvironmentDefaults() {
    }

    /**
     * @param explicit    the step's values ({@code null} fields: not given)
     * @param environment the environment the step names, or {@code null} for none
     */
    public static DeliverySettings merge(DeliverySettings explicit, EnvironmentSpec environment) {
        DeliverySettings own = explicit == null ? DeliverySettings.NONE : explicit;
        if (environment == null) {
            return own;
        }
        DeliverySettings env = environment.settings();
        DeliverySettings cluster = own.hasClusterAccess() ? own : env;
        return DeliverySettings.builder()
                .mode(pick(own.mode(), env.mode()))
                .registry(pick(own.registry(), env.registry()))
                .registryCredentialsId(pick(own.registryCredentialsId(), env.registryCredentialsId()))
                .kubeconfigCredentialsId(cluster.kubeconfigCredentialsId())
                .azureCredentialsId(cluster.azureCredentialsId())
                .subscriptionId(cluster.subscriptionId())
                .resourceGroup(cluster.resourceGroup())
                .clusterName(cluster.clusterName())
                .namespace(pick(own.namespace(), env.namespace()))
                .gitRepository(pick(own.gitRepository(), env.gitRepository()))
                .gitBranch(pick(own.gitBranch(), env.gitBranch()))
                .gitPath(pick(own.gitPath(), env.gitPath()))
                .gitTargets(pick(own.gitTargets(), env.gitTargets()))
                .gitCredentialsId(pick(own.gitCredentialsId(), env.gitCredentialsId()))
                .waitFor(pick(own.waitFor(), env.waitFor()))
                .waitApplication(pick(own.waitApplication(), env.waitApplication()))
                .argoCdServer(pick(own.argoCdServer(), env.argoCdServer()))
                .argoCdCredentialsId(pick(own.argoCdCredentialsId(), env.argoCdCredentialsId()))
                .waitTimeoutMinutes(pick(own.waitTimeoutMinutes(), env.waitTimeoutMinutes()))
                .build();
    }

    private static <T> T pick(T explicit, T fromEnvironment) {
        return explicit != null ? explicit : fromEnvironment;
    }
}

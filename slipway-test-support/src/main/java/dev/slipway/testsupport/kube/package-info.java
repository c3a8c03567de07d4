/**
 * A Kubernetes API for tests: fabric8's mock server in CRUD mode with request recording, a documented
 * emulation of server-side apply, and status driving ({@link dev.slipway.testsupport.kube.KubeServer}).
 */
package dev.slipway.testsupport.kube;

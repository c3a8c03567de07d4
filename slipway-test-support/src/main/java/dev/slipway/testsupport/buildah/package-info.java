/**
 * Real buildah (and skopeo) with private storage and a local busybox base image:
 * {@link dev.slipway.testsupport.buildah.BuildahEnvironment}.
 */
package dev.slipway.testsupport.buildah;

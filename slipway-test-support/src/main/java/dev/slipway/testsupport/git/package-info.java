/**
 * Real Git servers for tests ({@link dev.slipway.testsupport.git.GitServer}: git daemon, smart HTTP with
 * basic auth, sshd) and helpers to create, seed and read their bare repositories.
 */
package dev.slipway.testsupport.git;

/**
 * Fakes, on the JDK HTTP server, of services no test can reach: Azure AD, ARM, Argo CD, GitHub and
 * Azure DevOps. Each answers with the documented example payloads (source in its Javadoc), rejects what
 * the real service rejects, and records every request.
 */
package dev.slipway.testsupport.fakes;

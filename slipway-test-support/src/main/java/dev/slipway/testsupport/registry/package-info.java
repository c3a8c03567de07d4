/**
 * A real Docker registry for tests ({@link dev.slipway.testsupport.registry.RegistryServer}: no auth,
 * htpasswd, TLS with a per-run CA, token auth) and the token server behind its token flavour
 * ({@link dev.slipway.testsupport.registry.TokenServer}, extensible with more routes). Keys,
 * certificates and passwords are generated per run ({@link dev.slipway.testsupport.registry.TestCertificates},
 * {@link dev.slipway.testsupport.registry.Credentials}).
 */
package dev.slipway.testsupport.registry;

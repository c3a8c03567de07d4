/**
 * An HTTP/1.1 fault proxy to put in front of plain-HTTP test servers: request log in order, and
 * faults on cue (status, reset after N request/response bytes, delay); or, in forward mode, a proxy
 * that clients are configured with (absolute-form requests, CONNECT tunnels, optional Basic proxy
 * authentication). See {@link dev.slipway.testsupport.proxy.FaultProxy}.
 */
package dev.slipway.testsupport.proxy;

/**
 * An HTTP/1.1 fault proxy to put in front of plain-HTTP test servers: request log in order, and
 * faults on cue (status, reset after N request/response bytes, delay). See
 * {@link dev.slipway.testsupport.proxy.FaultProxy}.
 */
package dev.slipway.testsupport.proxy;

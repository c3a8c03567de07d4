package dev.slipway.support;

import java.io.Serializable;

/**
 * Every request and result of an engine entry point. They are immutable records, {@link Serializable}
 * (they cross the Jenkins remoting channel between controller and agent) and carry a schema version, so
 * a controller and an agent of different Slipway versions refuse each other clearly instead of misreading.
 */
public interface EngineMessage extends Serializable {
    /** Bumped whenever a request or result changes shape incompatibly. */
    int SCHEMA_VERSION = 1;

    default int schemaVersion() {
        return SCHEMA_VERSION;
    }
}

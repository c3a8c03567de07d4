package dev.slipway.testsupport.process;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test server started once per test class and stopped after it, also when a test fails: register
 * it on a static field with {@code @RegisterExtension}. Outside JUnit call {@link #start()} and
 * {@link #close()}.
 */
public interface PerClassServer extends BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** Starts the server and waits until it is ready. */
    PerClassServer start();

    /** Stops the server and removes its temp folder; safe to call twice. */
    @Override
    void close();

    @Override
    default void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    default void afterAll(ExtensionContext context) {
        close();
    }
}

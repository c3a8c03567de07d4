package dev.slipway.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The engine's version, from the build (Maven filters it into {@code dev/slipway/version.properties}). */
public final class SlipwayVersion {
    private static final String VERSION = load();

    private SlipwayVersion() {}

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = SlipwayVersion.class.getResourceAsStream("/dev/slipway/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}

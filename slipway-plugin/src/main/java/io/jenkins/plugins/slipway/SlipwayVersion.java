package io.jenkins.plugins.slipway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of the plugin and of the engine it bundles, as the build wrote it into the plugin jar. */
public final class SlipwayVersion {

    static final String RESOURCE = "slipway-version.properties";

    private SlipwayVersion() {
    }

    public static String current() {
        Properties properties = new Properties();
        try (InputStream in = SlipwayVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The plugin jar lacks " + RESOURCE + " beside "
                        + SlipwayVersion.class.getName() + "; rebuild the plugin");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
        String version = properties.getProperty("version", "").strip();
        if (version.isEmpty() || version.startsWith("${")) {
            throw new IllegalStateException(RESOURCE + " holds no version (was the resource filtered by the build?)");
        }
        return version;
    }
}

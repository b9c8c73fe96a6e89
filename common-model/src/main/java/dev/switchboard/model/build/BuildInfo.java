package dev.switchboard.model.build;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Version, commit and build timestamp of the running module, read from the {@code git.properties} that the build
 * generates into every module. Served by {@code /version} and stamped on usage events.
 */
public record BuildInfo(String version, String commit, String commitShort, String buildTime, boolean dirty) {

    public static final BuildInfo UNKNOWN = new BuildInfo("unknown", "unknown", "unknown", "unknown", false);

    public static BuildInfo load(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream("git.properties")) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties p = new Properties();
            p.load(in);
            return new BuildInfo(p.getProperty("git.build.version", "unknown"),
                    p.getProperty("git.commit.id", "unknown"), p.getProperty("git.commit.id.abbrev", "unknown"),
                    p.getProperty("git.build.time", "unknown"), Boolean.parseBoolean(p.getProperty("git.dirty")));
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}

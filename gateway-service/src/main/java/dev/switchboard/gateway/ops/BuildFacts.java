package dev.switchboard.gateway.ops;

import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;

import jakarta.inject.Singleton;

import dev.switchboard.model.build.BuildInfo;

/**
 * This module's build metadata. Every module of the suite ships a {@code git.properties}, so the gateway reads the
 * one next to its own classes rather than whichever the class path lists first.
 */
@Singleton
public class BuildFacts {

    private final BuildInfo info = load();

    public BuildInfo info() {
        return info;
    }

    private static BuildInfo load() {
        CodeSource source = BuildFacts.class.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location != null) {
            try (URLClassLoader own = new URLClassLoader(new URL[]{location}, null)) {
                BuildInfo info = BuildInfo.load(own);
                if (info != BuildInfo.UNKNOWN) {
                    return info;
                }
            } catch (java.io.IOException | RuntimeException e) {
                // fall back to the class path below
            }
        }
        return BuildInfo.load(BuildFacts.class.getClassLoader());
    }
}

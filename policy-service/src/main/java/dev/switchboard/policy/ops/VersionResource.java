package dev.switchboard.policy.ops;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.switchboard.model.build.BuildInfo;

@Path("/version")
public class VersionResource {

    private static final BuildInfo BUILD = BuildInfo.load(VersionResource.class.getClassLoader());

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> version() {
        return Map.of("name", "switchboard-policy", "version", BUILD.version(), "commit", BUILD.commit(), "build_time",
                BUILD.buildTime(), "java_version", System.getProperty("java.version"));
    }
}

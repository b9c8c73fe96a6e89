package dev.switchboard.reports.usage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Nothing listens at usage-service's address: callers get 503 reports-disabled, not a hang or a 500. */
@QuarkusTest
@TestProfile(UsageServiceUnreachableTest.NothingListening.class)
class UsageServiceUnreachableTest {

    public static class NothingListening implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.usage.url", "http://127.0.0.1:" + freePort(), "switchboard.internal.token",
                    "unreachable-profile-" + System.nanoTime());
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void unreachableUsageServiceIsReportsDisabled() {
        given().header("x-sb-internal-token",
                ConfigProvider.getConfig().getValue("switchboard.internal.token", String.class))
                .header("x-sb-caller-id", "caller-42")
                .queryParam("since", "24h")
                .get("/internal/v1/usage")
                .then()
                .statusCode(503)
                .header("Cache-Control", "no-store")
                .header("Retry-After", "30")
                .body("error.type", equalTo("reports-disabled"));
    }
}

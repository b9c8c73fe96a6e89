package dev.switchboard.reports.usage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import dev.switchboard.reports.support.FakeUsageService;

@QuarkusTest
@QuarkusTestResource(FakeUsageService.class)
class CallerUsageResourceTest {

    private static final String PATH = "/internal/v1/usage";

    @BeforeEach
    void resetFake() {
        FakeUsageService.reset();
    }

    @Test
    void answersTheCallerFacingViewForTheAuthenticatedCaller() {
        Instant before = Instant.now();
        JsonPath json = asCaller().header("x-request-id", "req_usage_1")
                .queryParam("since", "7d")
                .get(PATH)
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .header("x-request-id", "req_usage_1")
                .body("object", equalTo("usage"))
                .body("caller.id", equalTo("caller-42"))
                .body("caller.user", equalTo("alice"))
                .body("caller.project", equalTo("payments"))
                .body("caller.environment", equalTo("prod"))
                .body("caller.token_id", equalTo("sbt_abc"))
                .body("totals.requests", equalTo(3))
                .body("totals.cost_usd", equalTo("0.0042"))
                .body("by_day[0].day", equalTo("2026-11-21"))
                .body("by_group[0].group", equalTo("chat"))
                .body("by_provider_model[0].model", equalTo("gpt-4o-mini"))
                .body("by_status[1].status", equalTo(503))
                .body("caller_id", nullValue())
                .extract()
                .jsonPath();

        Instant from = Instant.parse(json.getString("window.from"));
        Instant to = Instant.parse(json.getString("window.to"));
        assertThat(Duration.between(from, to)).isEqualTo(Duration.ofDays(7));
        assertThat(to).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));

        FakeUsageService.Seen seen = FakeUsageService.last();
        assertThat(seen.path()).isEqualTo("/internal/v1/usage/summary");
        assertThat(seen.query().get("caller_id")).isEqualTo("caller-42");
        assertThat(seen.query().get("from")).isEqualTo(json.getString("window.from"));
        assertThat(seen.query().get("to")).isEqualTo(json.getString("window.to"));
        assertThat(seen.headers().get("x-sb-internal-token")).isEqualTo(internalToken());
        assertThat(seen.headers().get("x-request-id")).isEqualTo("req_usage_1");
    }

    @Test
    void theCallerComesFromTheHeadersNeverFromTheQuery() {
        asCaller().queryParam("caller_id", "someone-else")
                .get(PATH)
                .then()
                .statusCode(200)
                .body("caller.id", equalTo("caller-42"));
        assertThat(FakeUsageService.last().query().getAll("caller_id")).containsExactly("caller-42");
    }

    @Test
    void explicitWindowIsForwardedAsGiven() {
        asCaller().queryParam("from", "2026-11-01T00:00:00Z")
                .queryParam("to", "2026-11-08T00:00:00Z")
                .get(PATH)
                .then()
                .statusCode(200)
                .body("window.from", equalTo("2026-11-01T00:00:00Z"))
                .body("window.to", equalTo("2026-11-08T00:00:00Z"));
        assertThat(FakeUsageService.last().query().get("from")).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(FakeUsageService.last().query().get("to")).isEqualTo("2026-11-08T00:00:00Z");
    }

    @Test
    void noFilterMeansTheLastThirtyDays() {
        JsonPath json = asCaller().get(PATH).then().statusCode(200).extract().jsonPath();
        assertThat(Duration.between(Instant.parse(json.getString("window.from")),
                Instant.parse(json.getString("window.to")))).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void invalidFiltersAreRefusedWithoutAskingUsageService() {
        assertInvalid(asCaller().queryParam("since", "yesterday"), "since");
        assertInvalid(asCaller().queryParam("since", "0d"), "since");
        assertInvalid(asCaller().queryParam("since", "400d"), "since");
        assertInvalid(asCaller().queryParam("since", "24h").queryParam("from", "2026-11-01T00:00:00Z"), "since");
        assertInvalid(asCaller().queryParam("from", "2026-13-01"), "from");
        assertInvalid(asCaller().queryParam("from", "2026-11-08T00:00:00Z").queryParam("to", "2026-11-01T00:00:00Z"),
                "from");
        assertThat(FakeUsageService.last()).isNull();
    }

    @Test
    void usageServiceOutageIsReportsDisabled() {
        FakeUsageService.answerWith(503);
        asCaller().header("x-request-id", "req_outage")
                .get(PATH)
                .then()
                .statusCode(503)
                .header("Cache-Control", "no-store")
                .header("x-request-id", "req_outage")
                .body("error.type", equalTo("reports-disabled"))
                .body("error.request_id", equalTo("req_outage"));

        FakeUsageService.answerWith(401);
        asCaller().get(PATH).then().statusCode(503).body("error.type", equalTo("reports-disabled"));
    }

    @Test
    void failedQueryIsReportQueryFailed() {
        FakeUsageService.answerWith(500);
        asCaller().get(PATH)
                .then()
                .statusCode(500)
                .body("error.type", equalTo("report-query-failed"))
                .body("error.message", equalTo("The usage query failed; try again or contact the operator."));
    }

    @Test
    void internalTokenIsRequired() {
        given().header("x-sb-caller-id", "caller-42")
                .get(PATH)
                .then()
                .statusCode(401)
                .header("Cache-Control", "no-store")
                .body("error.type", equalTo("unauthorized"));
        given().header("x-sb-internal-token", internalToken() + "x")
                .header("x-sb-caller-id", "caller-42")
                .get(PATH)
                .then()
                .statusCode(401)
                .body("error.type", equalTo("unauthorized"));
        assertThat(FakeUsageService.last()).isNull();
    }

    @Test
    void aRequestWithoutCallerIdentityIsRefused() {
        given().header("x-sb-internal-token", internalToken())
                .get(PATH)
                .then()
                .statusCode(401)
                .body("error.type", equalTo("unauthorized"));
        assertThat(FakeUsageService.last()).isNull();
    }

    @Test
    void readinessIsUp() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static void assertInvalid(RequestSpecification request, String field) {
        request.get(PATH)
                .then()
                .statusCode(400)
                .header("Cache-Control", "no-store")
                .body("error.type", equalTo("invalid-report-filter"))
                .body("error.details.field", equalTo(field));
    }

    private static RequestSpecification asCaller() {
        return given().header("x-sb-internal-token", internalToken())
                .header("x-sb-caller-id", "caller-42")
                .header("x-sb-caller-user", "alice")
                .header("x-sb-caller-project", "payments")
                .header("x-sb-caller-env", "prod")
                .header("x-sb-token-id", "sbt_abc");
    }

    private static String internalToken() {
        return ConfigProvider.getConfig().getValue("switchboard.internal.token", String.class);
    }
}

package dev.switchboard.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(GatewayTestResources.class)
class ModelsTest {

    @Test
    void listsOnlyTheCallersGroupsInTheOpenAiShape() {
        JsonPath alice = models("alice");
        assertThat(alice.getString("object")).isEqualTo("list");
        assertThat(alice.getList("data.id", String.class)).containsExactly("alpha", "stream", "burst", "slow",
                "failing");
        List<Map<String, Object>> entries = alice.getList("data");
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry).containsOnlyKeys("id", "object", "created", "owned_by");
            assertThat(entry.get("object")).isEqualTo("model");
            assertThat(entry.get("owned_by")).isEqualTo("switchboard");
            assertThat(((Number) entry.get("created")).longValue()).isEqualTo(1_735_689_600L);
        });

        assertThat(models("narrow").getList("data.id", String.class)).containsExactly("beta");
        assertThat(models("star").getList("data.id", String.class)).containsExactly("alpha", "beta", "stream", "burst",
                "slow",
                "failing", "small-window");
        // stable: the same answer twice
        assertThat(models("alice").prettify()).isEqualTo(alice.prettify());
    }

    @Test
    void inactiveKeysCannotListModels() {
        given().header("x-api-key", Tokens.of("expired"))
                .get("/v1/models")
                .then()
                .statusCode(403)
                .body("error.type", equalTo("key-expired"));
    }

    @Test
    void anthropicClientsGetAnthropicsListShape() {
        // the Anthropic SDK's models.list() from base URL <gateway>/anthropic, and from <gateway> with its header
        JsonPath underPrefix = given().header("x-api-key", Tokens.of("alice"))
                .get("/anthropic/v1/models")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath();
        JsonPath byHeader = given().header("x-api-key", Tokens.of("alice"))
                .header("anthropic-version", "2023-06-01")
                .get("/v1/models")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        for (JsonPath list : List.of(underPrefix, byHeader)) {
            assertThat(list.getMap("")).containsOnlyKeys("data", "has_more", "first_id", "last_id");
            assertThat(list.getList("data.id", String.class)).containsExactly("alpha", "stream", "burst", "slow",
                    "failing");
            List<Map<String, Object>> entries = list.getList("data");
            assertThat(entries).allSatisfy(entry -> {
                assertThat(entry).containsOnlyKeys("type", "id", "display_name", "created_at");
                assertThat(entry.get("type")).isEqualTo("model");
                assertThat(entry.get("display_name")).isEqualTo(entry.get("id"));
                assertThat(entry.get("created_at")).isEqualTo("2025-01-01T00:00:00Z");
            });
            assertThat(list.getBoolean("has_more")).isFalse();
            assertThat(list.getString("first_id")).isEqualTo("alpha");
            assertThat(list.getString("last_id")).isEqualTo("failing");
        }
        assertThat(underPrefix.prettify()).isEqualTo(byHeader.prettify());
    }

    @Test
    void anthropicModelListRefusalsUseTheAnthropicEnvelope() {
        Envelopes.assertAnthropic(given().get("/anthropic/v1/models"), 401, "unauthorized");
        Envelopes.assertAnthropic(given().header("x-api-key", Tokens.of("rotated"))
                .header("anthropic-version", "2023-06-01")
                .get("/v1/models"), 403, "key-rotated");
        Envelopes.assertOpenAi(given().get("/v1/models"), 401, "unauthorized");
        Envelopes.assertAnthropic(given().header("x-api-key", Tokens.of("alice")).get("/anthropic/v1/models/alpha"),
                404, "not-found");
    }

    private static JsonPath models(String caller) {
        return given().auth()
                .oauth2(Tokens.of(caller))
                .get("/v1/models")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath();
    }
}

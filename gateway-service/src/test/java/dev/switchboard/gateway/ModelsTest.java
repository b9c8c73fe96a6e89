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
        assertThat(alice.getList("data.id", String.class)).containsExactly("alpha", "stream", "slow", "failing");
        List<Map<String, Object>> entries = alice.getList("data");
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry).containsOnlyKeys("id", "object", "created", "owned_by");
            assertThat(entry.get("object")).isEqualTo("model");
            assertThat(entry.get("owned_by")).isEqualTo("switchboard");
            assertThat(((Number) entry.get("created")).longValue()).isEqualTo(1_735_689_600L);
        });

        assertThat(models("narrow").getList("data.id", String.class)).containsExactly("beta");
        assertThat(models("star").getList("data.id", String.class)).containsExactly("alpha", "beta", "stream", "slow",
                "failing");
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

package dev.switchboard.model.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.model.json.Json;

class ToolArgumentsTest {

    @Test
    void textIsKeptVerbatimAndParsedOnDemand() throws Exception {
        ToolArguments arguments = ToolArguments.ofJson("{ \"city\" : \"Paris\" }");

        assertThat(arguments.json()).isEqualTo("{ \"city\" : \"Paris\" }");
        assertThat(arguments.node()).isEqualTo(Json.MAPPER.readTree("{\"city\":\"Paris\"}"));
        assertThat(arguments.node()).as("parsed once").isSameAs(arguments.node());
    }

    @Test
    void treeIsSerialisedOnDemand() throws Exception {
        JsonNode node = Json.MAPPER.readTree("{\"a\":[1,2]}");
        ToolArguments arguments = ToolArguments.ofNode(node);

        assertThat(arguments.node()).isSameAs(node);
        assertThat(arguments.json()).isEqualTo("{\"a\":[1,2]}");
    }

    @Test
    void blankTextIsAnEmptyObject() {
        assertThat(ToolArguments.ofJson("").node().isObject()).isTrue();
        assertThat(ToolArguments.ofJson(null).node()).isEmpty();
    }

    @Test
    void invalidJsonIsReportedWithoutItsContent() {
        assertThatThrownBy(() -> ToolArguments.ofJson("{\"secret\": ").node())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
    }

    @Test
    void equalityIsByJsonValue() throws Exception {
        assertThat(ToolArguments.ofJson("{\"a\": 1}")).isEqualTo(ToolArguments.ofNode(Json.MAPPER.readTree(
                "{\"a\":1}")))
                .hasSameHashCodeAs(ToolArguments.ofJson("{\"a\":1}"));
        assertThat(ToolArguments.ofJson("{\"a\":1}")).isNotEqualTo(ToolArguments.ofJson("{\"a\":2}"));
        assertThat(ToolArguments.ofJson("not json")).isEqualTo(ToolArguments.ofJson("not json"));
    }
}

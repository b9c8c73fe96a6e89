package dev.switchboard.routing.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.json.Json;
import dev.switchboard.model.policy.CatalogModel;
import dev.switchboard.model.policy.Provider;
import dev.switchboard.model.policy.ResolvedTarget;
import dev.switchboard.routing.upstream.OpenAiChatAdapter;
import dev.switchboard.routing.upstream.UpstreamAdapters;

class EligibilityFilterTest {

    private final EligibilityFilter filter = new EligibilityFilter(UpstreamAdapters.of(new OpenAiChatAdapter()));

    static ResolvedTarget target(String ref, Dialect dialect, CatalogModel model) {
        Provider provider = new Provider("http://127.0.0.1:1", dialect.wireName(), null, null, null, null,
                Map.of(ref, model));
        return new ResolvedTarget("g", 0, "p", provider, ref, model, dialect, 1, 0, model.maxOutputTokens(), false);
    }

    static CatalogModel model(List<String> modalities, List<String> chatTools, Boolean honorsMax, Integer context) {
        return new CatalogModel("m", null, BigDecimal.ONE, BigDecimal.ONE, null, null, modalities, null,
                new CatalogModel.ToolSupport(chatTools, null, null), honorsMax, context, null, null);
    }

    static RequestShape shape(String json) throws Exception {
        return RequestShape.ofOpenAiChat((ObjectNode) Json.MAPPER.readTree(json));
    }

    @Test
    void labelsEveryMissingCapability() throws Exception {
        RequestShape request = shape("""
                {"model":"g","max_tokens":50,"response_format":{"type":"json_object"},
                 "tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":"required",
                 "messages":[{"role":"user","content":[{"type":"text","text":"hi"},
                   {"type":"image_url","image_url":{"url":"data:,"}}]}]}""");
        ResolvedTarget bare = target("bare", Dialect.OPENAI_CHAT, model(null, null, false, null));
        ResolvedTarget other = target("claude", Dialect.ANTHROPIC_MESSAGES, model(null, null, null, null));

        Eligibility result = filter.filter(List.of(bare, other), request, 10L);

        assertThat(result.none()).isTrue();
        assertThat(result.requirements()).containsExactly("tools", "tool_choice", "structured_outputs", "image",
                "max_tokens", "anthropic-messages_translation");
    }

    @Test
    void keepsCapableTargetsInListedOrder() throws Exception {
        RequestShape request = shape("""
                {"model":"g","tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":"auto",
                 "messages":[{"role":"user","content":"hi"}]}""");
        ResolvedTarget toolless = target("a", Dialect.OPENAI_CHAT, model(null, null, null, null));
        ResolvedTarget tools = target("b", Dialect.OPENAI_CHAT, model(null, List.of("tools"), null, null));
        ResolvedTarget small = target("c", Dialect.OPENAI_CHAT, model(null, List.of("tools"), null, 8));

        Eligibility result = filter.filter(List.of(toolless, tools, small), request, 10L);

        assertThat(result.eligible()).containsExactly(tools);
        assertThat(result.missing()).containsEntry("p/a", List.of("tools")).containsEntry("p/c",
                List.of("context_window"));
    }
}

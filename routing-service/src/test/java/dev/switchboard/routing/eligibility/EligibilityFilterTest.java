package dev.switchboard.routing.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.codec.Codecs;
import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.json.Json;
import dev.switchboard.model.policy.CatalogModel;
import dev.switchboard.model.policy.Provider;
import dev.switchboard.model.policy.ResolvedTarget;
import dev.switchboard.routing.upstream.AnthropicMessagesAdapter;
import dev.switchboard.routing.upstream.OpenAiChatAdapter;
import dev.switchboard.routing.upstream.OpenAiResponsesAdapter;
import dev.switchboard.routing.upstream.UpstreamAdapters;

class EligibilityFilterTest {

    private final EligibilityFilter filter = new EligibilityFilter(UpstreamAdapters.of(new OpenAiChatAdapter(),
            new OpenAiResponsesAdapter(), new AnthropicMessagesAdapter()));

    static ResolvedTarget target(String ref, Dialect dialect, CatalogModel model) {
        return target(ref, dialect, model, model.maxOutputTokens(), false);
    }

    static ResolvedTarget target(String ref, Dialect dialect, CatalogModel model, Integer maxOutput, boolean reroute) {
        Provider provider = new Provider("http://127.0.0.1:1", dialect.wireName(), null, null, null, null,
                Map.of(ref, model));
        return new ResolvedTarget("g", 0, "p", provider, ref, model, dialect, 1, 0, maxOutput, reroute);
    }

    static CatalogModel model(List<String> modalities, List<String> chatTools, Boolean honorsMax, Integer context) {
        return new CatalogModel("m", null, BigDecimal.ONE, BigDecimal.ONE, null, null, modalities, null,
                new CatalogModel.ToolSupport(chatTools, null, null), honorsMax, context, null, null);
    }

    static CatalogModel tools(List<String> chat, List<String> responses, List<String> anthropic) {
        return new CatalogModel("m", null, BigDecimal.ONE, BigDecimal.ONE, null, null, List.of("text", "image"), null,
                new CatalogModel.ToolSupport(chat, responses, anthropic), null, null, null, null);
    }

    static RequestShape shape(Dialect dialect, String json) throws Exception {
        return RequestShape.of(Codecs.of(dialect).decodeRequest((ObjectNode) Json.MAPPER.readTree(json)));
    }

    static RequestShape shape(String chatJson) throws Exception {
        return shape(Dialect.OPENAI_CHAT, chatJson);
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
                "max_tokens", "structured_outputs_translation");
        assertThat(result.missing().get("p/claude")).containsExactly("tools", "structured_outputs_translation",
                "image");
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

    @Test
    void judgesToolsByTheTargetDialectsOwnEvidence() throws Exception {
        RequestShape request = shape(Dialect.ANTHROPIC_MESSAGES, """
                {"model":"g","max_tokens":100,"tools":[{"name":"f","input_schema":{"type":"object"}}],
                 "messages":[{"role":"user","content":"hi"}]}""");
        // each target lists tool evidence for a dialect other than its own, except the last three
        ResolvedTarget chatWrong = target("cw", Dialect.OPENAI_CHAT, tools(null, List.of("function"), null));
        ResolvedTarget respWrong = target("rw", Dialect.OPENAI_RESPONSES, tools(List.of("tools"), null, null));
        ResolvedTarget anthWrong = target("aw", Dialect.ANTHROPIC_MESSAGES, tools(List.of("tools"), null, null));
        ResolvedTarget chat = target("c", Dialect.OPENAI_CHAT, tools(List.of("tools"), null, null));
        ResolvedTarget resp = target("r", Dialect.OPENAI_RESPONSES, tools(null, List.of("function"), null));
        ResolvedTarget anth = target("a", Dialect.ANTHROPIC_MESSAGES, tools(null, null, List.of("client_tools")));

        Eligibility result = filter.filter(List.of(chatWrong, respWrong, anthWrong, chat, resp, anth), request, 10L);

        assertThat(result.eligible()).containsExactly(chat, resp, anth);
        assertThat(result.requirements()).containsExactly("tools");
    }

    @Test
    void refusesTranslationsThatWouldDropResponsesStateOrHostedTools() throws Exception {
        RequestShape stateful = shape(Dialect.OPENAI_RESPONSES, """
                {"model":"g","input":"next","previous_response_id":"resp_123","background":false}""");
        RequestShape hosted = shape(Dialect.OPENAI_RESPONSES, """
                {"model":"g","input":"search","tools":[{"type":"web_search"}]}""");
        CatalogModel all = tools(List.of("tools"), List.of("function"), List.of("client_tools"));
        ResolvedTarget chat = target("c", Dialect.OPENAI_CHAT, all);
        ResolvedTarget anth = target("a", Dialect.ANTHROPIC_MESSAGES, all);
        ResolvedTarget resp = target("r", Dialect.OPENAI_RESPONSES, all);

        Eligibility state = filter.filter(List.of(chat, anth, resp), stateful, 10L);
        assertThat(state.eligible()).containsExactly(resp);
        assertThat(state.requirements()).as("background:false asks for nothing").containsExactly(
                "previous_response_id");

        Eligibility tools = filter.filter(List.of(chat, anth, resp), hosted, 10L);
        assertThat(tools.eligible()).containsExactly(resp);
        assertThat(tools.requirements()).containsExactly("hosted_tools");
    }

    @Test
    void reroutesOrClampsARequestAboveTheTargetsOutputCap() throws Exception {
        RequestShape big = shape("""
                {"model":"g","max_completion_tokens":5000,"messages":[{"role":"user","content":"hi"}]}""");
        RequestShape small = shape("""
                {"model":"g","max_completion_tokens":500,"messages":[{"role":"user","content":"hi"}]}""");
        CatalogModel m = model(null, null, null, 4000);
        ResolvedTarget reroute = target("re", Dialect.OPENAI_CHAT, m, 1000, true);
        ResolvedTarget clamp = target("cl", Dialect.OPENAI_CHAT, m, 1000, false);

        Eligibility over = filter.filter(List.of(reroute, clamp), big, 100L);
        assertThat(over.eligible()).containsExactly(clamp);
        assertThat(over.missing()).containsEntry("p/re", List.of("max_tokens"));
        assertThat(over.overCapRerouted()).isTrue();
        assertThat(filter.check(clamp, big, 2900L)).as("the context check uses the clamped cap").isEmpty();

        Eligibility within = filter.filter(List.of(reroute, clamp), small, 100L);
        assertThat(within.eligible()).containsExactly(reroute, clamp);
        assertThat(within.overCapRerouted()).isFalse();
    }
}

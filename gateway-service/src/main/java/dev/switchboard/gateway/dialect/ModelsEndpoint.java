package dev.switchboard.gateway.dialect;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import dev.switchboard.gateway.EdgeRequest;
import dev.switchboard.gateway.Headers;
import dev.switchboard.gateway.auth.Authenticator;
import dev.switchboard.gateway.errors.ErrorResponder;
import dev.switchboard.gateway.policy.PolicyHolder;
import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.model.json.Json;
import dev.switchboard.model.policy.Caller;
import dev.switchboard.model.policy.CompiledPolicy;

/**
 * {@code GET /v1/models}: the groups this caller may use, in the operator's order. OpenAI's list shape by default;
 * Anthropic's ({@code type: model}, {@code display_name}, {@code created_at}, one page) on
 * {@code /anthropic/v1/models} and whenever the request carries {@code anthropic-version}, which every Anthropic SDK
 * sends, so that {@code models.list()} works from either base URL.
 */
@Singleton
public class ModelsEndpoint {

    /**
     * OpenAI clients expect {@code created}; a group has no creation date of its own, so every entry carries the same
     * fixed instant (2025-01-01T00:00:00Z) and answers stay byte-identical across replicas and restarts.
     */
    static final long CREATED = 1_735_689_600L;
    static final String CREATED_AT = "2025-01-01T00:00:00Z";
    static final String OWNED_BY = "switchboard";

    private final PolicyHolder policies;
    private final Authenticator authenticator;
    private final ErrorResponder errors;

    ModelsEndpoint(PolicyHolder policies, Authenticator authenticator, ErrorResponder errors) {
        this.policies = policies;
        this.authenticator = authenticator;
        this.errors = errors;
    }

    public void handle(RoutingContext ctx) {
        EdgeRequest edge = EdgeRequest.of(ctx);
        boolean anthropic = edge.envelope() == Dialect.ANTHROPIC_MESSAGES
                || ctx.request().headers().contains(Headers.ANTHROPIC_VERSION);
        Dialect shape = anthropic ? Dialect.ANTHROPIC_MESSAGES : Dialect.OPENAI_CHAT;
        if (anthropic) {
            ctx.response().putHeader(Headers.ANTHROPIC_REQUEST_ID, edge.requestId());
        }
        CompiledPolicy policy = policies.current();
        if (policy == null) {
            errors.reply(ctx, EdgeErrors.NO_POLICY, shape);
            return;
        }
        Caller caller;
        try {
            caller = authenticator.authenticate(ctx.request(), policy);
        } catch (GatewayError.Failure refused) {
            errors.reply(ctx, refused.error(), shape);
            return;
        }
        ObjectNode list = anthropic ? anthropicList(policy, caller) : openAiList(policy, caller);
        try {
            ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, Headers.APPLICATION_JSON)
                    .end(Buffer.buffer(Json.MAPPER.writeValueAsBytes(list)));
        } catch (JsonProcessingException e) {
            errors.internal(ctx, e);
        }
    }

    private static ObjectNode openAiList(CompiledPolicy policy, Caller caller) {
        ObjectNode list = Json.MAPPER.createObjectNode();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String group : policy.groupNames()) {
            if (caller.allows(group)) {
                data.addObject().put("id", group).put("object", "model").put("created", CREATED).put("owned_by",
                        OWNED_BY);
            }
        }
        return list;
    }

    /** Every allowed group in one page: lists are short, so paging parameters are accepted and not needed. */
    private static ObjectNode anthropicList(CompiledPolicy policy, Caller caller) {
        ObjectNode list = Json.MAPPER.createObjectNode();
        ArrayNode data = list.putArray("data");
        String first = null;
        String last = null;
        for (String group : policy.groupNames()) {
            if (caller.allows(group)) {
                data.addObject().put("type", "model").put("id", group).put("display_name", group).put("created_at",
                        CREATED_AT);
                first = first == null ? group : first;
                last = group;
            }
        }
        list.put("has_more", false);
        list.put("first_id", first);
        list.put("last_id", last);
        return list;
    }
}

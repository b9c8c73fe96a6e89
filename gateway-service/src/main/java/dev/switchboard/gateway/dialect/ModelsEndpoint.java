package dev.switchboard.gateway.dialect;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import dev.switchboard.gateway.Headers;
import dev.switchboard.gateway.auth.Authenticator;
import dev.switchboard.gateway.errors.ErrorResponder;
import dev.switchboard.gateway.policy.PolicyHolder;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.model.json.Json;
import dev.switchboard.model.policy.Caller;
import dev.switchboard.model.policy.CompiledPolicy;

/** {@code GET /v1/models}: the groups this caller may use, in OpenAI's list shape and the operator's order. */
@ApplicationScoped
public class ModelsEndpoint {

    /**
     * OpenAI clients expect {@code created}; a group has no creation date of its own, so every entry carries the same
     * fixed instant (2025-01-01T00:00:00Z) and answers stay byte-identical across replicas and restarts.
     */
    static final long CREATED = 1_735_689_600L;
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
        CompiledPolicy policy = policies.current();
        if (policy == null) {
            errors.reply(ctx, ChatCompletionsEndpoint.NO_POLICY);
            return;
        }
        Caller caller;
        try {
            caller = authenticator.authenticate(ctx.request(), policy);
        } catch (GatewayError.Failure refused) {
            errors.reply(ctx, refused.error());
            return;
        }
        ObjectNode list = Json.MAPPER.createObjectNode();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String group : policy.groupNames()) {
            if (caller.allows(group)) {
                data.addObject().put("id", group).put("object", "model").put("created", CREATED).put("owned_by",
                        OWNED_BY);
            }
        }
        try {
            ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, Headers.APPLICATION_JSON)
                    .end(Buffer.buffer(Json.MAPPER.writeValueAsBytes(list)));
        } catch (JsonProcessingException e) {
            errors.internal(ctx, e);
        }
    }
}

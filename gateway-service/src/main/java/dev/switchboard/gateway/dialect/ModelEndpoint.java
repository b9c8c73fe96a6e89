package dev.switchboard.gateway.dialect;

import java.util.List;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import dev.switchboard.gateway.EdgeRequest;
import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.Headers;
import dev.switchboard.gateway.admission.CallerLimits;
import dev.switchboard.gateway.admission.GroupAdmission;
import dev.switchboard.gateway.admission.Slot;
import dev.switchboard.gateway.auth.Authenticator;
import dev.switchboard.gateway.errors.ErrorResponder;
import dev.switchboard.gateway.forward.RouteCall;
import dev.switchboard.gateway.forward.RoutingForwarder;
import dev.switchboard.gateway.policy.PolicyHolder;
import dev.switchboard.gateway.usage.EdgeRejection;
import dev.switchboard.gateway.usage.EdgeUsageEvents;
import dev.switchboard.model.dialect.RequestFacts;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.model.policy.Caller;
import dev.switchboard.model.policy.CompiledPolicy;

/**
 * The model endpoints of every caller dialect ({@code /v1/chat/completions}, {@code /v1/responses}, Anthropic
 * {@code /v1/messages}): authenticate → key status → read and validate the body with the dialect's inspector →
 * resolve and allow the group → caller limits → forward to routing and relay its answer. Every refusal on the way is
 * answered here, in the caller's dialect, and recorded as one edge usage event.
 *
 * <p>
 * Anthropic's {@code count_tokens} shares the steps up to the allow list and is then answered here with the tokenizer
 * count: no limits, no forwarding, no usage event (it is not a model request and costs no provider call).
 */
@Singleton
public class ModelEndpoint {

    private static final Logger LOG = Logger.getLogger(ModelEndpoint.class);

    private final PolicyHolder policies;
    private final Authenticator authenticator;
    private final GroupAdmission groups;
    private final CallerLimits limits;
    private final RoutingForwarder forwarder;
    private final ErrorResponder errors;
    private final EdgeUsageEvents events;
    private final long maxBodyBytes;
    private final Accepted forward = this::admitAndForward;

    ModelEndpoint(PolicyHolder policies, Authenticator authenticator, GroupAdmission groups, CallerLimits limits,
            RoutingForwarder forwarder, ErrorResponder errors, EdgeUsageEvents events, GatewayConfig config) {
        this.policies = policies;
        this.authenticator = authenticator;
        this.groups = groups;
        this.limits = limits;
        this.forwarder = forwarder;
        this.errors = errors;
        this.events = events;
        this.maxBodyBytes = config.http().maxBodyBytes();
    }

    public void chatCompletions(RoutingContext ctx) {
        receive(new Exchange(ctx, ModelSurface.CHAT, true), forward);
    }

    public void responses(RoutingContext ctx) {
        receive(new Exchange(ctx, ModelSurface.RESPONSES, true), forward);
    }

    public void messages(RoutingContext ctx) {
        receive(new Exchange(ctx, ModelSurface.MESSAGES, true), forward);
    }

    public void countTokens(RoutingContext ctx) {
        receive(new Exchange(ctx, ModelSurface.COUNT_TOKENS, false), ModelEndpoint::answerTokenCount);
    }

    /** What happens to a request whose body is valid and whose group the caller may use. */
    @FunctionalInterface
    private interface Accepted {
        void accept(Exchange exchange, RequestFacts facts, ObjectNode json, Buffer body);
    }

    private void receive(Exchange exchange, Accepted next) {
        RoutingContext ctx = exchange.ctx;
        try {
            if (exchange.policy == null) {
                exchange.reject(EdgeErrors.NO_POLICY);
                return;
            }
            exchange.caller = authenticator.identify(ctx.request(), exchange.policy);
            authenticator.requireActive(exchange.caller);
            if (!RequestBodies.isJson(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
                exchange.reject(RequestBodies.unsupportedMediaType());
                return;
            }
        } catch (GatewayError.Failure refused) {
            exchange.reject(refused.error());
            return;
        } catch (RuntimeException unexpected) {
            exchange.fail(unexpected);
            return;
        }
        RequestBodies.read(ctx.request(), maxBodyBytes).onComplete(read -> {
            if (read.succeeded()) {
                onBody(exchange, read.result(), next);
            } else if (read.cause() instanceof GatewayError.Failure refused) {
                exchange.reject(refused.error());
            }
            // any other failure is the connection's: nobody is left to answer
        });
    }

    private void onBody(Exchange exchange, Buffer body, Accepted next) {
        RequestFacts facts;
        ObjectNode json;
        try {
            json = RequestBodies.parseObject(body);
            facts = exchange.surface.inspect(json);
            exchange.requestedModel = facts.model();
            exchange.stream = facts.stream();
            exchange.group = groups.resolve(facts.model(), exchange.caller, exchange.policy);
        } catch (GatewayError.Failure refused) {
            exchange.reject(refused.error());
            return;
        } catch (RuntimeException unexpected) {
            exchange.fail(unexpected);
            return;
        }
        try {
            next.accept(exchange, facts, json, body);
        } catch (RuntimeException unexpected) {
            exchange.fail(unexpected);
        }
    }

    private static void answerTokenCount(Exchange exchange, RequestFacts facts, ObjectNode json, Buffer body) {
        exchange.ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, Headers.APPLICATION_JSON)
                .end("{\"input_tokens\":" + facts.estimatedInputTokens() + "}");
    }

    private void admitAndForward(Exchange exchange, RequestFacts facts, ObjectNode json, Buffer body) {
        RoutingContext ctx = exchange.ctx;
        int promptTokens = PromptTokens.needsExactCount(facts, exchange.policy, exchange.group)
                ? exchange.surface.countInputTokens(json)
                : facts.estimatedInputTokens();
        RouteCall call = new RouteCall(exchange.edge, exchange.surface.dialect(), exchange.caller, exchange.group,
                facts.model(), facts.stream(), promptTokens, exchange.policy.version(),
                exchange.userAgent, exchange.surface.anthropicHeaders() ? anthropicHeaders(ctx) : null, body);
        Slot.Holder slot = new Slot.Holder();
        ctx.addEndHandler(ended -> slot.release());
        limits.admit(exchange.caller).onComplete(admitted -> {
            if (admitted.failed()) {
                if (admitted.cause() instanceof GatewayError.Failure refused) {
                    exchange.reject(refused.error());
                } else {
                    exchange.fail(admitted.cause());
                }
                return;
            }
            slot.attach(admitted.result());
            if (slot.finished()) {
                return; // the caller left while admission was in flight
            }
            try {
                forwarder.forward(ctx, call, slot::release).onFailure(failure -> {
                    if (ctx.response().closed()) {
                        return;
                    }
                    slot.release();
                    LOG.warnf("request %s: routing unreachable (%s)", exchange.edge.requestId(), failure.toString());
                    exchange.reject(EdgeErrors.ROUTING_UNREACHABLE);
                });
            } catch (RuntimeException unexpected) {
                slot.release();
                exchange.fail(unexpected);
            }
        });
    }

    /** {@code anthropic-version} and every {@code anthropic-beta} value, as the caller sent them. */
    private static MultiMap anthropicHeaders(RoutingContext ctx) {
        MultiMap passed = HttpHeaders.headers();
        for (CharSequence name : List.of(Headers.ANTHROPIC_VERSION, Headers.ANTHROPIC_BETA)) {
            for (String value : ctx.request().headers().getAll(name)) {
                passed.add(name, value);
            }
        }
        return passed;
    }

    /** One request's progress through the endpoint: what the gateway has learned so far, for answers and events. */
    private final class Exchange {
        final RoutingContext ctx;
        final ModelSurface surface;
        final boolean recorded;
        final EdgeRequest edge;
        final CompiledPolicy policy;
        final String userAgent;
        Caller caller;
        String requestedModel;
        String group;
        boolean stream;

        Exchange(RoutingContext ctx, ModelSurface surface, boolean recorded) {
            this.ctx = ctx;
            this.surface = surface;
            this.recorded = recorded;
            this.edge = EdgeRequest.of(ctx);
            this.policy = policies.current();
            this.userAgent = ctx.request().getHeader(HttpHeaders.USER_AGENT);
        }

        void reject(GatewayError error) {
            errors.reply(ctx, error, surface.dialect());
            // after the answer is on its way: the event must never delay or fail it
            record(error);
        }

        void fail(Throwable unexpected) {
            record(errors.internal(ctx, unexpected));
        }

        private void record(GatewayError error) {
            if (recorded) {
                events.publish(new EdgeRejection(edge, surface.dialect(), caller, requestedModel, group, stream,
                        userAgent, policy == null ? null : policy.version(), error));
            }
        }
    }
}

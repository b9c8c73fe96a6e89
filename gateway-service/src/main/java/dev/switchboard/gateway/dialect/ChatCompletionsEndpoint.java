package dev.switchboard.gateway.dialect;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import dev.switchboard.gateway.EdgeRequest;
import dev.switchboard.gateway.GatewayConfig;
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
import dev.switchboard.model.dialect.ChatCompletions;
import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.dialect.RequestFacts;
import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.model.policy.Caller;
import dev.switchboard.model.policy.CompiledPolicy;

/**
 * {@code POST /v1/chat/completions}: authenticate → key status → read and inspect the body → resolve and allow the
 * group → caller limits → forward to routing and relay its answer. Every refusal on the way is answered here, in the
 * OpenAI envelope, and recorded as one edge usage event.
 */
@ApplicationScoped
public class ChatCompletionsEndpoint {

    private static final Logger LOG = Logger.getLogger(ChatCompletionsEndpoint.class);
    private static final Dialect DIALECT = Dialect.OPENAI_CHAT;
    static final GatewayError NO_POLICY = GatewayError
            .of(ErrorType.SERVICE_UNAVAILABLE, "the gateway has no active policy yet; retry shortly")
            .withDetail("reason", "no-active-policy")
            .withRetryAfter(1);
    static final GatewayError ROUTING_UNREACHABLE = GatewayError
            .of(ErrorType.SERVICE_UNAVAILABLE, "the routing service is unreachable; retry shortly")
            .withDetail("reason", "routing-unreachable")
            .withRetryAfter(1);

    private final PolicyHolder policies;
    private final Authenticator authenticator;
    private final GroupAdmission groups;
    private final CallerLimits limits;
    private final RoutingForwarder forwarder;
    private final ErrorResponder errors;
    private final EdgeUsageEvents events;
    private final long maxBodyBytes;

    ChatCompletionsEndpoint(PolicyHolder policies, Authenticator authenticator, GroupAdmission groups,
            CallerLimits limits, RoutingForwarder forwarder, ErrorResponder errors, EdgeUsageEvents events,
            GatewayConfig config) {
        this.policies = policies;
        this.authenticator = authenticator;
        this.groups = groups;
        this.limits = limits;
        this.forwarder = forwarder;
        this.errors = errors;
        this.events = events;
        this.maxBodyBytes = config.http().maxBodyBytes();
    }

    public void handle(RoutingContext ctx) {
        Exchange exchange = new Exchange(ctx, policies.current());
        try {
            if (exchange.policy == null) {
                exchange.reject(NO_POLICY);
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
                onBody(exchange, read.result());
            } else if (read.cause() instanceof GatewayError.Failure refused) {
                exchange.reject(refused.error());
            }
            // any other failure is the connection's: nobody is left to answer
        });
    }

    private void onBody(Exchange exchange, Buffer body) {
        String group;
        RequestFacts facts;
        try {
            ObjectNode json = RequestBodies.parseObject(body);
            facts = ChatCompletions.inspect(json);
            exchange.requestedModel = facts.model();
            exchange.stream = facts.stream();
            group = groups.resolve(facts.model(), exchange.caller, exchange.policy);
            exchange.group = group;
        } catch (GatewayError.Failure refused) {
            exchange.reject(refused.error());
            return;
        } catch (RuntimeException unexpected) {
            exchange.fail(unexpected);
            return;
        }
        RouteCall call = new RouteCall(exchange.edge, DIALECT, exchange.caller, group, facts.model(), facts.stream(),
                facts.estimatedInputTokens(), exchange.policy.version(), exchange.userAgent, body);
        try {
            admitAndForward(exchange, call);
        } catch (RuntimeException unexpected) {
            exchange.fail(unexpected);
        }
    }

    private void admitAndForward(Exchange exchange, RouteCall call) {
        RoutingContext ctx = exchange.ctx;
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
                    exchange.reject(ROUTING_UNREACHABLE);
                });
            } catch (RuntimeException unexpected) {
                slot.release();
                exchange.fail(unexpected);
            }
        });
    }

    /** One request's progress through the endpoint: what the gateway has learned so far, for answers and events. */
    private final class Exchange {
        final RoutingContext ctx;
        final EdgeRequest edge;
        final CompiledPolicy policy;
        final String userAgent;
        Caller caller;
        String requestedModel;
        String group;
        boolean stream;

        Exchange(RoutingContext ctx, CompiledPolicy policy) {
            this.ctx = ctx;
            this.edge = EdgeRequest.of(ctx);
            this.policy = policy;
            this.userAgent = ctx.request().getHeader(HttpHeaders.USER_AGENT);
        }

        void reject(GatewayError error) {
            errors.reply(ctx, error, DIALECT);
            // after the answer is on its way: the event must never delay or fail it
            events.publish(new EdgeRejection(edge, DIALECT, caller, requestedModel, group, stream, userAgent,
                    policy == null ? null : policy.version(), error));
        }

        void fail(Throwable unexpected) {
            GatewayError error = errors.internal(ctx, unexpected);
            events.publish(new EdgeRejection(edge, DIALECT, caller, requestedModel, group, stream, userAgent,
                    policy == null ? null : policy.version(), error));
        }
    }
}

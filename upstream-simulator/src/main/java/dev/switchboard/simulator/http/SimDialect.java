package dev.switchboard.simulator.http;

import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.simulator.scenario.Answer;
import dev.switchboard.simulator.scenario.Failure;
import dev.switchboard.simulator.scenario.Scenario;
import dev.switchboard.simulator.scenario.SimRequest;

/**
 * One API shape the simulator speaks. The {@link ScenarioPlayer} decides what happens and when; a dialect only reads
 * requests and renders answers, stream events and errors in its wire format.
 */
public interface SimDialect {

    /** The dialect's wire name, recorded as {@code last_dialect} in the stats. */
    Dialect dialect();

    /** The credential the caller presented, or {@code null} when there is none. */
    String presentedKey(HttpServerRequest request);

    /** The failure for a missing or wrong credential; its message never contains the credential. */
    Failure unauthorized(boolean keyPresented);

    /**
     * @throws Failure.Rejected when the body is not a valid request of this dialect
     */
    SimRequest inspect(JsonNode body);

    Buffer completion(SimRequest request, Answer answer);

    /**
     * Every event of a successful stream, terminal events included, each a complete SSE event. The first event
     * starts the answer; scenarios that cut a stream short send a prefix of this list.
     */
    List<Buffer> streamEvents(SimRequest request, Answer answer);

    /**
     * How many leading {@link #streamEvents} a stream that is cut short sends: enough for the answer to have
     * started (its first content delta included).
     */
    default int partialEvents() {
        return 2;
    }

    /**
     * An in-band error event, for a stream that fails after it started.
     *
     * @param eventsSent how many events the stream had sent before (Responses numbers its events)
     */
    Buffer streamError(SimRequest request, Failure failure, int eventsSent);

    Buffer error(Failure failure);

    Buffer models(Collection<Scenario> scenarios);
}

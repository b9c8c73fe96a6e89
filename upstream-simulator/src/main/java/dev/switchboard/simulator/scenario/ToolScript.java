package dev.switchboard.simulator.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scripted tool calls: the latest user turn that contains {@code [[sim:tool ...]]} directives is the script; each
 * directive is called in turn, one per answer, until the conversation holds a tool result for every one of them,
 * and then the answer is {@code done: NAME[, NAME...]}.
 *
 * <p>A dialect feeds the conversation in order: user texts, assistant tool calls and tool results. Only what
 * follows the script's turn counts. A result answers a directive when its call id carries the directive's key, or
 * else when the call it answers has the directive's name (some clients rewrite ids).
 */
public final class ToolScript {

    private List<ToolDirective> directives = List.of();
    private Map<String, String> callNames;
    private List<String> resultIds;

    /** What the next answer must be. */
    public sealed interface Step {
    }

    /** No directive in any user turn: the ordinary answer. */
    public record None() implements Step {
        static final None INSTANCE = new None();
    }

    public record Call(ToolDirective directive) implements Step {
    }

    public record Done(List<String> names) implements Step {
        public String text() {
            return "done: " + String.join(", ", names);
        }
    }

    public static Step none() {
        return None.INSTANCE;
    }

    /** The text of one user turn (not tool results, not system prompts). */
    public void userText(String text) {
        if (!ToolDirective.mayContain(text)) {
            return;
        }
        List<ToolDirective> parsed = ToolDirective.parse(text);
        if (!parsed.isEmpty()) {
            directives = parsed;
            callNames = null;
            resultIds = null;
        }
    }

    public void assistantCall(String id, String name) {
        if (directives.isEmpty() || id == null) {
            return;
        }
        if (callNames == null) {
            callNames = new HashMap<>();
        }
        callNames.put(id, name);
    }

    public void toolResult(String callId) {
        if (directives.isEmpty() || callId == null) {
            return;
        }
        if (resultIds == null) {
            resultIds = new ArrayList<>(4);
        }
        resultIds.add(callId);
    }

    public Step step() {
        if (directives.isEmpty()) {
            return None.INSTANCE;
        }
        boolean[] answered = new boolean[directives.size()];
        List<String> unmatched = new ArrayList<>();
        for (String result : resultIds == null ? List.<String>of() : resultIds) {
            int byId = firstOpen(answered, result, null);
            if (byId >= 0) {
                answered[byId] = true;
            } else {
                unmatched.add(result);
            }
        }
        for (String result : unmatched) {
            String name = callNames == null ? null : callNames.get(result);
            int byName = name == null ? -1 : firstOpen(answered, null, name);
            if (byName >= 0) {
                answered[byName] = true;
            }
        }
        for (int i = 0; i < answered.length; i++) {
            if (!answered[i]) {
                return new Call(directives.get(i));
            }
        }
        return new Done(directives.stream().map(ToolDirective::name).toList());
    }

    private int firstOpen(boolean[] answered, String callId, String name) {
        for (int i = 0; i < answered.length; i++) {
            ToolDirective d = directives.get(i);
            if (!answered[i] && (callId != null ? d.answeredBy(callId) : d.name().equals(name))) {
                return i;
            }
        }
        return -1;
    }
}

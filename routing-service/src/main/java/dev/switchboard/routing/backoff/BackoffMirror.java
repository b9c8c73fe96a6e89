package dev.switchboard.routing.backoff;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.switchboard.model.policy.ResolvedTarget;

/**
 * This replica's copy of the shared backoff marks, read on the request path without any I/O. It is fed by the
 * replica's own cooldowns, by the announcements of the others and by periodic resyncs from Redis; expired marks are
 * dropped when a read meets them.
 */
final class BackoffMirror {

    private final Map<String, BackoffMark> marks = new ConcurrentHashMap<>();

    /** Active marks among the targets, by label; the empty map (no allocation) when nothing is cooling down. */
    Map<String, BackoffMark> active(List<ResolvedTarget> targets, long nowMs) {
        if (marks.isEmpty()) {
            return Map.of();
        }
        Map<String, BackoffMark> found = null;
        for (ResolvedTarget target : targets) {
            String label = target.label();
            BackoffMark mark = marks.get(label);
            if (mark == null) {
                continue;
            }
            if (!mark.activeAt(nowMs)) {
                marks.remove(label, mark);
                continue;
            }
            if (found == null) {
                found = new HashMap<>(4);
            }
            found.put(label, mark);
        }
        return found == null ? Map.of() : found;
    }

    /**
     * Records a mark. Announcements, script answers and resyncs can arrive in any order, and Redis never shortens a
     * cooldown, so the later end wins.
     */
    void apply(BackoffMark mark, long nowMs) {
        if (!mark.activeAt(nowMs)) {
            return;
        }
        marks.merge(mark.label(), mark, (held, fresh) -> fresh.untilMs() >= held.untilMs() ? fresh : held);
    }

    /** What the mirror holds for these labels right now: taken before a resync reads Redis. */
    Map<String, BackoffMark> snapshot(Collection<String> labels) {
        Map<String, BackoffMark> held = new HashMap<>();
        for (String label : labels) {
            BackoffMark mark = marks.get(label);
            if (mark != null) {
                held.put(label, mark);
            }
        }
        return held;
    }

    /**
     * Applies what Redis holds for {@code labels} (label → stored value, absent when there is no key). A mark that
     * Redis no longer has (expired, or deleted by an operator) is dropped, unless it changed since {@code before} was
     * taken: then it is newer than what the resync read.
     */
    void reconcile(Collection<String> labels, Map<String, String> stored, Map<String, BackoffMark> before,
            long nowMs) {
        for (String label : labels) {
            String value = stored.get(label);
            if (value != null) {
                apply(BackoffMark.parse(label, value, nowMs), nowMs);
            } else {
                BackoffMark held = before.get(label);
                if (held != null) {
                    marks.remove(label, held);
                }
            }
        }
    }
}

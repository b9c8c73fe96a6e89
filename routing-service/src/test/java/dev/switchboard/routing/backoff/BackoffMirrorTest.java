package dev.switchboard.routing.backoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.policy.ResolvedTarget;

/** The mirror's merge rules, without Redis: what a replica believes when updates arrive in any order. */
class BackoffMirrorTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final ResolvedTarget A = target("a");
    private static final ResolvedTarget B = target("b");

    private final BackoffMirror mirror = new BackoffMirror();

    @Test
    void theLaterEndWinsWhateverTheOrder() {
        mirror.apply(mark("a", NOW + 5_000), NOW);
        mirror.apply(mark("a", NOW + 3_000), NOW);
        assertThat(mirror.active(List.of(A), NOW).get("p/a").untilMs()).isEqualTo(NOW + 5_000);

        mirror.apply(mark("a", NOW + 8_000), NOW);
        assertThat(mirror.active(List.of(A), NOW).get("p/a").untilMs()).isEqualTo(NOW + 8_000);
    }

    @Test
    void expiredMarksAreIgnoredAndDropped() {
        mirror.apply(mark("a", NOW + 100), NOW);
        mirror.apply(mark("b", NOW - 1), NOW);

        assertThat(mirror.active(List.of(A, B), NOW)).containsOnlyKeys("p/a");
        assertThat(mirror.active(List.of(A, B), NOW + 100)).isEmpty();
        assertThat(mirror.snapshot(List.of("p/a", "p/b"))).as("dropped when met").isEmpty();
    }

    @Test
    void aResyncDropsWhatRedisNoLongerHoldsButNotWhatChangedMeanwhile() {
        mirror.apply(mark("a", NOW + 5_000), NOW);
        mirror.apply(mark("b", NOW + 5_000), NOW);
        Map<String, BackoffMark> before = mirror.snapshot(List.of("p/a", "p/b"));
        // announced after the resync read Redis: newer than what the read saw
        mirror.apply(mark("b", NOW + 9_000), NOW);

        mirror.reconcile(List.of("p/a", "p/b"), Map.of(), before, NOW);

        assertThat(mirror.active(List.of(A, B), NOW)).containsOnlyKeys("p/b");
    }

    @Test
    void aResyncAddsWhatWasNeverAnnounced() {
        mirror.reconcile(List.of("p/a"), Map.of("p/a", "upstream_quota:" + (NOW + 30_000)), Map.of(), NOW);

        BackoffMark mark = mirror.active(List.of(A), NOW).get("p/a");
        assertThat(mark.reason()).isEqualTo(CooldownReason.QUOTA_EXHAUSTED);
        assertThat(mark.remainingMs(NOW)).isEqualTo(30_000);
    }

    @Test
    void nothingCoolingDownAnswersTheSharedEmptyMap() {
        assertThat(mirror.active(List.of(A, B), NOW)).isSameAs(Map.of());
    }

    private static BackoffMark mark(String ref, long untilMs) {
        return new BackoffMark("p/" + ref, CooldownReason.RATE_LIMITED, untilMs);
    }

    private static ResolvedTarget target(String ref) {
        return new ResolvedTarget("g", 0, "p", null, ref, null, Dialect.OPENAI_CHAT, 1, 0, null, false);
    }
}

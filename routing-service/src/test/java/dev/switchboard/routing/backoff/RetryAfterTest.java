package dev.switchboard.routing.backoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    @Test
    void readsSecondsMillisAndHttpDates() {
        long now = 1_700_000_000_000L;
        assertThat(RetryAfter.parseMillis(null, "7", now)).isEqualTo(7_000);
        assertThat(RetryAfter.parseMillis("1500", "7", now)).isEqualTo(1_500);
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(now + 30_000).atOffset(
                ZoneOffset.UTC));
        assertThat(RetryAfter.parseMillis(null, date, now)).isEqualTo(30_000);
        assertThat(RetryAfter.parseMillis(null, "soon", now)).isNull();
        assertThat(RetryAfter.parseMillis(null, null, now)).isNull();
    }

    @Test
    void storedMarksGiveReasonAndRemainingTime() {
        long now = 1_700_000_000_000L;
        BackoffMark mark = BackoffMark.parse("p/m", "upstream_quota:1700000030000", now);
        assertThat(mark.reason()).isEqualTo(CooldownReason.QUOTA_EXHAUSTED);
        assertThat(mark.untilMs()).isEqualTo(1_700_000_030_000L);
        assertThat(mark.remainingMs(now)).isEqualTo(30_000);
        assertThat(mark.remainingMs(now + 40_000)).as("never zero while handed out").isEqualTo(1);
        assertThat(BackoffMark.parse("p/m", "garbage", now).remainingMs(now)).isPositive();
        assertThat(RetryAfter.headerSeconds(1)).isEqualTo(1);
        assertThat(RetryAfter.headerSeconds(4_001)).isEqualTo(5);
    }

    @Test
    void announcementsCarryLabelReasonAndAbsoluteExpiry() {
        BackoffMark mark = BackoffMark.fromAnnouncement("alpha/gpt:4o upstream_429:1700000005000", 0);
        assertThat(mark.label()).as("labels may contain colons").isEqualTo("alpha/gpt:4o");
        assertThat(mark.reason()).isEqualTo(CooldownReason.RATE_LIMITED);
        assertThat(mark.untilMs()).isEqualTo(1_700_000_005_000L);
        assertThat(BackoffMark.fromAnnouncement("no-mark-here", 0)).isNull();
        assertThat(BackoffMark.fromAnnouncement("alpha/ok ", 0)).isNull();
        assertThat(BackoffMark.fromAnnouncement(null, 0)).isNull();
    }
}

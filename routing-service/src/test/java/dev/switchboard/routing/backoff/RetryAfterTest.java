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
        BackoffMark mark = BackoffMark.parse("p/m", "upstream_quota:1700000030000", 1_700_000_000_000L);
        assertThat(mark.reason()).isEqualTo(CooldownReason.QUOTA_EXHAUSTED);
        assertThat(mark.remainingMs()).isEqualTo(30_000);
        assertThat(BackoffMark.parse("p/m", "garbage", 0).remainingMs()).isPositive();
        assertThat(RetryAfter.headerSeconds(1)).isEqualTo(1);
        assertThat(RetryAfter.headerSeconds(4_001)).isEqualTo(5);
    }
}

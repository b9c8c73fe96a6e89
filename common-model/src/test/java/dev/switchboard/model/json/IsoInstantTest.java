package dev.switchboard.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class IsoInstantTest {

    private static final long FIRST = LocalDate.of(0, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    private static final long AFTER_LAST = LocalDate.of(10_000, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();

    @Test
    void everyDayOfYearsZeroToNineThousandNineHundredNinetyNineMatchesTheJdk() {
        char[] out = new char[IsoInstant.MAX_LENGTH];
        for (long second = FIRST; second < AFTER_LAST; second += 86_400) {
            for (Instant instant : new Instant[]{Instant.ofEpochSecond(second),
                    Instant.ofEpochSecond(second + 86_399)}) {
                assertRoundTrip(instant, out);
            }
        }
    }

    @Test
    void randomInstantsWithEveryFractionFormMatchTheJdk() {
        SplittableRandom random = new SplittableRandom(20261204);
        char[] out = new char[IsoInstant.MAX_LENGTH];
        for (int i = 0; i < 200_000; i++) {
            long second = random.nextLong(FIRST, AFTER_LAST);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            assertRoundTrip(Instant.ofEpochSecond(second, nanos), out);
        }
    }

    @Test
    void readsOneToNineFractionDigitsAsTheJdkDoes() {
        String base = "2026-02-28T23:59:59.";
        String digits = "123456789";
        for (int n = 1; n <= 9; n++) {
            String text = base + digits.substring(0, n) + "Z";
            assertThat(parse(text)).as(text).isEqualTo(Instant.from(DateTimeFormatter.ISO_INSTANT.parse(text)));
        }
        assertThat(parse("2024-02-29T00:00:00Z")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
        assertThat(parse("2000-02-29T12:00:00Z")).isEqualTo(Instant.parse("2000-02-29T12:00:00Z"));
    }

    @Test
    void declinesWhatIsNotTheOneFormSoThatTheJdkDecides() {
        for (String text : new String[]{"", "2026-12-04", "2026-12-04T16:24:01", "2026-12-04T16:24:01+00:00",
                "2026-12-04t16:24:01z", "2026-12-04T16:24:01.Z", "2026-12-04T16:24:01.1234567890Z",
                "2026-13-04T16:24:01Z", "2026-00-04T16:24:01Z", "2026-02-29T16:24:01Z", "1900-02-29T00:00:00Z",
                "2026-04-31T00:00:00Z", "2026-12-00T00:00:00Z", "2026-12-04T24:00:00Z", "2026-12-04T23:60:00Z",
                "2026-12-04T23:59:60Z", "2026-12-04 16:24:01Z", "2026/12/04T16:24:01Z", "+10000-01-01T00:00:00Z",
                "-0001-01-01T00:00:00Z", "2026-12-04T16:24:01,5Z", "2026-12-04T16:24:01.5x5Z",
                "2O26-12-04T16:24:01Z"}) {
            assertThat(parse(text)).as(text).isNull();
        }
    }

    @Test
    void declinesToWriteYearsTheJdkWritesWithASign() {
        char[] out = new char[IsoInstant.MAX_LENGTH];
        assertThat(IsoInstant.format(Instant.ofEpochSecond(AFTER_LAST), out)).isEqualTo(-1);
        assertThat(IsoInstant.format(Instant.ofEpochSecond(FIRST - 1), out)).isEqualTo(-1);
        assertThat(IsoInstant.format(Instant.MAX, out)).isEqualTo(-1);
        assertThat(IsoInstant.format(Instant.MIN, out)).isEqualTo(-1);
    }

    @Test
    void readsWithinALargerBuffer() {
        char[] text = "xx\"2026-12-04T16:24:01.5Z\"yy".toCharArray();
        assertThat(IsoInstant.parse(text, 3, 22)).isEqualTo(Instant.parse("2026-12-04T16:24:01.500Z"));
    }

    private static void assertRoundTrip(Instant instant, char[] out) {
        String expected = DateTimeFormatter.ISO_INSTANT.format(instant);
        int length = IsoInstant.format(instant, out);
        assertThat(new String(out, 0, length)).isEqualTo(expected);
        assertThat(IsoInstant.parse(out, 0, length)).isEqualTo(instant);
    }

    private static Instant parse(String text) {
        return IsoInstant.parse(text.toCharArray(), 0, text.length());
    }
}

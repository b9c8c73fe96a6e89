package dev.switchboard.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.switchboard.model.dialect.TokenCounter;

class TokenCountsTest {

    @Test
    void countsAreTheTokenizersWhetherRememberedOrNot() {
        String text = "Ticket 48213: invoices exported after midnight carry the previous day's date. "
                + System.nanoTime();
        int first = TokenCounts.count(text);
        int again = TokenCounts.count(new String(text.toCharArray()));

        assertThat(first).isEqualTo(TokenCounter.count(text)).isPositive();
        assertThat(again).isEqualTo(first);
        assertThat(TokenCounts.count("")).isZero();
        assertThat(TokenCounts.count(null)).isZero();
    }

    @Test
    void memoryStaysBounded() {
        for (int i = 0; i < TokenCounts.MAX_ENTRIES * 2 + 7; i++) {
            assertThat(TokenCounts.count("text number " + i)).isEqualTo(TokenCounter.count("text number " + i));
        }
        assertThat(TokenCounts.remembered()).isBetween(1, TokenCounts.MAX_ENTRIES);

        String longText = "word ".repeat(TokenCounts.MAX_TEXT_CHARS);
        int before = TokenCounts.remembered();
        assertThat(TokenCounts.count(longText)).isEqualTo(TokenCounter.count(longText));
        assertThat(TokenCounts.remembered()).isEqualTo(before);
    }
}

package dev.switchboard.model.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenEstimateTest {

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("prose", """
                        The gateway sits in front of every model call, so its own cost must be close to nothing. \
                        Operators watch its latency, and callers expect the same answers they would get from the \
                        provider directly, with their usage recorded once and never lost along the way.
                        """),
                Arguments.of("code", """
                        public static int countInputTokens(ObjectNode body) {
                            TextSink.Collected text = new TextSink.Collected();
                            inspect(body, text);
                            return text.countTokens();
                        }
                        """),
                Arguments.of("json", """
                        {"model":"gpt-4.1","messages":[{"role":"user","content":"what is 1234 + 5678?"}],
                         "max_tokens":256,"temperature":0.2,"stream":true}
                        """),
                Arguments.of("numbers", "Order 48213 shipped on 2026-11-22 at 14:05; total 1,299.95 EUR for 3 items."),
                Arguments.of("german", "Die Anfrage wurde abgelehnt, weil das Kontingent für heute aufgebraucht ist."),
                Arguments.of("chinese", "请用三句话总结这篇文章的主要观点，并给出一个简短的标题。"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void staysWithinAQuarterOfTheRealTokenizer(String kind, String text) {
        int exact = TokenCounter.count(text);
        int estimate = TokenEstimate.of(text);

        assertThat((double) estimate).as("%s: estimate %d vs o200k %d", kind, estimate, exact)
                .isBetween(exact * 0.8, exact * 1.2);
    }

    @Test
    void addsUpPartsAndIgnoresNothingButWhitespace() {
        TokenEstimate estimate = new TokenEstimate();
        estimate.append("hello world");
        estimate.append(null);
        estimate.append("   \t ");
        estimate.append("!");

        assertThat(estimate.tokens()).isEqualTo(3);
        assertThat(TokenEstimate.of("")).isZero();
        assertThat(TokenEstimate.of("\n\n\n")).isEqualTo(1);
        assertThat(TokenEstimate.of("🙂")).isEqualTo(2);
    }
}

package dev.switchboard.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class AnswersTest {

    @Test
    void echoPrefixesTheUserText() {
        assertThat(Answers.echo("hello there")).isEqualTo("echo: hello there");
        assertThat(Answers.echo(null)).isEqualTo("echo: ");
    }

    @Test
    void echoIsTruncatedTo2000CharactersWithoutSplittingASurrogatePair() {
        assertThat(Answers.echo("x".repeat(5000))).hasSize(2000);

        String emoji = "\uD83D\uDE00";
        String text = "y".repeat(2000 - "echo: ".length() - 1) + emoji + "tail";
        String answer = Answers.echo(text);
        assertThat(answer).hasSize(1999).doesNotContain("\uD83D");
    }

    @Test
    void piecesAreWordsThatJoinBackToTheText() {
        String text = "echo: the quick  brown fox jumps";
        List<String> pieces = Answers.pieces(text);
        assertThat(pieces).containsExactly("echo: ", "the ", "quick  ", "brown ", "fox ", "jumps");
        assertThat(String.join("", pieces)).isEqualTo(text);
    }

    @Test
    void shortAnswersStillStreamInFourPieces() {
        List<String> pieces = Answers.pieces("echo: hi");
        assertThat(pieces).hasSize(Answers.MIN_PIECES).allSatisfy(p -> assertThat(p).isNotEmpty());
        assertThat(String.join("", pieces)).isEqualTo("echo: hi");
    }

    @Test
    void shortPiecesNeverSplitACodePoint() {
        String text = "\uD83D\uDE00\uD83D\uDE01 \uD83D\uDE02";
        List<String> pieces = Answers.pieces(text);
        assertThat(String.join("", pieces)).isEqualTo(text);
        assertThat(pieces).allSatisfy(p -> assertThat(Character.isLowSurrogate(p.charAt(0))).isFalse());
    }

    @Test
    void longAnswersAreGroupedIntoAtMost32Pieces() {
        String text = Answers.echo("word ".repeat(399));
        List<String> pieces = Answers.pieces(text);
        assertThat(pieces).hasSizeLessThanOrEqualTo(Answers.MAX_PIECES).hasSizeGreaterThan(Answers.MIN_PIECES);
        assertThat(String.join("", pieces)).isEqualTo(text);
    }

    @Test
    void emptyTextHasNoPieces() {
        assertThat(Answers.pieces("")).isEmpty();
    }

    @Test
    void echoAnswerCountsCompletionTokensAndKeepsPromptTokens() {
        Answer answer = Answer.of(new SimRequest("m", false, false, 17, "hello world"), true);
        assertThat(answer.text()).isEqualTo("echo: hello world");
        assertThat(answer.promptTokens()).isEqualTo(17);
        assertThat(answer.completionTokens()).isPositive();
        assertThat(answer.totalTokens()).isEqualTo(17 + answer.completionTokens());
    }
}

package dev.switchboard.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.switchboard.model.dialect.TokenCounter;

class AnswerTest {

    private static SimRequest request(String model, String text, int images, Integer cap, ToolScript.Step step) {
        return new SimRequest(model, false, false, 11, text, images, cap, step);
    }

    @Test
    void echoOfAVisionModelCountsItsImages() {
        Answer answer = Answer.of(request("sim-echo-vision", "look", 2, null, ToolScript.none()), true);
        assertThat(answer.text()).isEqualTo("echo: look [images: 2]");
        assertThat(answer.stop()).isEqualTo(Answer.Stop.END);
        assertThat(answer.reasoning()).isNull();
        assertThat(answer.reasoningTokens()).isZero();
    }

    @Test
    void reasoningModelsThinkFirstAndCountItAsOutput() {
        Answer answer = Answer.of(request("sim-echo-reasoning:b", "why", 0, null, ToolScript.none()), true);
        assertThat(answer.reasoning()).isEqualTo("The user wrote 3 characters. I will echo them back.");
        assertThat(answer.text()).isEqualTo("echo: why");
        assertThat(answer.reasoningTokens()).isEqualTo(TokenCounter.count(answer.reasoning())).isPositive();
        assertThat(answer.completionTokens())
                .isEqualTo(answer.reasoningTokens() + TokenCounter.count("echo: why"));
    }

    @Test
    void aScriptedCallAnswersWithTheToolCall() {
        ToolDirective directive = ToolDirective.parse("[[sim:tool get_weather {\"city\":\"Oslo\"}]]").get(0);
        Answer answer = Answer.of(request("gpt-4o", "ignored", 0, null, new ToolScript.Call(directive)), true);
        assertThat(answer.text()).isNull();
        assertThat(answer.toolCall()).isEqualTo(
                new Answer.ToolCall(directive.callKey(), "get_weather", "{\"city\":\"Oslo\"}"));
        assertThat(answer.stop()).isEqualTo(Answer.Stop.TOOL_CALL);
        assertThat(answer.completionTokens())
                .isEqualTo(TokenCounter.count("get_weather") + TokenCounter.count("{\"city\":\"Oslo\"}"));
    }

    @Test
    void aFinishedScriptAnswersDone() {
        Answer answer = Answer.of(request("m", "x", 0, null, new ToolScript.Done(java.util.List.of("a"))), true);
        assertThat(answer.text()).isEqualTo("done: a");
        assertThat(answer.stop()).isEqualTo(Answer.Stop.END);
    }

    @Test
    void theOutputCapCutsTheTextAndSaysSo() {
        String long_ = "one two three four five six seven eight nine ten";
        Answer cut = Answer.of(request("m", long_, 0, 3, ToolScript.none()), true);
        assertThat(cut.stop()).isEqualTo(Answer.Stop.MAX_TOKENS);
        assertThat(TokenCounter.count(cut.text())).isEqualTo(3);
        assertThat(("echo: " + long_)).startsWith(cut.text());
        assertThat(cut.completionTokens()).isEqualTo(3);

        Answer roomy = Answer.of(request("m", long_, 0, 1000, ToolScript.none()), true);
        assertThat(roomy.stop()).isEqualTo(Answer.Stop.END);
        assertThat(roomy.text()).isEqualTo("echo: " + long_);
    }

    @Test
    void truncationKeepsWholeCodePoints() {
        String text = "😀😀😀😀😀😀😀😀";
        for (int max = 0; max < 10; max++) {
            String cut = Answers.truncateToTokens(text, max);
            assertThat(TokenCounter.count(cut)).isLessThanOrEqualTo(max);
            assertThat(cut.codePoints().allMatch(cp -> cp == 0x1F600)).isTrue();
        }
    }

    @Test
    void argumentPiecesConcatenateBack() {
        String json = "{\"path\":\"src/main/java/App.java\",\"line\":42}";
        assertThat(Answers.argumentPieces(json)).hasSize(4);
        assertThat(String.join("", Answers.argumentPieces(json))).isEqualTo(json);
        assertThat(Answers.argumentPieces("{}")).containsExactly("{", "}");
    }

    @Test
    void capabilitySuffixesKeepTheScenario() {
        assertThat(Scenarios.forModel("sim-429-vision").name()).isEqualTo("sim-429");
        assertThat(Scenarios.forModel("sim-slow-reasoning:eu").name()).isEqualTo("sim-slow");
        assertThat(Scenarios.forModel("sim-echo-vision").name()).isEqualTo("sim-echo");
        assertThat(Scenarios.forModel("gpt-4o-vision").name()).isEqualTo("sim-echo");
    }
}

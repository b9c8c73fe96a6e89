package dev.switchboard.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import dev.switchboard.model.canonical.StopReason;

class StopReasonsTest {

    @ParameterizedTest
    @CsvSource({"END_TURN, stop, end_turn, completed, ",
            "MAX_TOKENS, length, max_tokens, incomplete, max_output_tokens",
            "TOOL_USE, tool_calls, tool_use, completed, ", "STOP_SEQUENCE, stop, stop_sequence, completed, ",
            "CONTENT_FILTER, content_filter, refusal, incomplete, content_filter",
            "REFUSAL, content_filter, refusal, incomplete, content_filter",
            "PAUSE_TURN, stop, pause_turn, completed, ", "ERROR, stop, end_turn, failed, "})
    void mapsEachCanonicalReasonToEveryDialect(StopReason reason, String chat, String anthropic, String status,
            String incompleteReason) {
        assertThat(StopReasons.toChat(reason)).isEqualTo(chat);
        assertThat(StopReasons.toAnthropic(reason)).isEqualTo(anthropic);
        assertThat(StopReasons.toResponses(reason)).isEqualTo(new StopReasons.ResponsesStatus(status,
                incompleteReason));
    }

    @ParameterizedTest
    @CsvSource({"stop, END_TURN", "length, MAX_TOKENS", "tool_calls, TOOL_USE", "function_call, TOOL_USE",
            "content_filter, CONTENT_FILTER", "something_new, END_TURN"})
    void decodesChatFinishReasons(String finishReason, StopReason expected) {
        assertThat(StopReasons.fromChat(finishReason)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"end_turn, END_TURN", "max_tokens, MAX_TOKENS", "model_context_window_exceeded, MAX_TOKENS",
            "stop_sequence, STOP_SEQUENCE", "tool_use, TOOL_USE", "pause_turn, PAUSE_TURN", "refusal, REFUSAL"})
    void decodesAnthropicStopReasons(String stopReason, StopReason expected) {
        assertThat(StopReasons.fromAnthropic(stopReason)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"completed, , false, END_TURN", "completed, , true, TOOL_USE",
            "incomplete, max_output_tokens, false, MAX_TOKENS", "incomplete, content_filter, false, CONTENT_FILTER",
            "failed, , false, ERROR", "cancelled, , false, ERROR"})
    void decodesResponsesStatus(String status, String reason, boolean toolCalls, StopReason expected) {
        assertThat(StopReasons.fromResponses(status, reason, toolCalls)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(value = StopReason.class, names = {"END_TURN", "MAX_TOKENS", "TOOL_USE", "CONTENT_FILTER"})
    void chatRoundTripKeepsTheReasonsChatCanExpress(StopReason reason) {
        assertThat(StopReasons.fromChat(StopReasons.toChat(reason))).isEqualTo(reason);
    }

    @ParameterizedTest
    @EnumSource(value = StopReason.class, names = {"END_TURN", "MAX_TOKENS", "TOOL_USE", "STOP_SEQUENCE",
            "REFUSAL", "PAUSE_TURN"})
    void anthropicRoundTripKeepsTheReasonsAnthropicCanExpress(StopReason reason) {
        assertThat(StopReasons.fromAnthropic(StopReasons.toAnthropic(reason))).isEqualTo(reason);
    }

    @ParameterizedTest
    @EnumSource(StopReason.class)
    void responsesTerminalEventMatchesStatus(StopReason reason) {
        StopReasons.ResponsesStatus status = StopReasons.toResponses(reason);
        assertThat(status.terminalEvent()).isEqualTo("response." + status.status());
    }

    @ParameterizedTest
    @CsvSource({"END_TURN, true, TOOL_USE", "END_TURN, false, END_TURN", "MAX_TOKENS, true, MAX_TOKENS"})
    void naturalEndWithToolCallsMeansToolUse(StopReason reason, boolean toolCalls, StopReason expected) {
        assertThat(StopReasons.withToolCalls(reason, toolCalls)).isEqualTo(expected);
    }
}

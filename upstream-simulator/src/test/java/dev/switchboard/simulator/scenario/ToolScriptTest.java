package dev.switchboard.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ToolScriptTest {

    @Test
    void directivesAreFoundAnywhereInTheText() {
        List<ToolDirective> found = ToolDirective.parse("""
                <system-reminder>wrapped by the client</system-reminder>
                Please [[sim:tool read_file {"path": "a.txt", "opts": {"n": 1}}]] and then
                [[sim:tool mcp__fs__list]] thanks""");
        assertThat(found).extracting(ToolDirective::name).containsExactly("read_file", "mcp__fs__list");
        assertThat(found.get(0).arguments()).isEqualTo("{\"path\":\"a.txt\",\"opts\":{\"n\":1}}");
        assertThat(found.get(1).arguments()).isEqualTo("{}");
    }

    @Test
    void bracesAndBracketsInsideStringsDoNotEndTheArguments() {
        List<ToolDirective> found = ToolDirective.parse("[[sim:tool bash {\"cmd\":\"echo '}]]' \\\"x\\\"\"}]]");
        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("bash");
            assertThat(d.arguments()).isEqualTo("{\"cmd\":\"echo '}]]' \\\"x\\\"\"}");
        });
    }

    @Test
    void malformedDirectivesAreIgnored() {
        assertThat(ToolDirective.parse("no directive here")).isEmpty();
        assertThat(ToolDirective.parse("[[sim:tool]]")).isEmpty();
        assertThat(ToolDirective.parse("[[sim:toolx {}]]")).isEmpty();
        assertThat(ToolDirective.parse("[[sim:tool t {not json}]]")).isEmpty();
        assertThat(ToolDirective.parse("[[sim:tool t [1,2]]]")).isEmpty();
        assertThat(ToolDirective.parse("[[sim:tool t {\"a\":1}")).isEmpty();
        assertThat(ToolDirective.parse("[[sim:tool t {\"a\":1} trailing]] [[sim:tool ok]]"))
                .extracting(ToolDirective::name).containsExactly("ok");
    }

    @Test
    void callKeysAreDeterministicAndDifferByPositionNameAndArguments() {
        ToolDirective a = ToolDirective.parse("[[sim:tool t {\"x\": 1}]]").get(0);
        ToolDirective again = ToolDirective.parse("other text [[sim:tool t {\"x\":1}]]").get(0);
        assertThat(a.callKey()).isEqualTo(again.callKey()).matches("[0-9a-f]{16}");
        List<ToolDirective> two = ToolDirective.parse("[[sim:tool t {\"x\":1}]] [[sim:tool t {\"x\":1}]]");
        assertThat(two.get(0).callKey()).isEqualTo(a.callKey()).isNotEqualTo(two.get(1).callKey());
        assertThat(ToolDirective.parse("[[sim:tool t {\"x\":2}]]").get(0).callKey()).isNotEqualTo(a.callKey());
        assertThat(ToolDirective.parse("[[sim:tool u {\"x\":1}]]").get(0).callKey()).isNotEqualTo(a.callKey());
        assertThat(a.answeredBy("call_sim_" + a.callKey())).isTrue();
        assertThat(a.answeredBy("toolu_sim_" + a.callKey())).isTrue();
        assertThat(a.answeredBy("call_other")).isFalse();
    }

    @Test
    void noDirectiveMeansNoScript() {
        ToolScript script = new ToolScript();
        script.userText("hello");
        script.assistantCall("call_1", "t");
        script.toolResult("call_1");
        assertThat(script.step()).isInstanceOf(ToolScript.None.class);
    }

    @Test
    void directivesAreCalledOneAfterAnotherThenDone() {
        String prompt = "[[sim:tool first {\"a\":1}]] [[sim:tool second]]";
        List<ToolDirective> directives = ToolDirective.parse(prompt);

        ToolScript turn1 = new ToolScript();
        turn1.userText(prompt);
        assertThat(turn1.step()).isEqualTo(new ToolScript.Call(directives.get(0)));

        ToolScript turn2 = new ToolScript();
        turn2.userText(prompt);
        String firstId = "call_sim_" + directives.get(0).callKey();
        turn2.assistantCall(firstId, "first");
        turn2.toolResult(firstId);
        assertThat(turn2.step()).isEqualTo(new ToolScript.Call(directives.get(1)));

        ToolScript turn3 = new ToolScript();
        turn3.userText(prompt);
        turn3.assistantCall(firstId, "first");
        turn3.toolResult(firstId);
        String secondId = "toolu_sim_" + directives.get(1).callKey();
        turn3.assistantCall(secondId, "second");
        turn3.toolResult(secondId);
        ToolScript.Step done = turn3.step();
        assertThat(done).isInstanceOfSatisfying(ToolScript.Done.class,
                d -> assertThat(d.text()).isEqualTo("done: first, second"));
    }

    @Test
    void aResultWithARewrittenIdCountsByTheCallsName() {
        ToolScript script = new ToolScript();
        script.userText("[[sim:tool lookup {\"q\":\"x\"}]]");
        script.assistantCall("call_rewritten_by_a_client", "lookup");
        script.toolResult("call_rewritten_by_a_client");
        assertThat(script.step()).isInstanceOf(ToolScript.Done.class);

        ToolScript unknownCall = new ToolScript();
        unknownCall.userText("[[sim:tool lookup]]");
        unknownCall.toolResult("call_never_made");
        assertThat(unknownCall.step()).isInstanceOf(ToolScript.Call.class);
    }

    @Test
    void onlyTheLatestScriptAndWhatFollowsItCount() {
        String prompt = "[[sim:tool t]]";
        String id = "call_sim_" + ToolDirective.parse(prompt).get(0).callKey();
        ToolScript script = new ToolScript();
        script.userText(prompt);
        script.assistantCall(id, "t");
        script.toolResult(id);
        script.userText("thanks, no directive: the script above stays");
        assertThat(script.step()).isInstanceOf(ToolScript.Done.class);

        script.userText("again: " + prompt);
        assertThat(script.step()).as("a new turn with the same directive calls it again")
                .isInstanceOf(ToolScript.Call.class);
    }
}

package dev.switchboard.model.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SecurityTest {

    @Test
    void hashesAreLowercaseSha256Hex() {
        assertThat(TokenHasher.sha256Hex("test"))
                .isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        assertThat(TokenHasher.isSha256Hex(TokenHasher.sha256Hex("x"))).isTrue();
        assertThat(TokenHasher.isSha256Hex("abc")).isFalse();
    }

    @Test
    void issuedTokensCarryTheirPublicIdAndOnlyTheHashIsNeeded() {
        RouterTokens.Issued issued = RouterTokens.issue("demo");
        RouterTokens.Issued other = RouterTokens.issue("demo");

        assertThat(issued.tokenId()).isEqualTo("sbk_demo");
        assertThat(issued.token()).startsWith("sbk_demo_").hasSizeGreaterThanOrEqualTo("sbk_demo_".length() + 43);
        assertThat(issued.sha256()).isEqualTo(TokenHasher.sha256Hex(issued.token()));
        assertThat(other.token()).isNotEqualTo(issued.token());
        assertThat(issued.toString()).doesNotContain(issued.token()).doesNotContain(issued.sha256());
        assertThatThrownBy(() -> RouterTokens.issue("Bad Name")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requestIdsAreGeneratedOrAcceptedWhenWellFormed() {
        assertThat(RequestIds.generate()).matches("req_[0-9a-f]{32}");
        assertThat(RequestIds.generate()).isNotEqualTo(RequestIds.generate());
        assertThat(RequestIds.acceptOrGenerate("upstream-router:abc.123")).isEqualTo("upstream-router:abc.123");
        assertThat(RequestIds.acceptOrGenerate("bad id\r\ninjected")).matches("req_[0-9a-f]{32}");
        assertThat(RequestIds.acceptOrGenerate("x".repeat(129))).matches("req_[0-9a-f]{32}");
        assertThat(RequestIds.acceptOrGenerate(null)).matches("req_[0-9a-f]{32}");
    }

    @Test
    void generatedRequestIdsStartWithTheirTimeSoThatTheySortByIt() {
        assertThat(RequestIds.generate(0x0123456789abL)).startsWith("req_0123456789ab").hasSize(36);
        long now = System.currentTimeMillis();
        assertThat(RequestIds.generate(now)).startsWith("req_" + String.format("%012x", now));
        assertThat(RequestIds.generate(now)).isLessThan(RequestIds.generate(now + 1));
        assertThat(RequestIds.generate(0xfffffffffffL)).isLessThan(RequestIds.generate(0x100000000000L));

        // the 80 random bits keep IDs of the same millisecond apart
        Set<String> sameMillisecond = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            sameMillisecond.add(RequestIds.generate(now));
        }
        assertThat(sameMillisecond).hasSize(10_000);
        assertThat(sameMillisecond).allMatch(id -> id.matches("req_[0-9a-f]{32}"));
        assertThat(sameMillisecond.stream().map(id -> id.substring(16, 36)).distinct()).hasSize(10_000);
    }
}

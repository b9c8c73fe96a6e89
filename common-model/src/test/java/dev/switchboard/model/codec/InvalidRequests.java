package dev.switchboard.model.codec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;

/** Asserts that a body is refused as {@code invalid-request} naming the field. */
final class InvalidRequests {

    private InvalidRequests() {
    }

    static void assertInvalid(DialectCodec codec, String body, String field) {
        assertThatThrownBy(() -> codec.decodeRequest(CodecFixtures.parse(body)))
                .isInstanceOfSatisfying(GatewayError.Failure.class, failure -> {
                    GatewayError error = failure.error();
                    if (error.type() != ErrorType.INVALID_REQUEST || !field.equals(error.details().get("field"))
                            || !error.message().contains("'" + field + "'")) {
                        throw new AssertionError("expected invalid-request on '" + field + "' but got " + error);
                    }
                });
    }
}

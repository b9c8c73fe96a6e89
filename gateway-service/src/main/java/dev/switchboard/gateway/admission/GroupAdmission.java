package dev.switchboard.gateway.admission;

import jakarta.inject.Singleton;

import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.model.policy.Caller;
import dev.switchboard.model.policy.CompiledPolicy;

/**
 * Decides which model group a request is for and whether the caller may use it. Runs before anything is forwarded,
 * so a refused group never reaches routing or a provider.
 */
@Singleton
public class GroupAdmission {

    private static final GatewayError MISSING_MODEL = GatewayError.of(ErrorType.MISSING_MODEL,
            "the request names no model and this gateway has no default model group; set 'model' to one of /v1/models");

    /**
     * @param requestedModel the body's {@code model}, {@code null} or empty when absent
     * @return the resolved group name
     * @throws GatewayError.Failure {@code missing-model} (400) or {@code model-not-allowed} (403)
     */
    public String resolve(String requestedModel, Caller caller, CompiledPolicy policy) {
        String group = requestedModel;
        if (group == null || group.isEmpty()) {
            group = policy.source().server().defaultModelGroup();
            if (group == null) {
                throw MISSING_MODEL.asException();
            }
        }
        // unknown and forbidden look the same to a caller: group names outside its allow list are not disclosed
        if (!caller.allows(group) || policy.group(group).isEmpty()) {
            throw GatewayError
                    .of(ErrorType.MODEL_NOT_ALLOWED,
                            "this router token may not use model '" + printable(group) + "'; see /v1/models")
                    .withDetail("model", printable(group))
                    .asException();
        }
        return group;
    }

    /** The model name is caller input: bound it and keep it printable before echoing it back. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), 128));
        for (int i = 0; i < value.length() && out.length() < 128; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }
}

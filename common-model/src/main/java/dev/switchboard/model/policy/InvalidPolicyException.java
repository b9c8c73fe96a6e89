package dev.switchboard.model.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy set that cannot be used; every violation is listed, not only the first. */
public class InvalidPolicyException extends RuntimeException {

    private final transient List<PolicyViolation> violations;

    public InvalidPolicyException(List<PolicyViolation> violations) {
        super(violations.stream().map(PolicyViolation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<PolicyViolation> violations() {
        return violations;
    }
}

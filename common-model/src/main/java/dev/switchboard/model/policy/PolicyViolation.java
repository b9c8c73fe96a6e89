package dev.switchboard.model.policy;

/**
 * One problem in a policy set, located by a path such as {@code models.default.targets[0].provider}.
 */
public record PolicyViolation(String path, String message) {
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}

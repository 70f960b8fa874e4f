package io.dutyroom.hub.drills;

import java.util.Optional;

/**
 * Why a drill was not started, in terms the API turns into its error: a bad request naming what is
 * wrong, a conflict with the estate or a running drill, or no simulator to run it.
 */
public final class DrillRefusal extends RuntimeException {
    /** What kind of no. */
    public enum Kind { BAD_PARAMETER, CONFLICT, UNAVAILABLE }

    private final Kind kind;
    private final Optional<String> parameter;

    private DrillRefusal(Kind kind, Optional<String> parameter, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.parameter = parameter;
    }

    static DrillRefusal badParameter(String parameter, String message) {
        return new DrillRefusal(Kind.BAD_PARAMETER, Optional.of(parameter), message);
    }

    static DrillRefusal conflict(String message) {
        return new DrillRefusal(Kind.CONFLICT, Optional.empty(), message);
    }

    static DrillRefusal unavailable(String message) {
        return new DrillRefusal(Kind.UNAVAILABLE, Optional.empty(), message);
    }

    public Kind kind() {
        return kind;
    }

    /** The request field to blame, for a bad parameter. */
    public Optional<String> parameter() {
        return parameter;
    }
}

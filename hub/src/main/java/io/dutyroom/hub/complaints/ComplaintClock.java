package io.dutyroom.hub.complaints;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The deadlines of a complaint's steps, computed from its times. Pure: the caller passes the time,
 * which is how the unit tests run it on a fake clock, and the caller keeps the codes of the steps
 * already raised, which is how a restart or a second hub never raises one twice.
 *
 * <p>Each step's clock runs from the end of the one before: assign from the recording, resolve from
 * the assignment, the return visit from the resolution. A step whose start has not come yet is not
 * running, and a step that is done is never overdue, however late it was done: the alert is for
 * something that can still be acted on.
 */
public final class ComplaintClock {

    /** The timed steps of a complaint. */
    public enum Step {
        /** Nature judged and the responsible department assigned. */
        ASSIGN("assign"),
        /** The department has resolved it. */
        RESOLVE("resolve"),
        /** The resident has been called back (回访). */
        RETURN_VISIT("return-visit");

        private final String code;

        Step(String code) {
            this.code = code;
        }

        /** The code the caller stores once the step was raised, e.g. {@code return-visit}. */
        public String code() {
            return code;
        }

        public static Optional<Step> ofCode(String code) {
            for (Step s : values()) {
                if (s.code.equals(code)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /** A step past its limit: a {@link ComplaintEvents#OVERDUE} event and a live-feed alert. */
    public record Overdue(Step step, Instant dueAt) {
    }

    private ComplaintClock() {
    }

    /**
     * The steps overdue at {@code now} and not in {@code alreadyRaised}, in the order of the steps.
     * A step is overdue from the moment its limit is reached.
     */
    public static List<Overdue> overdue(ComplaintTimes times, ComplaintLimits limits, Set<String> alreadyRaised, Instant now) {
        List<Overdue> due = new ArrayList<>();
        for (Step step : Step.values()) {
            if (alreadyRaised.contains(step.code())) {
                continue;
            }
            dueAt(step, times, limits).filter(at -> !now.isBefore(at)).ifPresent(at -> due.add(new Overdue(step, at)));
        }
        return due;
    }

    /**
     * When {@link #overdue} next has something to say: the earliest deadline of a running step not yet
     * raised. Empty when nothing is running, so the caller needs no timer.
     */
    public static Optional<Instant> nextDue(ComplaintTimes times, ComplaintLimits limits, Set<String> alreadyRaised) {
        Optional<Instant> next = Optional.empty();
        for (Step step : Step.values()) {
            if (alreadyRaised.contains(step.code())) {
                continue;
            }
            Optional<Instant> at = dueAt(step, times, limits);
            if (at.isPresent() && (next.isEmpty() || at.get().isBefore(next.get()))) {
                next = at;
            }
        }
        return next;
    }

    /** The deadline of a running step; empty if it has not started or is done. */
    public static Optional<Instant> dueAt(Step step, ComplaintTimes times, ComplaintLimits limits) {
        Optional<Instant> started;
        Optional<Instant> done;
        switch (step) {
            case ASSIGN -> {
                started = Optional.of(times.recorded());
                done = times.assigned();
            }
            case RESOLVE -> {
                started = times.assigned();
                done = times.resolved();
            }
            case RETURN_VISIT -> {
                started = times.resolved();
                done = times.returnVisited();
            }
            default -> throw new IllegalArgumentException("unknown complaint step " + step);
        }
        if (done.isPresent()) {
            return Optional.empty();
        }
        Duration limit = limits.limit(step);
        return started.map(at -> at.plus(limit));
    }
}

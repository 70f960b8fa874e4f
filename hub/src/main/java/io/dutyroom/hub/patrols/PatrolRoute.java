package io.dutyroom.hub.patrols;

import io.dutyroom.adapters.profile.LocalizedText;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A patrol route (巡查路线) of one site: the checkpoints to visit, in order when {@code ordered}, and the
 * windows in which it is walked.
 *
 * @param id          unique in the patrol file, e.g. {@code t1-building}
 * @param site        the site id from the estate registry
 * @param name        shown to the desk; a plain name serves for both languages
 * @param ordered     whether the checkpoints must be visited in the order listed
 * @param checkpoints at least one, in walking order
 * @param windows     at least one; with their margins they never overlap, so a scan belongs to one round
 * @param early       how long before a window opens a scan still counts, as early
 * @param lateGrace   how long after a window closes a scan still counts, as late; the round is judged
 *                    when this has passed
 */
public record PatrolRoute(String id, String site, LocalizedText name, boolean ordered, List<Checkpoint> checkpoints,
                          List<PatrolWindow> windows, Duration early, Duration lateGrace) {

    public PatrolRoute {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(early, "early");
        Objects.requireNonNull(lateGrace, "lateGrace");
        checkpoints = List.copyOf(checkpoints);
        windows = List.copyOf(windows);
        // a round with nothing to check, or a route never walked, would report a meaningless completion rate
        if (checkpoints.isEmpty() || windows.isEmpty()) {
            throw new IllegalArgumentException("route " + id + " needs at least one checkpoint and one window");
        }
        if (early.isNegative() || lateGrace.isNegative()) {
            throw new IllegalArgumentException("route " + id + ": early and lateGrace must not be negative");
        }
    }

    /** The checkpoint of this route with this id. */
    public Optional<Checkpoint> checkpoint(String checkpointId) {
        return checkpoints.stream().filter(c -> c.id().equals(checkpointId)).findFirst();
    }
}

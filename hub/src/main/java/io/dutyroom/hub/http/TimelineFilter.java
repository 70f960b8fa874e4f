package io.dutyroom.hub.http;

import io.dutyroom.hub.timeline.Severity;
import io.dutyroom.hub.timeline.TimelineEvent;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The filters the timeline page and the live feed share, so that the live screen shows exactly what
 * the same query would return: site, device, building, floor, kinds ({@code alarm.*} for a family),
 * a minimum severity, and words in the event's texts.
 */
record TimelineFilter(Optional<String> site, Optional<String> device, Optional<String> building, Optional<String> floor,
                      List<String> kinds, Optional<Severity> minSeverity, Optional<String> text) {
    static final Set<String> PARAMETERS = Set.of("site", "device", "building", "floor", "kind", "severity", "q");
    private static final int MAX_KINDS = 20;

    static TimelineFilter from(Params params) {
        List<String> kinds = params.string("kind").map(k -> Arrays.stream(k.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
        if (kinds.size() > MAX_KINDS) {
            throw ApiException.badParameter("kind", "at most " + MAX_KINDS + " kinds");
        }
        for (String kind : kinds) {
            if (!kind.matches("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)*(\\.\\*)?")) {
                throw ApiException.badParameter("kind", "'" + kind + "' is not a kind like alarm.raised, or a family like alarm.*");
            }
        }
        Optional<Severity> severity = params.string("severity").map(s -> Arrays.stream(Severity.values()).filter(v -> v.code().equals(s))
                .findFirst().orElseThrow(() -> ApiException.badParameter("severity", "must be info, warning or critical (the lowest shown)")));
        Optional<String> text = params.string("q").map(String::strip).filter(q -> !q.isEmpty());
        if (text.isPresent() && text.get().length() > 100) {
            throw ApiException.badParameter("q", "at most 100 characters");
        }
        return new TimelineFilter(params.string("site"), params.string("device"), params.string("building"), params.string("floor"),
                kinds, severity, text);
    }

    /** Whether a live event (as JSON) passes the filter. */
    boolean matches(JsonObject event) {
        JsonObject payload = event.getJsonObject("payload", new JsonObject());
        return equal(site, event.getString("site")) && equal(device, event.getString("subject"))
                && equal(building, payload.getValue("building")) && equal(floor, payload.getValue("floor"))
                && (kinds.isEmpty() || kinds.stream().anyMatch(k -> kindMatches(k, event.getString("kind"))))
                && minSeverity.map(min -> Severity.ofCode(event.getString("severity")).compareTo(min) >= 0).orElse(true)
                && text.map(q -> TimelineEvent.searchText(event.getString("kind"), event.getString("subject"), payload)
                        .contains(q.toLowerCase(Locale.ROOT))).orElse(true);
    }

    private static boolean kindMatches(String filter, String kind) {
        return filter.endsWith(".*") ? kind.startsWith(filter.substring(0, filter.length() - 1)) : filter.equals(kind);
    }

    private static boolean equal(Optional<String> filter, Object value) {
        return filter.isEmpty() || filter.get().equals(value);
    }
}

package io.dutyroom.hub.timeline;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A page request: filters, then newest first from {@code cursor} (exclusive), at most {@code limit}.
 * The cursor is opaque to clients: it is the {@code next} of the previous page.
 *
 * @param kinds       any of these kinds; {@code alarm.*} is every kind that starts with {@code alarm.}
 * @param minSeverity this severity or a higher one
 * @param text        words the event's texts contain (message, summary, name, note...), any case
 */
public record TimelineQuery(Optional<String> site, Optional<String> subject, Optional<String> building, Optional<String> floor,
                            List<String> kinds, Optional<Severity> minSeverity, Optional<String> text,
                            Optional<Instant> from, Optional<Instant> to, Optional<Cursor> cursor, int limit) {

    /** The position after an event: its time and id, since ids alone do not follow event time. */
    public record Cursor(Instant ts, long id) {
        public String encode() {
            long micros = ts.getEpochSecond() * 1_000_000 + ts.getNano() / 1_000;
            return micros + "_" + id;
        }

        /** Decodes a cursor; empty when it is not one. */
        public static Optional<Cursor> decode(String text) {
            int sep = text.indexOf('_');
            if (sep < 1) {
                return Optional.empty();
            }
            try {
                long micros = Long.parseLong(text.substring(0, sep));
                long id = Long.parseLong(text.substring(sep + 1));
                return Optional.of(new Cursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L), id));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}

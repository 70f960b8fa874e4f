package io.dutyroom.hub.http;

import io.dutyroom.adapters.yaml.Durations;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Query parameters, checked: a bad one is a 400 that names it and says what was expected. */
final class Params {
    /** The times the API answers about; beyond them the database's own range would fail with a 500. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");
    private final RoutingContext ctx;

    Params(RoutingContext ctx, Set<String> allowed) {
        this.ctx = ctx;
        for (String name : ctx.queryParams().names()) {
            if (!allowed.contains(name)) {
                throw ApiException.badParameter(name, "unknown parameter; this endpoint takes " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    Optional<String> string(String name) {
        List<String> values = ctx.queryParam(name);
        if (values.size() > 1) {
            throw ApiException.badParameter(name, "given more than once");
        }
        return values.isEmpty() || values.get(0).isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** ISO-8601 with an offset ({@code 2026-11-23T08:00:00Z}) or epoch milliseconds. */
    Optional<Instant> instant(String name) {
        return string(name).map(text -> {
            try {
                Instant t = text.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(text))
                        : OffsetDateTime.parse(text).toInstant();
                if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
                    throw ApiException.badParameter(name, "must be between 1970 and 2200, was '" + text + "'");
                }
                return t;
            } catch (java.time.DateTimeException | NumberFormatException | ArithmeticException e) {
                throw ApiException.badParameter(name, "must be ISO-8601 with an offset (2026-11-23T08:00:00Z) or epoch milliseconds, was '" + text + "'");
            }
        });
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT5M}). */
    Optional<Duration> duration(String name) {
        return string(name).map(text -> Durations.parse(text)
                .filter(d -> !d.isNegative() && !d.isZero())
                .orElseThrow(() -> ApiException.badParameter(name, "must be a positive duration like 30s, 5m, 1h or PT5M, was '" + text + "'")));
    }

    int integer(String name, int defaultValue, int min, int max) {
        return string(name).map(text -> {
            try {
                int value = Integer.parseInt(text);
                if (value < min || value > max) {
                    throw ApiException.badParameter(name, "must be between " + min + " and " + max + ", was " + value);
                }
                return value;
            } catch (NumberFormatException e) {
                throw ApiException.badParameter(name, "must be a whole number, was '" + text + "'");
            }
        }).orElse(defaultValue);
    }
}

package io.dutyroom.adapters.mqtt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.dutyroom.adapters.model.DeviceEvent;
import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.DeviceStatus;
import io.dutyroom.adapters.model.PointName;
import io.dutyroom.adapters.model.Quality;
import io.dutyroom.adapters.model.Reading;
import io.dutyroom.adapters.model.ReadingBatch;
import io.dutyroom.adapters.model.RejectReason;
import io.dutyroom.adapters.model.Rejection;
import io.dutyroom.adapters.model.SiteId;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes the JSON payloads of the v1 topic contract (docs/mqtt.md) with Jackson's streaming parser,
 * so a message costs no tree allocation. Pure and thread-safe: no I/O, time comes from the clock.
 */
public final class PayloadDecoder {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final PayloadLimits limits;
    private final Clock clock;

    public PayloadDecoder(PayloadLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** {@code {"ts": <epoch millis | ISO-8601>?, "values": {"<point>": <number | boolean>, ...}}} */
    public Decoded<ReadingBatch> telemetry(SiteId site, DeviceId device, byte[] payload, String origin) {
        if (payload.length > limits.maxPayloadBytes()) {
            return tooLarge(payload, origin);
        }
        List<Rejection> rejections = new ArrayList<>();
        List<String> points = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        Instant ts = null;
        String drill = null;
        boolean sawValues = false;
        try (JsonParser p = JSON.createParser(payload)) {
            expectObject(p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken token = p.nextToken();
                if ("ts".equals(field)) {
                    ts = timestamp(p, token);
                } else if ("drill".equals(field)) {
                    drill = drillId(p, token);
                } else if ("values".equals(field)) {
                    if (token != JsonToken.START_OBJECT) {
                        return Decoded.rejected(new Rejection(RejectReason.MISSING_VALUES, origin, "'values' must be an object of point → number or boolean"));
                    }
                    sawValues = true;
                    readValues(p, points, values, rejections, origin);
                } else {
                    p.skipChildren(); // unknown fields are ignored so devices can send more later
                }
            }
            expectEnd(p);
        } catch (BadTimestamp e) {
            return Decoded.rejected(new Rejection(e.reason, origin, e.getMessage()));
        } catch (TooManyValues e) {
            return Decoded.rejected(new Rejection(RejectReason.PAYLOAD_TOO_LARGE, origin, e.getMessage()));
        } catch (BadDrill e) {
            return Decoded.rejected(new Rejection(RejectReason.BAD_DRILL, origin, e.getMessage()));
        } catch (IOException e) {
            return malformed(e, origin);
        }
        if (!sawValues || (points.isEmpty() && rejections.isEmpty())) {
            return Decoded.rejected(new Rejection(RejectReason.MISSING_VALUES, origin, "telemetry needs a non-empty 'values' object"));
        }
        Instant at = ts != null ? ts : clock.instant();
        List<Reading> readings = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            readings.add(new Reading(device, points.get(i), at, values.get(i), Quality.GOOD));
        }
        if (readings.isEmpty()) {
            return new Decoded<>(Optional.empty(), rejections);
        }
        return Decoded.of(new ReadingBatch(site, device, readings, Optional.ofNullable(drill)), rejections);
    }

    /** {@code {"ts": ..., "type": "<kind>", "data": {...}}} */
    public Decoded<DeviceEvent> event(SiteId site, DeviceId device, byte[] payload, String origin) {
        if (payload.length > limits.maxPayloadBytes()) {
            return tooLarge(payload, origin);
        }
        Instant ts = null;
        String type = null;
        String drill = null;
        String data = "{}";
        try (JsonParser p = JSON.createParser(payload)) {
            expectObject(p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken token = p.nextToken();
                switch (field) {
                    case "ts" -> ts = timestamp(p, token);
                    case "drill" -> drill = drillId(p, token);
                    case "type" -> {
                        type = token == JsonToken.VALUE_STRING ? p.getText() : null;
                        p.skipChildren(); // a type given as an object or array is a bad event, not bad JSON
                    }
                    case "data" -> {
                        if (token != JsonToken.START_OBJECT) {
                            return Decoded.rejected(new Rejection(RejectReason.BAD_EVENT, origin, "'data' must be a JSON object"));
                        }
                        data = copyObject(p);
                    }
                    default -> p.skipChildren();
                }
            }
            expectEnd(p);
        } catch (BadTimestamp e) {
            return Decoded.rejected(new Rejection(e.reason, origin, e.getMessage()));
        } catch (BadDrill e) {
            return Decoded.rejected(new Rejection(RejectReason.BAD_DRILL, origin, e.getMessage()));
        } catch (IOException e) {
            return malformed(e, origin);
        }
        if (type == null || type.isBlank() || type.length() > 64) {
            return Decoded.rejected(new Rejection(RejectReason.BAD_EVENT, origin, "an event needs a 'type' string of 1-64 characters"));
        }
        return Decoded.of(new DeviceEvent(site, device, ts != null ? ts : clock.instant(), type, data, Optional.ofNullable(drill)), List.of());
    }

    /** A retained {@code online} or {@code offline}, plain or as {@code {"status": "online"}}. */
    public Decoded<DeviceStatus> status(SiteId site, DeviceId device, byte[] payload, String origin) {
        String text = new String(payload, 0, Math.min(payload.length, 256), StandardCharsets.UTF_8).trim();
        if (text.startsWith("{")) {
            try (JsonParser p = JSON.createParser(payload)) {
                expectObject(p);
                text = "";
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken token = p.nextToken();
                    if ("status".equals(field) && token == JsonToken.VALUE_STRING) {
                        text = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
                expectEnd(p);
            } catch (IOException e) {
                return malformed(e, origin);
            }
        }
        return switch (text) {
            case "online" -> Decoded.of(new DeviceStatus(site, device, clock.instant(), true, DeviceStatus.SELF_REPORTED), List.of());
            case "offline" -> Decoded.of(new DeviceStatus(site, device, clock.instant(), false, DeviceStatus.SELF_REPORTED), List.of());
            default -> Decoded.rejected(new Rejection(RejectReason.BAD_STATUS, origin, "status must be 'online' or 'offline'"));
        };
    }

    private void readValues(JsonParser p, List<String> points, List<Double> values, List<Rejection> rejections, String origin) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String point = p.currentName();
            JsonToken token = p.nextToken();
            if (points.size() + rejections.size() >= limits.maxValuesPerMessage()) {
                throw new TooManyValues("more than " + limits.maxValuesPerMessage() + " values in one message");
            }
            if (!PointName.isValid(point)) {
                rejections.add(new Rejection(RejectReason.BAD_POINT_NAME, origin, "point name '" + abbreviate(point) + "' is not valid"));
                p.skipChildren();
                continue;
            }
            switch (token) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    double v = p.getDoubleValue();
                    if (Double.isFinite(v)) {
                        points.add(point);
                        values.add(v);
                    } else {
                        rejections.add(new Rejection(RejectReason.WRONG_TYPE, origin, "point '" + point + "' is out of the double range"));
                    }
                }
                case VALUE_TRUE, VALUE_FALSE -> {
                    points.add(point);
                    values.add(token == JsonToken.VALUE_TRUE ? 1.0 : 0.0);
                }
                default -> {
                    rejections.add(new Rejection(RejectReason.WRONG_TYPE, origin, "point '" + point + "' must be a number or a boolean, was " + describe(token)));
                    p.skipChildren();
                }
            }
        }
    }

    /** A drill id marks drill traffic (docs/mqtt.md): a string of 1-64 characters, or absent. */
    private static String drillId(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING || p.getText().isBlank() || p.getText().length() > 64) {
            p.skipChildren();
            throw new BadDrill();
        }
        return p.getText();
    }

    private Instant timestamp(JsonParser p, JsonToken token) throws IOException {
        Instant ts;
        if (token == JsonToken.VALUE_NUMBER_INT) {
            ts = Instant.ofEpochMilli(p.getLongValue());
        } else if (token == JsonToken.VALUE_STRING) {
            try {
                ts = OffsetDateTime.parse(p.getText()).toInstant();
            } catch (DateTimeParseException e) {
                throw new BadTimestamp(RejectReason.BAD_TIMESTAMP, "'ts' must be epoch milliseconds or ISO-8601 with an offset, was '" + abbreviate(p.getText()) + "'");
            }
        } else {
            p.skipChildren();
            throw new BadTimestamp(RejectReason.BAD_TIMESTAMP, "'ts' must be epoch milliseconds or ISO-8601, was " + describe(token));
        }
        Instant now = clock.instant();
        if (ts.isAfter(now.plus(limits.maxFutureSkew()))) {
            throw new BadTimestamp(RejectReason.TIMESTAMP_IN_FUTURE, "'ts' " + ts + " is more than " + limits.maxFutureSkew() + " ahead of the hub's clock");
        }
        if (ts.isBefore(now.minus(limits.maxAge()))) {
            throw new BadTimestamp(RejectReason.TIMESTAMP_TOO_OLD, "'ts' " + ts + " is older than " + limits.maxAge());
        }
        return ts;
    }

    private static void expectObject(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new NotAnObject();
        }
    }

    private static void expectEnd(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
            throw new NotAnObject();
        }
    }

    private static String copyObject(JsonParser p) throws IOException {
        StringWriter out = new StringWriter();
        try (var gen = JSON.createGenerator(out)) {
            gen.copyCurrentStructure(p);
        }
        return out.toString();
    }

    private static <T> Decoded<T> tooLarge(byte[] payload, String origin) {
        return Decoded.rejected(new Rejection(RejectReason.PAYLOAD_TOO_LARGE, origin, "payload of " + payload.length + " bytes is over the limit"));
    }

    private static <T> Decoded<T> malformed(IOException e, String origin) {
        String detail = e instanceof NotAnObject ? "payload must be a single JSON object"
                : e instanceof JsonEOFException ? "payload ends before the JSON object does"
                : "payload is not valid JSON: " + firstLine(e.getMessage());
        return Decoded.rejected(new Rejection(RejectReason.MALFORMED_JSON, origin, detail));
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> String.valueOf(token);
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return abbreviate(nl < 0 ? message : message.substring(0, nl));
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** Thrown inside the parse loop to abort with a specific reason. */
    private static final class BadTimestamp extends IOException {
        final RejectReason reason;

        BadTimestamp(RejectReason reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    private static final class BadDrill extends IOException {
        BadDrill() {
            super("'drill' must be a string of 1-64 characters");
        }
    }

    private static final class TooManyValues extends IOException {
        TooManyValues(String message) {
            super(message);
        }
    }

    private static final class NotAnObject extends IOException {
        NotAnObject() {
            super("not a JSON object");
        }
    }
}

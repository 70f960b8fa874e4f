package io.dutyroom.adapters.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.Quality;
import io.dutyroom.adapters.model.Reading;
import io.dutyroom.adapters.model.ReadingBatch;
import io.dutyroom.adapters.model.RejectReason;
import io.dutyroom.adapters.model.Rejection;
import io.dutyroom.adapters.model.SiteId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PayloadDecoderTest {
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final SiteId SITE = SiteId.of("riverside");
    private static final DeviceId PUMP = DeviceId.of("t1-pump-1");

    private final PayloadDecoder decoder = new PayloadDecoder(
            new PayloadLimits(4096, 10, Duration.ofDays(7), Duration.ofMinutes(5)), Clock.fixed(NOW, ZoneOffset.UTC));

    private Decoded<ReadingBatch> telemetry(String json) {
        return decoder.telemetry(SITE, PUMP, json.getBytes(StandardCharsets.UTF_8), "topic");
    }

    private static RejectReason onlyReason(Decoded<?> decoded) {
        assertThat(decoded.rejections()).hasSize(1);
        return decoded.rejections().get(0).reason();
    }

    @Test
    void decodesNumbersAndBooleansAtTheGivenEpochMillis() {
        Decoded<ReadingBatch> d = telemetry("{\"ts\": 1795420800000, \"values\": {\"outlet_pressure\": 0.42, \"pump1_running\": true, \"run_hours\": 1200}}");

        assertThat(d.rejections()).isEmpty();
        Instant ts = Instant.ofEpochMilli(1795420800000L);
        assertThat(d.item().orElseThrow().readings()).containsExactly(
                new Reading(PUMP, "outlet_pressure", ts, 0.42, Quality.GOOD),
                new Reading(PUMP, "pump1_running", ts, 1.0, Quality.GOOD),
                new Reading(PUMP, "run_hours", ts, 1200.0, Quality.GOOD));
    }

    @Test
    void isoTimestampsWithAnOffsetAreAccepted() {
        Decoded<ReadingBatch> d = telemetry("{\"values\": {\"p\": 1}, \"ts\": \"2026-11-23T15:59:00+08:00\"}");

        assertThat(d.item().orElseThrow().readings().get(0).ts()).isEqualTo(Instant.parse("2026-11-23T07:59:00Z"));
    }

    @Test
    void aMissingTimestampMeansNow() {
        assertThat(telemetry("{\"values\": {\"p\": false}}").item().orElseThrow().readings().get(0))
                .isEqualTo(new Reading(PUMP, "p", NOW, 0.0, Quality.GOOD));
    }

    @Test
    void valuesOfTheWrongTypeAreRejectedOneByOneAndTheRestKept() {
        Decoded<ReadingBatch> d = telemetry("{\"values\": {\"a\": \"high\", \"b\": 2.5, \"c\": null, \"d\": [1], \"e\": {\"x\": 1}}}");

        assertThat(d.item().orElseThrow().readings()).extracting(Reading::point).containsExactly("b");
        assertThat(d.rejections()).extracting(Rejection::reason).containsOnly(RejectReason.WRONG_TYPE).hasSize(4);
        assertThat(d.rejections().get(0).detail()).contains("'a'").contains("a string");
    }

    @Test
    void malformedPayloadsAreRejectedWithAReason() {
        assertThat(onlyReason(telemetry("{\"values\": {\"p\": 1"))).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(onlyReason(telemetry("not json"))).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(onlyReason(telemetry("[1, 2]"))).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(onlyReason(telemetry("{\"values\": {\"p\": 1}} trailing"))).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(onlyReason(telemetry("{\"values\": {\"p\": 1, \"p\": 2}}"))).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(onlyReason(telemetry(""))).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @Test
    void missingOrEmptyValuesAreRejected() {
        assertThat(onlyReason(telemetry("{\"ts\": 1795420800000}"))).isEqualTo(RejectReason.MISSING_VALUES);
        assertThat(onlyReason(telemetry("{\"values\": {}}"))).isEqualTo(RejectReason.MISSING_VALUES);
        assertThat(onlyReason(telemetry("{\"values\": 3}"))).isEqualTo(RejectReason.MISSING_VALUES);
    }

    @Test
    void futureAndAncientTimestampsAreRejected() {
        long future = NOW.plus(Duration.ofMinutes(6)).toEpochMilli();
        long ancient = NOW.minus(Duration.ofDays(8)).toEpochMilli();

        assertThat(onlyReason(telemetry("{\"ts\": " + future + ", \"values\": {\"p\": 1}}"))).isEqualTo(RejectReason.TIMESTAMP_IN_FUTURE);
        assertThat(onlyReason(telemetry("{\"ts\": " + ancient + ", \"values\": {\"p\": 1}}"))).isEqualTo(RejectReason.TIMESTAMP_TOO_OLD);
        assertThat(onlyReason(telemetry("{\"ts\": \"yesterday\", \"values\": {\"p\": 1}}"))).isEqualTo(RejectReason.BAD_TIMESTAMP);
        assertThat(onlyReason(telemetry("{\"ts\": true, \"values\": {\"p\": 1}}"))).isEqualTo(RejectReason.BAD_TIMESTAMP);
    }

    @Test
    void hugePayloadsAndTooManyValuesAreRefused() {
        String huge = "{\"values\": {\"p\": 1}, \"pad\": \"" + "x".repeat(5000) + "\"}";
        StringBuilder many = new StringBuilder("{\"values\": {");
        for (int i = 0; i < 11; i++) {
            many.append(i == 0 ? "" : ",").append("\"p").append(i).append("\": 1");
        }
        many.append("}}");

        assertThat(onlyReason(telemetry(huge))).isEqualTo(RejectReason.PAYLOAD_TOO_LARGE);
        assertThat(onlyReason(telemetry(many.toString()))).isEqualTo(RejectReason.PAYLOAD_TOO_LARGE);
    }

    @Test
    void invalidPointNamesAreRejected() {
        Decoded<ReadingBatch> d = telemetry("{\"values\": {\"bad name\": 1, \"ok\": 2}}");

        assertThat(d.item().orElseThrow().readings()).extracting(Reading::point).containsExactly("ok");
        assertThat(onlyReason(d)).isEqualTo(RejectReason.BAD_POINT_NAME);
    }

    @Test
    void drillTrafficCarriesItsDrillAndABadMarkIsRefused() {
        assertThat(telemetry("{\"drill\": \"elevator-entrapment-20261123T0900\", \"values\": {\"p\": 1}}").item().orElseThrow().drill())
                .contains("elevator-entrapment-20261123T0900");
        assertThat(telemetry("{\"values\": {\"p\": 1}}").item().orElseThrow().drill()).isEmpty();
        assertThat(onlyReason(telemetry("{\"drill\": 7, \"values\": {\"p\": 1}}"))).isEqualTo(RejectReason.BAD_DRILL);
        assertThat(decoder.event(SITE, PUMP, "{\"type\": \"zone.fire\", \"drill\": \"d1\"}".getBytes(StandardCharsets.UTF_8), "t")
                .item().orElseThrow().drill()).contains("d1");
    }

    @Test
    void unknownTopLevelFieldsAreIgnored() {
        assertThat(telemetry("{\"fw\": {\"v\": [1, 2]}, \"values\": {\"p\": 1}}").item()).isPresent();
    }

    @Test
    void eventsKeepTheirTypeAndData() {
        var d = decoder.event(SITE, PUMP, "{\"type\": \"card.granted\", \"data\": {\"card\": \"0042\", \"door\": 3}}".getBytes(StandardCharsets.UTF_8), "t");

        assertThat(d.item().orElseThrow().type()).isEqualTo("card.granted");
        assertThat(d.item().orElseThrow().dataJson()).isEqualTo("{\"card\":\"0042\",\"door\":3}");
        assertThat(onlyReason(decoder.event(SITE, PUMP, "{\"data\": {}}".getBytes(StandardCharsets.UTF_8), "t"))).isEqualTo(RejectReason.BAD_EVENT);
        assertThat(onlyReason(decoder.event(SITE, PUMP, "{\"type\": {\"a\": 1}}".getBytes(StandardCharsets.UTF_8), "t"))).isEqualTo(RejectReason.BAD_EVENT);
    }

    @Test
    void statusIsOnlineOrOfflineInPlainTextOrJson() {
        assertThat(decoder.status(SITE, PUMP, "online".getBytes(StandardCharsets.UTF_8), "t").item().orElseThrow().online()).isTrue();
        assertThat(decoder.status(SITE, PUMP, "{\"status\":\"offline\"}".getBytes(StandardCharsets.UTF_8), "t").item().orElseThrow().online()).isFalse();
        assertThat(onlyReason(decoder.status(SITE, PUMP, "maybe".getBytes(StandardCharsets.UTF_8), "t"))).isEqualTo(RejectReason.BAD_STATUS);
        assertThat(onlyReason(decoder.status(SITE, PUMP, "{\"status\":\"online\"} junk".getBytes(StandardCharsets.UTF_8), "t"))).isEqualTo(RejectReason.MALFORMED_JSON);
    }
}

package io.dutyroom.hub.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dutyroom.adapters.profile.SignalDefinition;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignalHistoryTest {
    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

    private static SignalHistory rises(Duration window) {
        return new SignalHistory(new SignalDefinition("starts_1h", SignalDefinition.Kind.RISES, "running", window, "test.yaml:1"), START);
    }

    private static SignalHistory change(Duration window) {
        return new SignalHistory(new SignalDefinition("pressure_change_1m", SignalDefinition.Kind.CHANGE, "pressure", window, "test.yaml:2"),
                START);
    }

    private static SignalHistory age() {
        return new SignalHistory(new SignalDefinition("pressure_age", SignalDefinition.Kind.AGE, "pressure", Duration.ZERO, "test.yaml:3"),
                START);
    }

    private static Instant min(double minutes) {
        return START.plusMillis(Math.round(minutes * 60_000));
    }

    // ---- rises ---------------------------------------------------------------------------------

    @Test
    void risesIsUnknownBeforeAnyReading() {
        assertThat(rises(Duration.ofHours(1)).value(min(1))).isEmpty();
    }

    @Test
    void theFirstReadingIsNotARise() {
        SignalHistory h = rises(Duration.ofHours(1));
        h.record(1, min(0));
        assertThat(h.value(min(0))).contains(0L);
        h.record(1, min(1));
        assertThat(h.value(min(1))).as("true to true is not a rise").contains(0L);
    }

    @Test
    void risesCountsFalseToTrueWithinTheWindow() {
        SignalHistory h = rises(Duration.ofHours(1));
        h.record(0, min(0));
        h.record(1, min(5));   // rise 1
        h.record(1, min(6));
        h.record(0, min(10));
        h.record(0, min(11));
        h.record(1, min(15));  // rise 2
        h.record(0, min(20));
        h.record(1, min(25));  // rise 3
        assertThat(h.value(min(25))).hasValueSatisfying(v -> assertThat(v).isInstanceOf(Long.class).isEqualTo(3L));
    }

    @Test
    void risesForgetsStartsOlderThanTheWindow() {
        SignalHistory h = rises(Duration.ofHours(1));
        h.record(0, min(0));
        h.record(1, min(10));
        h.record(0, min(20));
        h.record(1, min(30));
        h.record(0, min(40));
        h.record(1, min(50));
        assertThat(h.value(min(60))).contains(3L);
        assertThat(h.value(min(69.99))).contains(3L);
        assertThat(h.value(min(70))).as("the start exactly one hour ago is out of the window").contains(2L);
        assertThat(h.value(min(100))).contains(1L);
        assertThat(h.value(min(111))).contains(0L);
    }

    @Test
    void startsPerHourOfAShortCyclingPump() {
        SignalHistory h = rises(Duration.ofHours(1));
        h.record(0, min(0));
        for (int i = 1; i <= 10; i++) { // a start every five minutes
            h.record(1, min(i * 5));
            h.record(0, min(i * 5 + 2));
        }
        assertThat(h.value(min(52))).contains(10L);
        assertThat(h.value(min(80))).as("only the starts since minute 20 remain").contains(6L);
    }

    // ---- change --------------------------------------------------------------------------------

    @Test
    void changeIsUnknownBeforeAnyReading() {
        assertThat(change(Duration.ofMinutes(1)).value(min(1))).isEmpty();
    }

    @Test
    void changeOfASingleSampleIsZero() {
        SignalHistory h = change(Duration.ofMinutes(1));
        h.record(0.6, min(0));
        assertThat(h.value(min(0))).contains(0.0);
    }

    @Test
    void changeIsTheValueNowMinusTheValueOneWindowAgo() {
        SignalHistory h = change(Duration.ofMinutes(1));
        h.record(1.0, START);
        h.record(1.2, START.plusSeconds(30));
        h.record(1.5, START.plusSeconds(60));
        assertThat((Double) h.value(START.plusSeconds(60)).orElseThrow()).isCloseTo(0.5, within(1e-9));
        h.record(1.4, START.plusSeconds(90));
        // one window before :90 is :30, whose value was 1.2
        assertThat((Double) h.value(START.plusSeconds(90)).orElseThrow()).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void aFallingValueGivesANegativeChange() {
        SignalHistory h = change(Duration.ofMinutes(1));
        h.record(0.8, START);
        h.record(0.5, START.plusSeconds(20));
        h.record(0.2, START.plusSeconds(40));
        assertThat((Double) h.value(START.plusSeconds(40)).orElseThrow()).isCloseTo(-0.6, within(1e-9));
    }

    @Test
    void changeUsesTheLatestSampleAtOrBeforeTheWindowStart() {
        SignalHistory h = change(Duration.ofMinutes(1));
        h.record(1.0, START);
        h.record(2.0, START.plusSeconds(10));
        h.record(5.0, START.plusSeconds(100));
        // one window before :100 is :40; the value then was still 2.0 (read at :10)
        assertThat((Double) h.value(START.plusSeconds(100)).orElseThrow()).isCloseTo(3.0, within(1e-9));
    }

    // ---- age -----------------------------------------------------------------------------------

    @Test
    void ageGrowsFromTheStartTimeWhenNothingWasHeard() {
        SignalHistory h = age();
        assertThat(h.value(START)).contains(0.0);
        assertThat(h.value(START.plusSeconds(10))).contains(10.0);
        assertThat(h.value(START.plusMillis(301_500))).contains(301.5);
    }

    @Test
    void ageResetsOnAGoodReadingAndGrowsAgain() {
        SignalHistory h = age();
        h.record(0.4, START.plusSeconds(20));
        assertThat(h.value(START.plusSeconds(20))).contains(0.0);
        assertThat(h.value(START.plusMillis(25_500))).contains(5.5);
        h.record(0.5, START.plusSeconds(100));
        assertThat(h.value(START.plusSeconds(130))).contains(30.0);
    }

    // ---- bounds --------------------------------------------------------------------------------

    @Test
    void risesKeepsAtMostMaxEntries() {
        SignalHistory h = rises(Duration.ofDays(7));
        h.record(0, START);
        int n = SignalHistory.MAX_ENTRIES + 500;
        for (int i = 1; i <= n; i++) {
            h.record(1, START.plusSeconds(2L * i));
            h.record(0, START.plusSeconds(2L * i + 1));
        }
        assertThat(h.value(START.plusSeconds(2L * n + 2))).contains((long) SignalHistory.MAX_ENTRIES);
    }

    @Test
    void changeKeepsAtMostMaxEntriesDroppingTheOldest() {
        SignalHistory h = change(Duration.ofDays(7));
        int n = SignalHistory.MAX_ENTRIES + 1000;
        for (int i = 0; i < n; i++) {
            h.record(i, START.plusSeconds(i));
        }
        // the oldest samples were dropped: the earliest still held is number n - MAX_ENTRIES
        double expected = (n - 1) - (n - SignalHistory.MAX_ENTRIES);
        assertThat((Double) h.value(START.plusSeconds(n)).orElseThrow()).isCloseTo(expected, within(1e-9));
    }
}

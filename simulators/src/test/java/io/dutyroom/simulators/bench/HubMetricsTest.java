package io.dutyroom.simulators.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The soak reads a full-GC storm from the major collector's pauses alone, and a restart starts the
 * hub's counters again at 0; both are easy to get wrong and costly to find out half an hour in.
 */
class HubMetricsTest {
    private static final String BODY = """
            # HELP jvm_memory_used_bytes The amount of used memory
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E8
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 5.24288E7
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.9E7
            jvm_gc_pause_seconds_count{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 40
            jvm_gc_pause_seconds_sum{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 0.4
            jvm_gc_pause_seconds_max{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 0.05
            jvm_gc_pause_seconds_count{action="end of major GC",cause="G1 Compaction Pause",gc="G1 Old Generation"} 3
            jvm_gc_pause_seconds_sum{action="end of major GC",cause="G1 Compaction Pause",gc="G1 Old Generation"} 1.5
            jvm_gc_pause_seconds_count{action="end of major GC",cause="Allocation Failure",gc="G1 Old Generation"} 2
            jvm_gc_pause_seconds_sum{action="end of major GC",cause="Allocation Failure",gc="G1 Old Generation"} 0.5
            dutyroom_telemetry_writer_lag_seconds 0.25
            dutyroom_mqtt_acknowledgements_unsent 7.0
            dutyroom_mqtt_unacknowledged 120.0
            dutyroom_mqtt_unacknowledged_peak 999.0
            dutyroom_telemetry_readings_repeated_total 42.0
            dutyroom_telemetry_readings_written_total 1.2345678E7
            """;

    @Test
    void readsHeapLagCollectorPausesAndTheMqttBacklog() {
        HubMetrics.Sample s = HubMetrics.parse(BODY);

        assertThat(s.heapMiB()).isCloseTo(150, within(0.01));
        assertThat(s.writerLagSeconds()).isEqualTo(0.25);
        assertThat(s.gcPauses()).isEqualTo(45);
        assertThat(s.gcPauseSeconds()).isCloseTo(2.4, within(1e-9));
        assertThat(s.majorGcPauses()).isEqualTo(5);
        assertThat(s.majorGcPauseSeconds()).isCloseTo(2.0, within(1e-9));
        assertThat(s.acknowledgementsUnsent()).isEqualTo(7);
        assertThat(s.unacknowledged()).as("not a metric whose name merely begins the same").isEqualTo(120);
        assertThat(s.readingsRepeated()).isEqualTo(42);
        assertThat(s.readingsWritten()).as("what the soak counts stored by, in Prometheus' exponent form").isEqualTo(12_345_678);
    }

    @Test
    void aPhasesPausesAreItsOwnAndARestartedHubCountsFromZero() {
        List<SoakSample> samples = List.of(
                sample(0, "start", 1, 100, 2),
                sample(5, "steady", 1, 200, 3),
                sample(10, "steady", 1, 300, 5),
                sample(15, "backlog", 1, -1, 0), // killed: no metrics
                sample(20, "restart", 2, 150, 1),
                sample(25, "restart", 2, 250, 4));

        SoakPhase.Memory steady = SoakPhase.Memory.of("steady", samples);
        SoakPhase.Memory restart = SoakPhase.Memory.of("restart", samples);

        assertThat(steady.majorGcPauses()).isEqualTo(3);
        assertThat(steady.maxHeapMiB()).isEqualTo(300);
        assertThat(restart.majorGcPauses()).as("the new process's own count").isEqualTo(4);
        assertThat(restart.maxHeapMiB()).isEqualTo(250);
    }

    private static SoakSample sample(double at, String phase, long pid, double heap, double majorPauses) {
        Optional<HubMetrics.Sample> hub = heap < 0 ? Optional.empty()
                : Optional.of(new HubMetrics.Sample(heap, 0, majorPauses, 0, majorPauses, 0, 0, 0, 0, 0));
        return new SoakSample(at, phase, pid, hub, heap < 0 ? 0 : heap + 100, 0, 0, 0);
    }
}

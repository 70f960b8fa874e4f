package io.dutyroom.simulators.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads the hub's heap, telemetry-writer lag, garbage-collection pauses and MQTT backlog from its
 * Prometheus endpoint.
 */
final class HubMetrics {
    /** Micrometer's label for a pause of the old-generation (full) collector: what a full-GC storm is made of. */
    static final String MAJOR_GC = "action=\"end of major GC\"";

    /**
     * The heap in use and the age of the oldest reading waiting for the writer, at one moment; the
     * rest only the soak reads.
     *
     * @param gcPauses            collector pauses since the hub started, every collector
     * @param gcPauseSeconds      their total length
     * @param majorGcPauses       pauses of the major (old-generation) collector since the hub started
     * @param majorGcPauseSeconds their total length
     * @param acknowledgementsUnsent acknowledgements waiting in the hub's MQTT client to be written
     * @param unacknowledged      QoS 1 messages the hub has received and not yet acknowledged
     * @param readingsRepeated    readings received again after being stored (a redelivery), since the hub started
     * @param readingsWritten     readings committed to the telemetry table since the hub started, repeats not counted
     */
    record Sample(double heapMiB, double writerLagSeconds, double gcPauses, double gcPauseSeconds, double majorGcPauses, double majorGcPauseSeconds,
                  double acknowledgementsUnsent, double unacknowledged, double readingsRepeated, double readingsWritten) {

        Sample(double heapMiB, double writerLagSeconds) {
            this(heapMiB, writerLagSeconds, 0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI metrics;

    HubMetrics(int port) {
        this.metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
    }

    Optional<Sample> sample() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(parse(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** A sample from the Prometheus text format; a metric the hub does not have reads 0. */
    static Sample parse(String body) {
        double heap = 0;
        double lag = 0;
        double pauses = 0;
        double pauseSeconds = 0;
        double majorPauses = 0;
        double majorPauseSeconds = 0;
        double unsent = 0;
        double unacknowledged = 0;
        double repeated = 0;
        double written = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                heap += value(line);
            } else if (line.startsWith("dutyroom_telemetry_writer_lag_seconds")) {
                lag = value(line);
            } else if (line.startsWith("jvm_gc_pause_seconds_count")) {
                pauses += value(line);
                majorPauses += line.contains(MAJOR_GC) ? value(line) : 0;
            } else if (line.startsWith("jvm_gc_pause_seconds_sum")) {
                pauseSeconds += value(line);
                majorPauseSeconds += line.contains(MAJOR_GC) ? value(line) : 0;
            } else if (isMetric(line, "dutyroom_mqtt_acknowledgements_unsent")) {
                unsent = value(line);
            } else if (isMetric(line, "dutyroom_mqtt_unacknowledged")) {
                unacknowledged = value(line);
            } else if (isMetric(line, "dutyroom_telemetry_readings_repeated_total")) {
                repeated += value(line);
            } else if (isMetric(line, "dutyroom_telemetry_readings_written_total")) {
                written += value(line);
            }
        }
        return new Sample(heap / (1024 * 1024), lag, pauses, pauseSeconds, majorPauses, majorPauseSeconds, unsent, unacknowledged, repeated, written);
    }

    /** The line is this metric's, with or without labels, and not one whose name merely begins the same. */
    private static boolean isMetric(String line, String name) {
        return line.startsWith(name) && line.length() > name.length() && (line.charAt(name.length()) == ' ' || line.charAt(name.length()) == '{');
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}

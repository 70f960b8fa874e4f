package io.dutyroom.simulators.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Reads the hub's heap and telemetry-writer lag from its Prometheus endpoint. */
final class HubMetrics {
    /** The heap in use and the age of the oldest reading waiting for the writer, at one moment. */
    record Sample(double heapMiB, double writerLagSeconds) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI metrics;

    HubMetrics(int port) {
        this.metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
    }

    Optional<Sample> sample() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return Optional.empty();
            }
            double heap = 0;
            double lag = 0;
            for (String line : r.body().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    heap += value(line);
                } else if (line.startsWith("dutyroom_telemetry_writer_lag_seconds")) {
                    lag = value(line);
                }
            }
            return Optional.of(new Sample(heap / (1024 * 1024), lag));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}

package io.dutyroom.simulators.estate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The {@code inject} and {@code drill} commands' way to a running simulator's control API. */
final class ControlClient {
    private ControlClient() {
    }

    /** POSTs {@code json} to {@code path}; prints the answer; exit code 0 on success. */
    static int post(String control, String path, String json) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(URI.create(control + path)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            System.err.println("no simulator answers at " + control + " (" + e.getMessage() + "); start one with 'estate' or 'dutyroom demo'");
            return 1;
        }
        (response.statusCode() == 200 ? System.out : System.err).println(response.body());
        return response.statusCode() == 200 ? 0 : 1;
    }
}

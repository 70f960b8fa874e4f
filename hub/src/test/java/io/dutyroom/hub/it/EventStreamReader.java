package io.dutyroom.hub.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test's client of one Server-Sent Events stream: a thread reads it as it comes, and the test
 * awaits its events in order, each within a time limit. Comments (the keepalives) are skipped.
 */
final class EventStreamReader implements AutoCloseable {
    /** One event: its name ({@code event:}) and its data. */
    record Event(String name, String data) {
    }

    private static final Event END = new Event("", "");

    private final InputStream body;
    private final BlockingQueue<Event> events = new ArrayBlockingQueue<>(1_000);
    private final Thread reader;

    EventStreamReader(InputStream body) {
        this.body = body;
        this.reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = "message";
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.put(new Event(name, data.toString()));
                    }
                    name = "message";
                    data = null;
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
                }
            }
        } catch (IOException e) {
            // closed by the test, or by the hub: the stream has ended either way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        events.offer(END);
    }

    /** The next event, waiting up to {@code timeout}; null once the stream has ended. */
    Event next(Duration timeout) throws InterruptedException {
        Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no event and no end of the stream within " + timeout);
        }
        return event == END ? null : event;
    }

    @Override
    public void close() throws IOException {
        reader.interrupt();
        body.close();
    }
}

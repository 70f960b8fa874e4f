package io.dutyroom.simulators.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The ceiling of the ingest benchmark: the least a program must do to store MQTT telemetry in
 * PostgreSQL, with no Dutyroom code. A Paho subscriber parses each message's values with Jackson's
 * streaming parser and a writer thread stores them in COPY batches, acknowledging each QoS 1
 * message only after its batch is committed, as the hub does. No registry, no validation beyond
 * parsing, no rules, no alarms, no live state: what remains is the transport and the database.
 *
 * <p>Runs until killed; prints {@code BARE READY} once subscribed, so the benchmark knows when to
 * start publishing.
 */
@Command(name = "bare-ingest", description = "The benchmark's ceiling: MQTT telemetry → COPY batches in PostgreSQL, no Dutyroom code (loopback benchmarks only).")
public final class BarePipeline implements Callable<Integer> {
    /** A parsed message waiting for the writer: its rows and the MQTT id to acknowledge. */
    private record Parsed(int messageId, int qos, List<String> rows) {
    }

    @Option(names = "--url", defaultValue = "tcp://127.0.0.1:1883", description = "Broker URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--filter", defaultValue = "dutyroom/v1/+/+/telemetry", description = "Subscription (default: ${DEFAULT-VALUE}).")
    String filter;

    @Option(names = "--db-url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/test", description = "Database (default: ${DEFAULT-VALUE}).")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "postgres", description = "Database user (default: ${DEFAULT-VALUE}).")
    String dbUser;

    @Option(names = "--schema", defaultValue = "bench_bare", description = "Schema of the table bare_telemetry, created if missing (default: ${DEFAULT-VALUE}).")
    String schema;

    @Option(names = "--index", description = "Give the table the hub's index on (device, point, ts), to tell the cost of the index from the cost of the code.")
    boolean index;

    @Option(names = "--batch", defaultValue = "5000", description = "Most rows per COPY (default: ${DEFAULT-VALUE}, as the hub's storage.batchSize).")
    int batch;

    @Option(names = "--receive-maximum", defaultValue = "1000", description = "Unacknowledged messages the broker may send (default: ${DEFAULT-VALUE}, as the hub's mqtt.receiveMaximum).")
    int receiveMaximum;

    private final JsonFactory json = new JsonFactory();
    private BlockingQueue<Parsed> queue;
    private volatile boolean running = true;

    @Override
    public Integer call() throws Exception {
        if (!url.matches("tcp://(127\\.\\d+\\.\\d+\\.\\d+|localhost):\\d+") || !schema.matches("[a-z_][a-z0-9_]*")) {
            System.err.println("bare-ingest: loopback broker URLs only, and a schema name of lower-case letters, digits and _");
            return 2;
        }
        // bounded by what the broker may have unacknowledged: the subscriber can never hold more
        queue = new ArrayBlockingQueue<>(receiveMaximum);
        try (Connection db = DriverManager.getConnection(dbUrl, dbUser, "")) {
            try (Statement s = db.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                s.execute("CREATE TABLE IF NOT EXISTS " + schema + ".bare_telemetry (ts timestamptz NOT NULL, site text NOT NULL, device text NOT NULL,"
                        + " point text NOT NULL, value double precision NOT NULL)");
                if (index) {
                    s.execute("CREATE INDEX IF NOT EXISTS bare_telemetry_device_point_ts_idx ON " + schema + ".bare_telemetry (device, point, ts DESC)");
                }
            }
            db.setAutoCommit(false);
            MqttAsyncClient client = new MqttAsyncClient(url, "bare-ingest-" + ProcessHandle.current().pid(), new MemoryPersistence());
            CountDownLatch stopped = new CountDownLatch(1);
            Thread writer = new Thread(() -> write(db, client, stopped), "bare-writer");
            client.setManualAcks(true);
            client.setCallback(new Subscriber());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setReceiveMaximum(receiveMaximum);
            client.connect(o).waitForCompletion(10_000);
            client.subscribe(filter, 1).waitForCompletion(10_000);
            writer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                running = false;
                try {
                    stopped.await(5, TimeUnit.SECONDS);
                    client.disconnect().waitForCompletion(2_000);
                    client.close();
                } catch (InterruptedException | MqttException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            System.out.println("BARE READY");
            System.out.flush();
            writer.join();
        }
        return 0;
    }

    /** Takes what arrived, up to a batch, stores it with one COPY and commit, then acknowledges it. */
    private void write(Connection db, MqttAsyncClient client, CountDownLatch stopped) {
        List<Parsed> taken = new ArrayList<>();
        StringBuilder rows = new StringBuilder(batch * 64);
        try {
            CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
            while (running) {
                Parsed first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                taken.add(first);
                int count = first.rows().size();
                while (count < batch) {
                    Parsed next = queue.poll();
                    if (next == null) {
                        break;
                    }
                    taken.add(next);
                    count += next.rows().size();
                }
                rows.setLength(0);
                taken.forEach(p -> p.rows().forEach(rows::append));
                CopyIn in = copy.copyIn("COPY " + schema + ".bare_telemetry (ts, site, device, point, value) FROM STDIN");
                byte[] bytes = rows.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                in.writeToCopy(bytes, 0, bytes.length);
                in.endCopy();
                db.commit();
                for (Parsed p : taken) {
                    if (p.qos() > 0) {
                        client.messageArrivedComplete(p.messageId(), p.qos());
                    }
                }
                taken.clear();
            }
        } catch (SQLException | MqttException e) {
            System.err.println("bare-ingest: stopped writing: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    /** Parses on Paho's callback thread; a full queue holds that thread, which is the back-pressure. */
    private final class Subscriber implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            String[] parts = topic.split("/");
            if (parts.length != 5) {
                return;
            }
            queue.put(new Parsed(message.getId(), message.getQos(), rows(parts[2], parts[3], message.getPayload())));
        }

        /** One COPY text line per value: ts, site, device, point, value (booleans as 1 and 0). */
        private List<String> rows(String site, String device, byte[] payload) throws IOException {
            List<String> rows = new ArrayList<>();
            String ts = null;
            try (JsonParser p = json.createParser(payload)) {
                p.nextToken();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if (field.equals("ts") && value == JsonToken.VALUE_NUMBER_INT) {
                        ts = Instant.ofEpochMilli(p.getLongValue()).toString();
                    } else if (field.equals("values") && value == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String point = p.currentName();
                            JsonToken v = p.nextToken();
                            String number = v == JsonToken.VALUE_TRUE ? "1" : v == JsonToken.VALUE_FALSE ? "0" : p.getValueAsString();
                            rows.add(point + "\t" + number + "\n");
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            }
            String at = ts == null ? Instant.now().toString() : ts;
            String prefix = at + "\t" + site + "\t" + device + "\t";
            rows.replaceAll(r -> prefix + r);
            return rows;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            System.err.println("bare-ingest: disconnected: " + response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            System.err.println("bare-ingest: " + exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}

package io.dutyroom.simulators.estate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dutyroom.adapters.yaml.YamlDocument;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated estate on the wire: every device of an estate file gets a model and its own MQTT
 * connection with a last will ({@code offline}, retained), announces itself {@code online}, and
 * publishes its telemetry every period and its events as they happen, by the v1 topic contract.
 * Deterministic for a seed: device {@code i} draws from the {@code i}-th split of one generator.
 */
public final class SimulatedEstate implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedEstate.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the estate runs. */
    public record Options(String brokerUrl, String topicRoot, Duration period, long seed, String clientPrefix) {
    }

    private final Options options;
    private final Clock clock;
    private final List<Running> devices = new ArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sim-estate");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private Instant last;

    private SimulatedEstate(Options options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    /** Connects every device of {@code estate} and starts publishing. */
    public static SimulatedEstate start(YamlDocument estate, Options options, Clock clock) throws MqttException {
        SimulatedEstate sim = new SimulatedEstate(options, clock);
        SplittableRandom root = new SplittableRandom(options.seed());
        for (SimulatedDevice d : EstateFile.devices(estate)) {
            SplittableRandom random = root.split();
            var model = Models.of(d, random);
            if (model.isEmpty()) {
                LOG.warn("no model for profile {} of device {}; not simulated", d.profile(), d.id());
                continue;
            }
            sim.devices.add(sim.connect(d, model.get()));
        }
        sim.last = clock.instant();
        long period = options.period().toMillis();
        sim.ticker.scheduleAtFixedRate(sim::tick, 0, period, TimeUnit.MILLISECONDS);
        LOG.info("simulated estate: {} devices publishing every {} to {}", sim.devices.size(), options.period(), options.brokerUrl());
        return sim;
    }

    public int size() {
        return devices.size();
    }

    public long published() {
        return published.get();
    }

    private Running connect(SimulatedDevice d, EquipmentModel model) throws MqttException {
        String base = options.topicRoot() + "/" + d.site() + "/" + d.id() + "/";
        MqttAsyncClient client = new MqttAsyncClient(options.brokerUrl(), options.clientPrefix() + d.id(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(true);
        o.setKeepAliveInterval(30);
        MqttMessage will = new MqttMessage("offline".getBytes(StandardCharsets.UTF_8));
        will.setQos(1);
        will.setRetained(true);
        o.setWill(base + "status", will);
        client.connect(o).waitForCompletion(10_000);
        client.publish(base + "status", "online".getBytes(StandardCharsets.UTF_8), 1, true);
        return new Running(d, model, client, base);
    }

    private synchronized void tick() {
        try {
            Instant now = clock.instant();
            Duration dt = Duration.between(last, now);
            last = now;
            for (Running r : devices) {
                r.model.step(now, dt);
                if (r.silent) {
                    continue;
                }
                Map<String, Object> telemetry = new LinkedHashMap<>();
                telemetry.put("ts", now.toEpochMilli());
                if (r.drill != null) {
                    telemetry.put("drill", r.drill);
                }
                telemetry.put("values", r.model.values());
                publish(r, r.base + "telemetry", telemetry);
                for (EquipmentModel.SimEvent e : r.model.drainEvents()) {
                    Map<String, Object> event = new LinkedHashMap<>();
                    event.put("ts", e.ts().toEpochMilli());
                    event.put("type", e.type());
                    event.put("data", e.data());
                    if (r.drill != null) {
                        event.put("drill", r.drill);
                    }
                    publish(r, r.base + "event", event);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("simulated estate: tick failed", e);
        }
    }

    /**
     * Injects a fault into a device (see docs/simulators.md for the names), or {@code silent} /
     * {@code resume} its publishing. With a drill id, the device's messages carry it until
     * {@link #endDrill}. Throws {@link IllegalArgumentException} for an unknown device or a fault
     * its equipment does not have.
     */
    public synchronized void inject(String device, String fault, Map<String, Object> args, String drill) {
        Running r = devices.stream().filter(d -> d.device.id().equals(device)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no simulated device '" + device + "'"));
        switch (fault) {
            case "silent" -> r.silent = true;
            case "resume" -> r.silent = false;
            default -> {
                if (!r.model.apply(fault, args)) {
                    throw new IllegalArgumentException("device " + device + " (" + r.device.profile() + ") has no fault '" + fault + "'");
                }
            }
        }
        if (drill != null) {
            r.drill = drill;
        }
        LOG.info("simulated estate: {} on {}{}", fault, device, drill != null ? " (drill " + drill + ")" : "");
    }

    /** The drill is over: the devices it touched speak as themselves again. */
    public synchronized void endDrill(String drill) {
        devices.stream().filter(d -> drill.equals(d.drill)).forEach(d -> d.drill = null);
    }

    /** The first simulated device of a profile, for drills that name a role rather than a device. */
    public Optional<String> firstOf(String profile) {
        return devices.stream().filter(d -> d.device.profile().equals(profile)).map(d -> d.device.id()).findFirst();
    }

    ScheduledExecutorService ticker() {
        return ticker;
    }

    private void publish(Running r, String topic, Map<String, Object> payload) {
        try {
            r.client.publish(topic, JSON.writeValueAsBytes(payload), 1, false);
            published.incrementAndGet();
        } catch (MqttException | JsonProcessingException e) {
            dropped.incrementAndGet(); // disconnected or too many in flight: a real device would drop it too
        }
    }

    /** Disconnects every device cleanly: each says {@code offline} itself, as a device shut down on purpose does. */
    @Override
    public void close() {
        ticker.shutdownNow();
        for (Running r : devices) {
            try {
                r.client.publish(r.base + "status", "offline".getBytes(StandardCharsets.UTF_8), 1, true).waitForCompletion(2_000);
                r.client.disconnect().waitForCompletion(2_000);
                r.client.close();
            } catch (MqttException e) {
                LOG.debug("simulated device {}: {}", r.device.id(), e.getMessage());
            }
        }
    }

    /** Disconnects without the clean goodbye, so the broker publishes each device's last will; for tests and drills. */
    public void dropConnections() {
        ticker.shutdownNow();
        for (Running r : devices) {
            try {
                r.client.disconnectForcibly(0, 1, false);
            } catch (MqttException e) {
                LOG.debug("simulated device {}: {}", r.device.id(), e.getMessage());
            }
        }
    }

    /** One device on the wire; its fault and drill flags change under the estate's lock. */
    private static final class Running {
        final SimulatedDevice device;
        final EquipmentModel model;
        final MqttAsyncClient client;
        final String base;
        volatile boolean silent;
        volatile String drill;

        Running(SimulatedDevice device, EquipmentModel model, MqttAsyncClient client, String base) {
            this.device = device;
            this.model = model;
            this.client = client;
            this.base = base;
        }
    }
}

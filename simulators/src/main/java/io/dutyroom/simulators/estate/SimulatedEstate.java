package io.dutyroom.simulators.estate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import io.dutyroom.adapters.profile.EquipmentProfile;
import io.dutyroom.adapters.profile.ProfileCatalogue;
import io.dutyroom.adapters.yaml.YamlDocument;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated estate on the wire: every device of an estate file gets a model. Devices that
 * publish get their own MQTT connection with a last will ({@code offline}, retained), announce
 * themselves {@code online}, and publish telemetry every period and events as they happen, by the
 * v1 topic contract. Polled devices ({@code modbus:} on 127.0.0.1) get a register image behind a
 * simulated gateway, rewritten every period.
 * Deterministic for a seed: device {@code i} draws from the {@code i}-th split of one generator.
 */
public final class SimulatedEstate implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedEstate.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the estate runs. */
    public record Options(String brokerUrl, String topicRoot, Duration period, long seed, String clientPrefix) {
    }

    private Options options;
    private final Clock clock;
    private final List<Running> devices = new ArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sim-estate");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final ModbusGateways gateways = new ModbusGateways();
    private Instant last; // simulated time of the last step
    /** Every building of the estate file, simulated devices or not: a drill's building must exist. */
    private final List<Building> buildings = new ArrayList<>();
    private String drillStamp = "";
    private final Set<String> drillIds = new HashSet<>();

    private record Building(String site, String building) {
    }

    private SimulatedEstate(Clock clock) {
        this.clock = clock;
    }

    /** Connects every device of {@code estate} and starts publishing. */
    public static SimulatedEstate start(YamlDocument estate, Options options, Clock clock) throws MqttException {
        SimulatedEstate sim = prepare(estate, options.seed(), clock);
        sim.connect(options);
        return sim;
    }

    /**
     * Builds the models and opens the polled devices' gateways, without MQTT yet: a hub that polls
     * them can start after this and find them answering from its first poll.
     */
    public static SimulatedEstate prepare(YamlDocument estate, long seed, Clock clock) {
        SimulatedEstate sim = new SimulatedEstate(clock);
        SplittableRandom root = new SplittableRandom(seed);
        ProfileCatalogue profiles = ProfileCatalogue.builtIn();
        EstateFile.buildings(estate).forEach((site, ids) -> ids.forEach(b -> sim.buildings.add(new Building(site, b))));
        for (SimulatedDevice d : EstateFile.devices(estate)) {
            SplittableRandom random = root.split();
            var model = Models.of(d, random);
            if (model.isEmpty()) {
                LOG.warn("no model for profile {} of device {}; not simulated", d.profile(), d.id());
                continue;
            }
            EquipmentProfile profile = profiles.find(d.profile()).orElseThrow();
            if (d.modbus().isPresent()) {
                SimulatedDevice.ModbusAddress address = d.modbus().get();
                if (!address.host().equals("127.0.0.1") && !address.host().equals("localhost")) {
                    LOG.warn("device {} is polled at {}, not on this machine; not simulated", d.id(), address.host());
                    continue;
                }
                var image = sim.gateways.add(address, profile);
                Running r = new Running(d, model.get(), null, null, image, profile);
                ModbusGateways.write(image, profile, r.model.values());
                sim.devices.add(r);
            } else {
                sim.devices.add(new Running(d, model.get(), null, null, null, profile));
            }
        }
        sim.gateways.open();
        return sim;
    }

    /**
     * Simulated Modbus gateways that listen elsewhere than the estate file says, their port having
     * been taken: the file's port → the one they listen on ({@link EstateFile#repointModbus}).
     */
    public Map<Integer, Integer> movedGateways() {
        return gateways.moved();
    }

    /** Connects the publishing devices to the broker and starts the clock. */
    public void connect(Options options) throws MqttException {
        this.options = options;
        for (int i = 0; i < devices.size(); i++) {
            Running r = devices.get(i);
            if (r.image == null) {
                devices.set(i, connect(r.device, r.model, r.profile));
            }
        }
        last = clock.instant();
        ticker.scheduleAtFixedRate(this::tick, 0, options.period().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("simulated estate: {} devices, publishing every {} to {}", devices.size(), options.period(), options.brokerUrl());
    }

    public int size() {
        return devices.size();
    }

    private Running connect(SimulatedDevice d, EquipmentModel model, EquipmentProfile profile) throws MqttException {
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
        try {
            client.connect(o).waitForCompletion(10_000);
            client.publish(base + "status", "online".getBytes(StandardCharsets.UTF_8), 1, true);
        } catch (MqttException e) {
            closeClient(client);
            throw e;
        }
        return new Running(d, model, client, base, null, profile);
    }

    private synchronized void tick() {
        try {
            // Models run on simulated time: whole periods from the start, whatever the scheduler's
            // jitter, so a seed replays the same run; messages carry the wall-clock time.
            Instant now = clock.instant();
            Duration dt = options.period();
            last = last.plus(dt);
            Instant simulated = last;
            for (Running r : devices) {
                try {
                    step(r, now, simulated, dt);
                } catch (RuntimeException e) {
                    LOG.error("simulated device {}: step failed", r.device.id(), e); // the others go on
                }
            }
        } catch (RuntimeException e) {
            LOG.error("simulated estate: tick failed", e);
        }
    }

    private void step(Running r, Instant now, Instant simulated, Duration dt) {
        r.model.step(simulated, dt);
        if (r.image != null) {
            ModbusGateways.write(r.image, r.profile, r.model.values()); // polled: the hub reads it when it likes
            return;
        }
        if (r.silent || r.client == null) {
            return;
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
            case "gateway-down", "gateway-up" -> {
                if (r.device.modbus().isEmpty()) {
                    throw new IllegalArgumentException("device " + device + " is not polled over Modbus");
                }
                int port = r.device.modbus().get().port();
                if (fault.equals("gateway-down")) {
                    gateways.down(port);
                } else {
                    try {
                        gateways.up(port);
                    } catch (Exception e) {
                        throw new IllegalArgumentException("gateway on port " + port + " could not reopen: " + e.getMessage());
                    }
                }
            }
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

    /** The profile of a simulated device. */
    public Optional<String> profileOf(String device) {
        return devices.stream().filter(d -> d.device.id().equals(device)).map(d -> d.device.profile()).findFirst();
    }

    /** The first simulated device of a profile, for drills that name a role rather than a device. */
    public Optional<String> firstOf(String profile) {
        return devices.stream().filter(d -> d.device.profile().equals(profile)).map(d -> d.device.id()).findFirst();
    }

    /** The first simulated device of a profile in a building (of a site, when given), for a drill run there. */
    public Optional<String> firstOf(String profile, Optional<String> site, String building) {
        return devices.stream().filter(d -> d.device.profile().equals(profile) && in(d.device, site, building))
                .map(d -> d.device.id()).findFirst();
    }

    /** Whether a simulated device is in a building (of a site, when given). */
    public boolean isIn(String device, Optional<String> site, String building) {
        return devices.stream().anyMatch(d -> d.device.id().equals(device) && in(d.device, site, building));
    }

    /**
     * The sites of the estate file that have a building with this id, whether or not any of its
     * devices is simulated: building ids need only be unique within a site.
     */
    public Set<String> sitesWithBuilding(String building) {
        return buildings.stream().filter(b -> b.building().equals(building)).map(Building::site).collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean in(SimulatedDevice device, Optional<String> site, String building) {
        return device.building().equals(building) && site.map(device.site()::equals).orElse(true);
    }

    /**
     * A drill id not given out before: {@code base} itself, or with {@code -2}, {@code -3}, ... when
     * the same scenario started twice within its (one-second) time stamp. Remembers one second's ids.
     */
    synchronized String claimDrillId(String base, String stamp) {
        if (!stamp.equals(drillStamp)) {
            drillStamp = stamp;
            drillIds.clear();
        }
        String id = base;
        for (int n = 2; !drillIds.add(id); n++) {
            id = base + "-" + n;
        }
        return id;
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
        gateways.close();
        LOG.info("simulated estate stopped: {} messages published, {} dropped (not connected or too many in flight)", published.get(), dropped.get());
        for (Running r : devices) {
            if (r.client == null) {
                continue;
            }
            try {
                r.client.publish(r.base + "status", "offline".getBytes(StandardCharsets.UTF_8), 1, true).waitForCompletion(2_000);
                r.client.disconnect().waitForCompletion(2_000);
            } catch (MqttException e) {
                LOG.debug("simulated device {}: {}", r.device.id(), e.getMessage());
            } finally {
                closeClient(r.client);
            }
        }
    }

    private static void closeClient(MqttAsyncClient client) {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1_000, false);
            }
        } catch (MqttException ignored) {
            // closing anyway
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // its threads are gone either way
        }
    }

    /** Disconnects without the clean goodbye, so the broker publishes each device's last will; for tests and drills. */
    public void dropConnections() {
        ticker.shutdownNow();
        for (Running r : devices) {
            if (r.client == null) {
                continue;
            }
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
        final SimpleProcessImage image;   // polled devices: their registers, instead of an MQTT client
        final EquipmentProfile profile;
        volatile boolean silent;
        volatile String drill;

        Running(SimulatedDevice device, EquipmentModel model, MqttAsyncClient client, String base, SimpleProcessImage image, EquipmentProfile profile) {
            this.device = device;
            this.model = model;
            this.client = client;
            this.base = base;
            this.image = image;
            this.profile = profile;
        }
    }
}

package io.dutyroom.simulators.estate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import io.dutyroom.adapters.model.ReadingBatch;
import io.dutyroom.adapters.mqtt.Decoded;
import io.dutyroom.adapters.mqtt.MqttTopic;
import io.dutyroom.adapters.mqtt.PayloadDecoder;
import io.dutyroom.adapters.mqtt.PayloadLimits;
import io.dutyroom.adapters.profile.ProfileCatalogue;
import io.dutyroom.adapters.yaml.YamlDocument;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;

/** The simulated estate speaks the v1 contract exactly, over a real broker, including its last wills. */
class SimulatedEstateIT {
    private static final String ESTATE = """
            sites:
              - id: estate-a
                buildings:
                  - id: t1
                    floors: [B1, "1", "2", "3", "4", "5"]
                    devices:
                      - {id: t1-pumps, profile: water-pump-set}
                      - {id: t1-sump, profile: sump-pit}
                      - {id: t1-lift, profile: elevator}
                      - {id: t1-door, profile: access-door}
                      - {id: t1-incomer, profile: power-distribution}
                      - {id: t1-fire-pump, profile: fire-pump}
                      - {id: t1-panel, profile: fire-alarm-panel}
                      - {id: t1-polled, profile: sump-pit, modbus: {host: 127.0.0.1, port: %d, unitId: 3}}
            """;

    @Test
    void everyDevicePublishesValidTelemetryOfItsProfileAndLeavesALastWill() throws Exception {
        String root = "sim-" + UUID.randomUUID().toString().substring(0, 8) + "/dutyroom/v1";
        ProfileCatalogue profiles = ProfileCatalogue.builtIn();
        PayloadDecoder decoder = new PayloadDecoder(PayloadLimits.DEFAULTS, Clock.systemUTC());
        Map<String, String> status = new ConcurrentHashMap<>();
        Map<String, Set<String>> points = new ConcurrentHashMap<>();
        Map<String, String> problems = new ConcurrentHashMap<>();
        Map<String, String> profileOf = Map.of("t1-pumps", "water-pump-set", "t1-sump", "sump-pit", "t1-lift", "elevator",
                "t1-door", "access-door", "t1-incomer", "power-distribution", "t1-fire-pump", "fire-pump", "t1-panel", "fire-alarm-panel");

        MqttClient watcher = new MqttClient(TestBroker.url(), "watch-" + UUID.randomUUID(), new MemoryPersistence());
        watcher.connect(new MqttConnectionOptions());
        // subscribe(filter, qos, listener) recurses forever in Paho v5 1.2.5; a listener array works
        watcher.subscribe(new MqttSubscription[] {new MqttSubscription(root + "/#", 1)}, new IMqttMessageListener[] {(topic, message) -> {
            MqttTopic t = MqttTopic.parse(root, topic).orElseThrow();
            String device = t.device().value();
            switch (t.kind()) {
                case STATUS -> status.put(device, new String(message.getPayload(), StandardCharsets.UTF_8));
                case TELEMETRY -> {
                    Decoded<ReadingBatch> d = decoder.telemetry(t.site(), t.device(), message.getPayload(), topic);
                    if (!d.rejections().isEmpty()) {
                        problems.put(device, d.rejections().toString());
                    }
                    d.item().ifPresent(b -> b.readings().forEach(r -> {
                        points.computeIfAbsent(device, k -> ConcurrentHashMap.newKeySet()).add(r.point());
                        if (!profiles.find(profileOf.get(device)).orElseThrow().hasPoint(r.point())) {
                            problems.put(device, "point " + r.point() + " is not in its profile");
                        }
                    }));
                }
                case EVENT -> {
                    if (decoder.event(t.site(), t.device(), message.getPayload(), topic).item().isEmpty()) {
                        problems.put(device, "bad event");
                    }
                }
            }
        }});

        int gatewayPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            gatewayPort = s.getLocalPort();
        }
        SimulatedEstate sim = SimulatedEstate.start(YamlDocument.read("estate.yaml", ESTATE.formatted(gatewayPort).getBytes(StandardCharsets.UTF_8)),
                new SimulatedEstate.Options(TestBroker.url(), root, Duration.ofMillis(200), 42, "it-" + UUID.randomUUID().toString().substring(0, 6) + "-"),
                Clock.systemUTC());
        try {
            assertThat(sim.size()).isEqualTo(8);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(status).hasSize(7).allSatisfy((device, s) -> assertThat(s).isEqualTo("online"));
                assertThat(points).hasSize(7);
                profileOf.forEach((device, profile) -> assertThat(points.get(device))
                        .containsExactlyInAnyOrderElementsOf(profiles.find(profile).orElseThrow().points().stream().map(p -> p.name()).toList()));
            });
            assertThat(problems).isEmpty();

            // the polled sump answers Modbus with its model's level, behind its simulated gateway
            ModbusTCPMaster master = new ModbusTCPMaster("127.0.0.1", gatewayPort, 2000, false, false);
            master.connect();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> master.readInputRegisters(3, 0, 1)[0].getValue() > 0);
            } finally {
                master.disconnect();
            }

            // WHEN the devices vanish without a goodbye, THEN the broker publishes each one's last will
            sim.dropConnections();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(status).allSatisfy((device, s) -> assertThat(s).isEqualTo("offline")));
        } finally {
            sim.close();
            watcher.disconnect();
            watcher.close();
        }
    }

    @Test
    void aGatewayWhosePortIsTakenOpensOnAFreeOneAndTheEstateFileIsPointedThere() throws Exception {
        String polled = """
                sites:
                  - id: estate-a
                    buildings:
                      - id: t1
                        floors: [B1]
                        devices:
                          - {id: t1-polled, profile: sump-pit, modbus: {host: 127.0.0.1, port: %d, unitId: 3}}
                """;
        // another program (a second demo's gateway) already holds the estate file's port
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int filePort = taken.getLocalPort();
            YamlDocument file = YamlDocument.read("estate.yaml", polled.formatted(filePort).getBytes(StandardCharsets.UTF_8));
            SimulatedEstate sim = SimulatedEstate.prepare(file, 42, Clock.systemUTC());
            try {
                assertThat(sim.movedGateways()).containsOnlyKeys(filePort);
                int actual = sim.movedGateways().get(filePort);
                assertThat(actual).isNotEqualTo(filePort);

                EstateFile.repointModbus(file, sim.movedGateways());
                assertThat(EstateFile.devices(file).get(0).modbus().orElseThrow().port()).as("where the hub will poll it").isEqualTo(actual);

                // and there the sump's unit answers Modbus
                ModbusTCPMaster master = new ModbusTCPMaster("127.0.0.1", actual, 2000, false, false);
                master.connect();
                try {
                    assertThat(master.readInputRegisters(3, 0, 1)).hasSize(1);
                } finally {
                    master.disconnect();
                }
            } finally {
                sim.close();
            }
        }
    }
}

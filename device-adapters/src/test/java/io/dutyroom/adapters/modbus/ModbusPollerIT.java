package io.dutyroom.adapters.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.DeviceStatus;
import io.dutyroom.adapters.model.SiteId;
import io.dutyroom.adapters.profile.EquipmentProfile;
import io.dutyroom.adapters.profile.ProfileCatalogue;
import io.dutyroom.adapters.yaml.YamlDocument;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The Modbus adapter against real Modbus TCP slaves on loopback. */
class ModbusPollerIT {
    private static final SiteId SITE = SiteId.of("estate-a");

    private static final EquipmentProfile EVERY_ENCODING = ProfileCatalogue.parse(YamlDocument.read("test-profile.yaml", """
            id: every-encoding
            category: power
            modbus: {wordOrder: CDAB}
            points:
              - {name: running, type: bool, modbus: {table: coil, address: 3}}
              - {name: float_alarm, type: bool, modbus: {table: discrete, address: 9}}
              - {name: status_bit5, type: bool, modbus: {table: holding, address: 0, encoding: bit, bit: 5}}
              - {name: temp, type: float, modbus: {table: holding, address: 1, encoding: int16, scale: 0.1}}
              - {name: volts, type: float, modbus: {table: holding, address: 2, encoding: uint16, scale: 0.1}}
              - {name: energy, type: float, modbus: {table: holding, address: 4, encoding: uint32}}
              - {name: offset_kw, type: float, modbus: {table: holding, address: 6, encoding: int32}}
              - {name: amps, type: float, modbus: {table: holding, address: 8, encoding: float32}}
              - {name: amps_abcd, type: float, modbus: {table: holding, address: 10, encoding: float32, wordOrder: ABCD}}
              - {name: level, type: float, modbus: {table: input, address: 0, encoding: uint16, scale: 0.01}}
            """.getBytes(StandardCharsets.UTF_8)));

    private static PolledDevice device(String id, EquipmentProfile profile, ModbusEndpoint endpoint, Duration interval, Optional<WordOrder> order) {
        return new PolledDevice(SITE, DeviceId.of(id), profile, endpoint, interval, Duration.ofMillis(500), 2, order);
    }

    @Test
    void everyEncodingAndWordOrderIsReadAsTheProfileSays() throws Exception {
        try (ModbusSlaveFixture slave = new ModbusSlaveFixture(7, 32, Duration.ZERO)) {
            slave.coil(3, true);
            slave.discrete(9, true);
            slave.holding(0, 0b100000);
            slave.holding(1, 0xFF9C); // -100 -> -10.0
            slave.holding(2, 2305);
            slave.holding32(4, (int) 3_000_000_000L, WordOrder.CDAB);
            slave.holding32(6, -42, WordOrder.CDAB);
            slave.holding32(8, Float.floatToIntBits(12.5f), WordOrder.CDAB);
            slave.holding32(10, Float.floatToIntBits(-7.25f), WordOrder.ABCD);
            slave.input(0, 123);
            RecordingSink sink = new RecordingSink();
            DeviceId meter = DeviceId.of("meter-1");

            try (ModbusPoller poller = new ModbusPoller(List.of(device("meter-1", EVERY_ENCODING, slave.endpoint(), Duration.ofMillis(200), Optional.empty())),
                    sink, ModbusMetrics.NONE, Clock.systemUTC())) {
                poller.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> sink.latest(meter).isPresent());
            }

            Map<String, Double> v = sink.latest(meter).orElseThrow();
            assertThat(v).containsEntry("running", 1.0).containsEntry("float_alarm", 1.0).containsEntry("status_bit5", 1.0)
                    .containsEntry("energy", 3_000_000_000.0).containsEntry("offset_kw", -42.0)
                    .containsEntry("amps", 12.5).containsEntry("amps_abcd", -7.25);
            assertThat(v.get("temp")).isCloseTo(-10.0, within(1e-9));
            assertThat(v.get("volts")).isCloseTo(230.5, within(1e-9));
            assertThat(v.get("level")).isCloseTo(1.23, within(1e-9));
        }
    }

    @Test
    void aDeviceCanOverrideItsProfilesWordOrder() throws Exception {
        try (ModbusSlaveFixture slave = new ModbusSlaveFixture(1, 32, Duration.ZERO)) {
            slave.holding32(8, Float.floatToIntBits(99.5f), WordOrder.DCBA);
            RecordingSink sink = new RecordingSink();
            DeviceId meter = DeviceId.of("meter-dcba");
            try (ModbusPoller poller = new ModbusPoller(List.of(device("meter-dcba", EVERY_ENCODING, slave.endpoint(), Duration.ofMillis(200), Optional.of(WordOrder.DCBA))),
                    sink, ModbusMetrics.NONE, Clock.systemUTC())) {
                poller.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> sink.latest(meter).isPresent());
            }
            assertThat(sink.latest(meter).orElseThrow()).containsEntry("amps", 99.5);
        }
    }

    @Test
    void anExceptionForOneRangeIsCountedAndTheRestIsStillRead() throws Exception {
        EquipmentProfile partly = ProfileCatalogue.parse(YamlDocument.read("partly.yaml", """
                id: partly
                category: water
                points:
                  - {name: ok, type: float, modbus: {table: holding, address: 1}}
                  - {name: beyond, type: float, modbus: {table: holding, address: 500}}
                """.getBytes(StandardCharsets.UTF_8)));
        try (ModbusSlaveFixture slave = new ModbusSlaveFixture(1, 16, Duration.ZERO)) {
            slave.holding(1, 42);
            RecordingSink sink = new RecordingSink();
            CountingMetrics metrics = new CountingMetrics();
            DeviceId pump = DeviceId.of("pump-1");
            try (ModbusPoller poller = new ModbusPoller(List.of(device("pump-1", partly, slave.endpoint(), Duration.ofMillis(200), Optional.empty())),
                    sink, metrics, Clock.systemUTC())) {
                poller.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> sink.latest(pump).isPresent() && metrics.count("exception_2") > 0);
            }
            assertThat(sink.latest(pump).orElseThrow()).containsOnlyKeys("ok").containsEntry("ok", 42.0);
            assertThat(sink.statuses(pump)).isEmpty(); // it answered: no comm-loss
        }
    }

    @Test
    void aSilentDeviceBecomesCommLossAndComesBackOnItsFirstGoodPoll() throws Exception {
        try (ModbusSlaveFixture slave = new ModbusSlaveFixture(3, 32, Duration.ZERO)) {
            slave.holding(2, 1000);
            RecordingSink sink = new RecordingSink();
            DeviceId meter = DeviceId.of("meter-2");
            try (ModbusPoller poller = new ModbusPoller(List.of(device("meter-2", EVERY_ENCODING, slave.endpoint(), Duration.ofMillis(100), Optional.empty())),
                    sink, ModbusMetrics.NONE, Clock.systemUTC())) {
                poller.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> !sink.batches(meter).isEmpty());

                slave.stop();
                await().atMost(Duration.ofSeconds(20)).until(() -> sink.statuses(meter).stream().anyMatch(s -> !s.online()));
                assertThat(sink.statuses(meter)).singleElement().satisfies(s -> assertThat(s.cause()).isEqualTo(DeviceStatus.COMM_LOSS));

                slave.holding(2, 2000);
                slave.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> sink.statuses(meter).stream().anyMatch(DeviceStatus::online));
                await().atMost(Duration.ofSeconds(10)).until(() -> sink.latest(meter).orElseThrow().get("volts") == 200.0);
            }
        }
    }

    @Test
    void aSlowGatewayDelaysOnlyTheDevicesBehindIt() throws Exception {
        try (ModbusSlaveFixture slow = new ModbusSlaveFixture(1, 32, Duration.ofMillis(700));
             ModbusSlaveFixture fast = new ModbusSlaveFixture(1, 32, Duration.ZERO)) {
            RecordingSink sink = new RecordingSink();
            DeviceId slowMeter = DeviceId.of("slow-meter");
            DeviceId fastMeter = DeviceId.of("fast-meter");
            EquipmentProfile oneRead = ProfileCatalogue.parse(YamlDocument.read("one.yaml", """
                    id: one-read
                    category: power
                    points:
                      - {name: volts, type: float, modbus: {table: holding, address: 2}}
                    """.getBytes(StandardCharsets.UTF_8)));
            try (ModbusPoller poller = new ModbusPoller(List.of(
                    new PolledDevice(SITE, slowMeter, oneRead, slow.endpoint(), Duration.ofMillis(100), Duration.ofSeconds(2), 3, Optional.empty()),
                    new PolledDevice(SITE, fastMeter, oneRead, fast.endpoint(), Duration.ofMillis(100), Duration.ofSeconds(2), 3, Optional.empty())),
                    sink, ModbusMetrics.NONE, Clock.systemUTC())) {
                poller.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> sink.batches(slowMeter).size() >= 2);
                // while the slow gateway answered twice (about 1.4 s), the other kept its 100 ms pace
                assertThat(sink.batches(fastMeter).size()).isGreaterThanOrEqualTo(5);
            }
        }
    }

    @Test
    void commandsWriteCoilsAndRegistersThroughTheDevicesConnection() throws Exception {
        try (ModbusSlaveFixture slave = new ModbusSlaveFixture(9, 32, Duration.ZERO)) {
            DeviceId meter = DeviceId.of("meter-w");
            try (ModbusPoller poller = new ModbusPoller(List.of(device("meter-w", EVERY_ENCODING, slave.endpoint(), Duration.ofSeconds(1), Optional.empty())),
                    new RecordingSink(), ModbusMetrics.NONE, Clock.systemUTC())) {
                poller.start();
                poller.write(meter, "running", 1).get(10, TimeUnit.SECONDS);            // function 5
                poller.write(meter, "volts", 231.7).get(10, TimeUnit.SECONDS);          // function 6, ×0.1
                poller.write(meter, "amps", 17.25).get(10, TimeUnit.SECONDS);           // function 16, CDAB

                assertThat(slave.image.getDigitalOut(3).isSet()).isTrue();
                assertThat(slave.image.getRegister(2).getValue()).isEqualTo(2317);
                assertThat(Float.intBitsToFloat(WordOrder.CDAB.combine(slave.image.getRegister(8).getValue(), slave.image.getRegister(9).getValue())))
                        .isEqualTo(17.25f);

                assertThat(poller.write(meter, "level", 1)).failsWithin(Duration.ofSeconds(5))
                        .withThrowableThat().withMessageContaining("input points cannot be written");
                assertThat(poller.write(meter, "volts", 10_000)).failsWithin(Duration.ofSeconds(5))
                        .withThrowableThat().withMessageContaining("out of range for uint16");
                assertThat(poller.write(meter, "nope", 1)).failsWithin(Duration.ofSeconds(5))
                        .withThrowableThat().withMessageContaining("has no Modbus point 'nope'");
            }
        }
    }

    @Test
    void severalNeighbouringCoilsAreWrittenInOneRequest() throws Exception {
        EquipmentProfile coils = ProfileCatalogue.parse(YamlDocument.read("coils.yaml", """
                id: coils
                category: water
                points:
                  - {name: pump1_enable, type: bool, modbus: {table: coil, address: 4}}
                  - {name: pump2_enable, type: bool, modbus: {table: coil, address: 5}}
                  - {name: far, type: bool, modbus: {table: coil, address: 9}}
                """.getBytes(StandardCharsets.UTF_8)));
        try (ModbusSlaveFixture slave = new ModbusSlaveFixture(1, 16, Duration.ZERO)) {
            DeviceId pumps = DeviceId.of("pumps-c");
            try (ModbusPoller poller = new ModbusPoller(List.of(device("pumps-c", coils, slave.endpoint(), Duration.ofSeconds(1), Optional.empty())),
                    new RecordingSink(), ModbusMetrics.NONE, Clock.systemUTC())) {
                poller.writeCoils(pumps, Map.of("pump1_enable", true, "pump2_enable", true)).get(10, TimeUnit.SECONDS); // function 15
                assertThat(slave.image.getDigitalOut(4).isSet()).isTrue();
                assertThat(slave.image.getDigitalOut(5).isSet()).isTrue();
                assertThat(poller.writeCoils(pumps, Map.of("pump1_enable", false, "far", true))).failsWithin(Duration.ofSeconds(5))
                        .withThrowableThat().withMessageContaining("must be neighbours");
            }
        }
    }

    @Test
    void aGatewayThatPassesRtuFramesThroughTcpIsReadToo() throws Exception {
        try (ModbusSlaveFixture slave = new ModbusSlaveFixture(6, 32, Duration.ZERO, true)) {
            slave.holding(2, 2305);
            RecordingSink sink = new RecordingSink();
            DeviceId meter = DeviceId.of("meter-rtu");
            ModbusEndpoint rtu = new ModbusEndpoint("127.0.0.1", slave.port, 6, true);
            try (ModbusPoller poller = new ModbusPoller(List.of(device("meter-rtu", EVERY_ENCODING, rtu, Duration.ofMillis(200), Optional.empty())),
                    sink, ModbusMetrics.NONE, Clock.systemUTC())) {
                poller.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> sink.latest(meter).isPresent());
            }
            assertThat(sink.latest(meter).orElseThrow().get("volts")).isCloseTo(230.5, within(1e-9));
            assertThat(rtu.connection()).isEqualTo("rtu+tcp://127.0.0.1:" + slave.port);
        }
    }

    @Test
    void aSerialLineThatIsNotThereIsACommunicationLossNotACrash() {
        // serial RTU needs a port this machine does not have; what can be proven here is the failure path
        RecordingSink sink = new RecordingSink();
        CountingMetrics metrics = new CountingMetrics();
        DeviceId pit = DeviceId.of("pit-serial");
        ModbusEndpoint line = ModbusEndpoint.serial(new SerialLine("/dev/ttyDUTYROOM-NONE", 9600, 8, "none", 1), 2);
        try (ModbusPoller poller = new ModbusPoller(List.of(new PolledDevice(SITE, pit, EVERY_ENCODING, line, Duration.ofMillis(100),
                Duration.ofMillis(200), 2, Optional.empty())), sink, metrics, Clock.systemUTC())) {
            poller.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.statuses(pit).stream().anyMatch(s -> !s.online()));
        }
        assertThat(metrics.count("io") + metrics.count("timeout")).isPositive();
        assertThat(line.connection()).isEqualTo("rtu:///dev/ttyDUTYROOM-NONE");
    }

    /** Counts failures by reason. */
    private static final class CountingMetrics implements ModbusMetrics {
        private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

        long count(String reason) {
            return failures.getOrDefault(reason, new AtomicLong()).get();
        }

        @Override
        public void poll(DeviceId device, long nanos, boolean ok) {
        }

        @Override
        public void failure(DeviceId device, String reason) {
            failures.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
        }

        @Override
        public void skipped(DeviceId device) {
        }

        @Override
        public void lateness(DeviceId device, long nanos) {
        }
    }
}

package io.dutyroom.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ghgande.j2mod.modbus.procimg.SimpleDigitalIn;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import io.dutyroom.hub.embedded.PortProbe;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pump set polled over Modbus TCP ends up exactly where an MQTT one does: stored, live, on the timeline. */
class ModbusIngestIT {
    @TempDir
    Path dir;

    @Test
    void aPolledPumpSetIsStoredAndItsCommLossGoesOnTheTimeline() throws Exception {
        int port = PortProbe.freePort("127.0.0.1");
        SimpleProcessImage image = new SimpleProcessImage(5);
        for (int i = 0; i < 128; i++) {
            image.addRegister(new SimpleRegister(0));
            image.addInputRegister(new SimpleInputRegister(0));
            image.addDigitalOut(new SimpleDigitalOut(false));
            image.addDigitalIn(new SimpleDigitalIn(false));
        }
        image.getDigitalOut(0).set(true);          // pump1_running
        image.getRegister(100).setValue(420);      // outlet_pressure, 0.001 MPa
        image.getRegister(110).setValue(1);        // run_hours, uint32 ABCD: 1 * 65536 + 2
        image.getRegister(111).setValue(2);
        ModbusSlave slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 2, false);
        slave.addProcessImage(5, image);
        slave.open();
        Path estate = Files.writeString(dir.resolve("estate.yaml"), """
                sites:
                  - id: estate-a
                    buildings:
                      - id: b1
                        devices:
                          - id: pumps-b1
                            profile: water-pump-set
                            modbus: {host: 127.0.0.1, port: %d, unitId: 5, interval: 200ms, timeout: 300ms, commLossAfter: 2}
                """.formatted(port));

        try (HubFixture hub = new HubFixture().with("DUTYROOM_ESTATE", estate.toString()).start()) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonArray points = hub.json("/api/v1/devices/pumps-b1").getJsonArray("points");
                assertThat(value(points, "outlet_pressure")).isEqualTo(0.42);
                assertThat(value(points, "pump1_running")).isEqualTo(1.0);
                assertThat(value(points, "run_hours")).isEqualTo(65_538.0);
            });
            assertThat(hub.count("SELECT count(*) FROM telemetry WHERE device_id = 'pumps-b1' AND point = 'outlet_pressure'")).isPositive();

            ModbusSlaveFactory.close(slave);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonArray events = hub.json("/api/v1/timeline?device=pumps-b1&kind=device.offline").getJsonArray("events");
                assertThat(events).isNotEmpty();
                assertThat(events.getJsonObject(0).getJsonObject("payload").getString("cause")).isEqualTo("comm-loss");
            });
            assertThat(hub.metric("dutyroom_modbus_failures_total{device=\"pumps-b1\",reason=\"io\"}")
                    + hub.metric("dutyroom_modbus_failures_total{device=\"pumps-b1\",reason=\"timeout\"}")).isPositive();
        } finally {
            ModbusSlaveFactory.close(slave);
        }
    }

    private static double value(JsonArray points, String name) {
        for (int i = 0; i < points.size(); i++) {
            JsonObject p = points.getJsonObject(i);
            if (name.equals(p.getString("name"))) {
                return p.getDouble("value", Double.NaN);
            }
        }
        throw new AssertionError("no point " + name);
    }
}

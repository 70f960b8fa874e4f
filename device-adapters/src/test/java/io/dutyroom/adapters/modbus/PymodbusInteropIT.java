package io.dutyroom.adapters.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.SiteId;
import io.dutyroom.adapters.profile.EquipmentProfile;
import io.dutyroom.adapters.profile.ProfileCatalogue;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Interoperability: the adapter reads a Modbus server that is not j2mod, Debian's
 * {@code python3-pymodbus}, through a shipped profile. Skipped with a message where that package is
 * missing, unless {@code DUTYROOM_TEST_INTEROP=required} (our CI installs it).
 */
class PymodbusInteropIT {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SERVER = Path.of("src/test/interop/pymodbus_server.py");

    @Test
    void aPumpSetServedByPymodbusIsReadThroughItsProfile() throws Exception {
        requirePymodbus();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process server = new ProcessBuilder(PYTHON.toString(), SERVER.toString(), String.valueOf(port), "4",
                "{\"100\": 420, \"101\": 355, \"110\": 1, \"111\": 2}", "{\"0\": true, \"3\": true}")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            int listening = port;
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), listening)) {
                    return true;
                }
            });
            EquipmentProfile pumps = ProfileCatalogue.builtIn().find("water-pump-set").orElseThrow();
            DeviceId device = DeviceId.of("pumps-py");
            RecordingSink sink = new RecordingSink();
            try (ModbusPoller poller = new ModbusPoller(List.of(new PolledDevice(SiteId.of("estate-a"), device, pumps,
                    new ModbusEndpoint("127.0.0.1", port, 4, false), Duration.ofMillis(300), Duration.ofSeconds(1), 3, Optional.empty())),
                    sink, ModbusMetrics.NONE, Clock.systemUTC())) {
                poller.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> sink.latest(device).isPresent());
            }
            Map<String, Double> v = sink.latest(device).orElseThrow();
            assertThat(v).containsEntry("pump1_running", 1.0).containsEntry("pump1_fault", 0.0).containsEntry("pump2_fault", 1.0)
                    .containsEntry("run_hours", 65_538.0);
            assertThat(v.get("outlet_pressure")).isEqualTo(0.42);
            assertThat(v.get("tank_level")).isEqualTo(3.55);
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void requirePymodbus() throws IOException, InterruptedException {
        boolean available = Files.isExecutable(PYTHON)
                && new ProcessBuilder(PYTHON.toString(), "-c", "import pymodbus").start().waitFor() == 0;
        if (!available) {
            String why = "Debian's python3-pymodbus is not installed (apt-get install python3-pymodbus)";
            if ("required".equals(System.getenv("DUTYROOM_TEST_INTEROP"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
    }
}

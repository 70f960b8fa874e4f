package io.dutyroom.simulators.modbus;

import com.ghgande.j2mod.modbus.procimg.SimpleDigitalIn;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import io.dutyroom.adapters.profile.EquipmentProfile;
import io.dutyroom.adapters.profile.PointDefinition;
import io.dutyroom.adapters.profile.ProfileCatalogue;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Many Modbus TCP slaves of one equipment profile on consecutive loopback ports, each with a
 * register image laid out by the profile: a plant room for the Modbus benchmark. Values are
 * static; the living estate is the simulators' issue.
 */
@Command(name = "modbus-farm", description = "Serve N Modbus TCP slaves of one profile on 127.0.0.1 (benchmarks only).")
public final class ModbusFarm implements Callable<Integer> {
    @Option(names = "--slaves", defaultValue = "200", description = "How many slaves (default: ${DEFAULT-VALUE}).")
    int slaves;

    @Option(names = "--first-port", defaultValue = "15100", description = "Port of the first slave; the rest follow (default: ${DEFAULT-VALUE}).")
    int firstPort;

    @Option(names = "--profile", defaultValue = "water-pump-set", description = "Equipment profile (default: ${DEFAULT-VALUE}).")
    String profileId;

    @Option(names = "--unit", defaultValue = "1", description = "Unit id (default: ${DEFAULT-VALUE}).")
    int unit;

    @Option(names = "--seconds", defaultValue = "600", description = "Serve this long, at most 3600 (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Override
    public Integer call() throws Exception {
        if (slaves < 1 || slaves > 2000 || seconds < 1 || seconds > 3600 || firstPort < 1024 || firstPort + slaves > 65_535) {
            System.err.println("modbus-farm: --slaves 1..2000, --seconds 1..3600, ports within 1024..65535");
            return 2;
        }
        EquipmentProfile profile = ProfileCatalogue.builtIn().find(profileId)
                .orElseThrow(() -> new IllegalArgumentException("unknown profile " + profileId));
        List<ModbusSlave> started = new ArrayList<>();
        try {
            for (int i = 0; i < slaves; i++) {
                ModbusSlave slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), firstPort + i, 1, false);
                slave.addProcessImage(unit, image(profile, unit, i));
                slave.open();
                started.add(slave);
            }
            System.out.println("READY " + slaves + " slaves of " + profileId + " on 127.0.0.1:" + firstPort + "-" + (firstPort + slaves - 1));
            new CountDownLatch(1).await(seconds, TimeUnit.SECONDS);
            return 0;
        } finally {
            started.forEach(ModbusSlaveFactory::close);
        }
    }

    /** Registers sized to the profile's highest address, every polled point holding a non-zero value. */
    static SimpleProcessImage image(EquipmentProfile profile, int unit, int seed) {
        int size = 0;
        for (PointDefinition p : profile.polledPoints()) {
            size = Math.max(size, p.modbus().end());
        }
        SimpleProcessImage image = new SimpleProcessImage(unit);
        for (int a = 0; a < size; a++) {
            image.addRegister(new SimpleRegister((a + seed) % 1000 + 1));
            image.addInputRegister(new SimpleInputRegister((a + seed) % 1000 + 1));
            image.addDigitalOut(new SimpleDigitalOut((a + seed) % 2 == 0));
            image.addDigitalIn(new SimpleDigitalIn((a + seed) % 3 == 0));
        }
        return image;
    }
}

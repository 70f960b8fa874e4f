package io.dutyroom.simulators.modbus;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import io.dutyroom.adapters.modbus.ReadRequest;
import io.dutyroom.adapters.modbus.RegisterTable;
import io.dutyroom.adapters.modbus.RequestPlanner;
import io.dutyroom.adapters.profile.EquipmentProfile;
import io.dutyroom.adapters.profile.ProfileCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The ceiling for the Modbus benchmark: plain j2mod reads of the same requests, as fast as one
 * thread can issue them round the same slaves, with no hub around them.
 */
@Command(name = "modbus-bare", description = "Read a modbus-farm with bare j2mod as fast as possible (benchmark ceiling).")
public final class BareReadLoop implements Callable<Integer> {
    @Option(names = "--slaves", defaultValue = "200", description = "How many slaves (default: ${DEFAULT-VALUE}).")
    int slaves;

    @Option(names = "--first-port", defaultValue = "15100", description = "Port of the first slave (default: ${DEFAULT-VALUE}).")
    int firstPort;

    @Option(names = "--profile", defaultValue = "water-pump-set", description = "Equipment profile (default: ${DEFAULT-VALUE}).")
    String profileId;

    @Option(names = "--seconds", defaultValue = "20", description = "How long, at most 600 (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || seconds > 600 || slaves < 1) {
            System.err.println("modbus-bare: --seconds 1..600, --slaves >= 1");
            return 2;
        }
        EquipmentProfile profile = ProfileCatalogue.builtIn().find(profileId).orElseThrow();
        List<ReadRequest> plan = RequestPlanner.plan(profile.points(), 16);
        List<ModbusTCPMaster> masters = new ArrayList<>();
        for (int i = 0; i < slaves; i++) {
            ModbusTCPMaster m = new ModbusTCPMaster("127.0.0.1", firstPort + i, 1000, false, false);
            m.connect();
            masters.add(m);
        }
        long polls = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            for (ModbusTCPMaster m : masters) {
                for (ReadRequest r : plan) {
                    read(m, r);
                }
                polls++;
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        masters.forEach(ModbusTCPMaster::disconnect);
        System.out.printf(Locale.ROOT, "{\"polls\": %d, \"seconds\": %.1f, \"pollsPerSecond\": %.0f}%n", polls, elapsed, polls / elapsed);
        return 0;
    }

    private static void read(ModbusTCPMaster m, ReadRequest r) throws Exception {
        if (r.table() == RegisterTable.COIL) {
            m.readCoils(1, r.start(), r.count());
        } else if (r.table() == RegisterTable.DISCRETE_INPUT) {
            m.readInputDiscretes(1, r.start(), r.count());
        } else if (r.table() == RegisterTable.HOLDING) {
            m.readMultipleRegisters(1, r.start(), r.count());
        } else {
            m.readInputRegisters(1, r.start(), r.count());
        }
    }
}

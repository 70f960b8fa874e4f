package io.dutyroom.simulators.modbus;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import io.dutyroom.adapters.modbus.ReadRequest;
import io.dutyroom.adapters.modbus.RegisterTable;
import io.dutyroom.adapters.modbus.RequestPlanner;
import io.dutyroom.adapters.profile.EquipmentProfile;
import io.dutyroom.adapters.profile.ProfileCatalogue;
import java.lang.management.ManagementFactory;
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
        long requests = 0;
        // CPU of the whole process over the loop alone (JIT and GC included), not start-up or connecting
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (ModbusTCPMaster m : masters) {
                for (ReadRequest r : plan) {
                    read(m, r);
                    requests++;
                }
                polls++;
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = cpuStart < 0 ? -1 : (processCpuNanos() - cpuStart) / 1e9;
        masters.forEach(ModbusTCPMaster::disconnect);
        // one JSON line for bench/modbus-poll.sh to read; CPU figures are -1 where the JVM cannot tell
        System.out.printf(Locale.ROOT, "{\"slaves\": %d, \"requestsPerPoll\": %d, \"polls\": %d, \"requests\": %d, \"seconds\": %.3f,"
                        + " \"pollsPerSecond\": %.1f, \"requestsPerSecond\": %.1f, \"cpuSeconds\": %.3f, \"cpuPercent\": %.1f}%n",
                slaves, plan.size(), polls, requests, elapsed, polls / elapsed, requests / elapsed, cpu, cpu < 0 ? -1 : 100 * cpu / elapsed);
        return 0;
    }

    /** CPU time of this JVM, all threads; -1 where the platform does not tell. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
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

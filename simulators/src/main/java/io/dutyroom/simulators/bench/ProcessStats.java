package io.dutyroom.simulators.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of processes from {@code /proc} (Linux): what each part of the
 * pipeline costs, since the publisher, the broker, the ingester and PostgreSQL share the cores.
 */
final class ProcessStats {
    /** USER_HZ: {@code /proc/<pid>/stat} counts CPU time in these ticks on every Linux we run on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessStats() {
    }

    /** User plus system CPU seconds of a process so far; 0 once it is gone. */
    static double cpuSeconds(long pid) {
        return cpuSeconds(pid, false);
    }

    /**
     * The same, with {@code children} also the time of its children that have ended: a PostgreSQL
     * backend that exits leaves its CPU time with the postmaster, so the sum over the server's
     * processes does not drop when a connection closes.
     */
    private static double cpuSeconds(long pid, boolean children) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name may hold spaces; the fields after it are fixed
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (children) {
                ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU seconds of every PostgreSQL process on the machine (server, backends, workers). */
    static double postgresCpuSeconds() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(ProcessStats::isPostgres)
                    .mapToDouble(p -> cpuSeconds(Long.parseLong(p.getFileName().toString()), true))
                    .sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean isPostgres(Path proc) {
        try {
            return Files.readString(proc.resolve("comm")).startsWith("postgres");
        } catch (IOException e) {
            return false;
        }
    }

    /** Resident memory in MiB; 0 once the process is gone. */
    static double residentMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }
}

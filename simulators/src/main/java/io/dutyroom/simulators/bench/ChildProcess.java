package io.dutyroom.simulators.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A process the benchmark starts: the hub, the bare pipeline, the peer or the broker. Its output
 * goes to a log file; {@link #start} returns once a line containing the ready marker appears.
 */
final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ChildProcess start(String name, List<String> command, Map<String, String> env, Path logDir, String readyMarker, Duration within)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        // a benchmark stopped with Ctrl-C or kill must not leave a hub or broker running behind it
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, name + "-reaper"));
        Path log = logDir.resolve(name + ".log");
        CountDownLatch ready = new CountDownLatch(readyMarker == null ? 0 : 1);
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.println(line);
                    if (readyMarker != null && line.contains(readyMarker)) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended; its log says why
            }
        }, name + "-log");
        pump.setDaemon(true);
        pump.start();
        ChildProcess child = new ChildProcess(name, process, log);
        if (!ready.await(within.toMillis(), TimeUnit.MILLISECONDS) || !process.isAlive()) {
            child.close();
            throw new IOException(name + " did not get ready within " + within + " (no \"" + readyMarker + "\"); see " + log);
        }
        return child;
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

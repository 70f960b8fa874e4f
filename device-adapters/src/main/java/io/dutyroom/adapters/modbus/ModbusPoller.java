package io.dutyroom.adapters.modbus;

import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.AbstractModbusMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.BitVector;
import io.dutyroom.adapters.TelemetrySink;
import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.DeviceStatus;
import io.dutyroom.adapters.model.Quality;
import io.dutyroom.adapters.model.Reading;
import io.dutyroom.adapters.model.ReadingBatch;
import io.dutyroom.adapters.modbus.internal.Gateway;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls Modbus TCP devices (directly or through gateways, TCP or RTU-over-TCP framing) on their
 * intervals and hands readings to the sink in the same {@code ReadingBatch}es MQTT produces.
 *
 * <p>Each connection has its own worker thread, so a slow or dead gateway delays only the devices
 * behind it. Reads are planned once per profile ({@link RequestPlanner}). A read that gets a Modbus
 * exception is counted and its points skipped, the rest of the poll is kept: the device answered.
 * A poll where nothing answered counts as a failure; after {@code commLossAfter} of them in a row
 * the device is reported offline ({@code comm-loss}), polled with capped back-off, and reported
 * online at its first good poll. A poll is skipped, and counted, while the previous one of the same
 * device is still running or its readings are not yet stored: nothing queues without bound.
 */
public final class ModbusPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusPoller.class);
    private static final int MAX_GAP = 16;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private final List<DeviceLoop> loops = new ArrayList<>();
    private final Map<String, Gateway> gateways = new HashMap<>();
    private final ScheduledExecutorService ticker;
    private final TelemetrySink sink;
    private final ModbusMetrics metrics;
    private final Clock clock;
    private volatile boolean closing;

    public ModbusPoller(List<PolledDevice> devices, TelemetrySink sink, ModbusMetrics metrics, Clock clock) {
        this.sink = sink;
        this.metrics = metrics;
        this.clock = clock;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "modbus-ticker");
            t.setDaemon(true);
            return t;
        });
        Map<String, List<ReadRequest>> plans = new HashMap<>();
        for (PolledDevice d : devices) {
            Gateway gateway = gateways.computeIfAbsent(d.endpoint().connection(), k -> new Gateway(d.endpoint()));
            List<ReadRequest> plan = plans.computeIfAbsent(d.profile().id(), k -> RequestPlanner.plan(d.profile().points(), MAX_GAP));
            loops.add(new DeviceLoop(d, gateway, plan));
        }
    }

    /** Starts polling; the first polls are spread over one interval so devices do not all fire at once. */
    public void start() {
        for (int i = 0; i < loops.size(); i++) {
            DeviceLoop loop = loops.get(i);
            long period = loop.device.interval().toNanos();
            long initial = loops.size() == 1 ? 0 : period * i / loops.size();
            loop.due = System.nanoTime() + initial;
            ticker.scheduleAtFixedRate(loop::tick, initial, period, TimeUnit.NANOSECONDS);
        }
    }

    public int devices() {
        return loops.size();
    }

    /**
     * Writes one point of a polled device, through the device's connection, between its polls: a
     * coil with function 5, a 16-bit holding register with 6, a 32-bit value with 16 (several coils
     * at once: {@link #writeCoils}, function 15). Completes when
     * the device confirmed; fails with a message for an unknown device or point, a read-only point,
     * a value the encoding cannot hold, or a device that does not answer.
     */
    public CompletableFuture<Void> write(DeviceId device, String point, double value) {
        DeviceLoop loop = loops.stream().filter(l -> l.device.device().equals(device)).findFirst().orElse(null);
        if (loop == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("device " + device + " is not polled over Modbus"));
        }
        ModbusRegister register = loop.device.profile().point(point).flatMap(p -> p.register()).orElse(null);
        if (register == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("device " + device + " has no Modbus point '" + point + "'"));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable command;
        try {
            int unit = loop.device.endpoint().unitId();
            int timeout = (int) loop.device.timeout().toMillis();
            if (register.table() == RegisterTable.COIL) {
                boolean on = RegisterEncoder.encodeBit(register, value);
                command = () -> run(loop, done, () -> loop.gateway.master(timeout).writeCoil(unit, register.address(), on));
            } else {
                int[] words = RegisterEncoder.encode(register, loop.device.effectiveWordOrder(register), value);
                command = () -> run(loop, done, () -> {
                    if (words.length == 1) {
                        loop.gateway.master(timeout).writeSingleRegister(unit, register.address(), new SimpleRegister(words[0]));
                    } else {
                        loop.gateway.master(timeout).writeMultipleRegisters(unit, register.address(),
                                new Register[] {new SimpleRegister(words[0]), new SimpleRegister(words[1])});
                    }
                    return null;
                });
            }
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(device + "." + point + ": " + e.getMessage(), e));
        }
        return submit(loop, command, done);
    }

    private CompletableFuture<Void> submit(DeviceLoop loop, Runnable command, CompletableFuture<Void> done) {
        try {
            loop.gateway.worker().execute(command);
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new IllegalStateException("the Modbus poller is stopped"));
        }
        return done;
    }

    /**
     * Writes several coils of a polled device in one request (function 15). The coils must be
     * neighbours (consecutive addresses), as one request covers one range.
     */
    public CompletableFuture<Void> writeCoils(DeviceId device, Map<String, Boolean> states) {
        DeviceLoop loop = loops.stream().filter(l -> l.device.device().equals(device)).findFirst().orElse(null);
        if (loop == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("device " + device + " is not polled over Modbus"));
        }
        TreeMap<Integer, Boolean> byAddress = new TreeMap<>();
        for (Map.Entry<String, Boolean> e : states.entrySet()) {
            ModbusRegister r = loop.device.profile().point(e.getKey()).flatMap(p -> p.register()).orElse(null);
            if (r == null || r.table() != RegisterTable.COIL) {
                return CompletableFuture.failedFuture(new IllegalArgumentException(device + "." + e.getKey() + " is not a coil"));
            }
            byAddress.put(r.address(), e.getValue());
        }
        if (byAddress.isEmpty() || byAddress.lastKey() - byAddress.firstKey() + 1 != byAddress.size()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("coils written together must be neighbours, were at " + byAddress.keySet()));
        }
        BitVector bits = new BitVector(byAddress.size());
        int i = 0;
        for (boolean on : byAddress.values()) {
            bits.setBit(i++, on);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        int unit = loop.device.endpoint().unitId();
        int timeout = (int) loop.device.timeout().toMillis();
        return submit(loop, () -> run(loop, done, () -> {
            loop.gateway.master(timeout).writeMultipleCoils(unit, byAddress.firstKey(), bits);
            return null;
        }), done);
    }

    private void run(DeviceLoop loop, CompletableFuture<Void> done, Callable<?> write) {
        if (closing) {
            done.completeExceptionally(new IllegalStateException("the Modbus poller is stopped"));
            return;
        }
        try {
            write.call();
            done.complete(null);
        } catch (Exception e) {
            if (!(e instanceof ModbusSlaveException)) {
                loop.gateway.reset();
            }
            done.completeExceptionally(new IllegalStateException("write to " + loop.device.device() + " failed: " + e.getMessage(), e));
        }
    }

    /** Stops polling; queued polls and writes end at once (writes fail), all connections close within 5 s together. */
    @Override
    public void close() {
        closing = true;
        ticker.shutdownNow();
        gateways.values().forEach(Gateway::shutdown);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        gateways.values().forEach(g -> g.awaitTermination(deadline));
    }

    /** One device's schedule and failure state. Fields are touched by the ticker and the device's gateway worker, one at a time. */
    private final class DeviceLoop {
        final PolledDevice device;
        final Gateway gateway;
        final List<ReadRequest> plan;
        final AtomicBoolean busy = new AtomicBoolean();
        volatile long due;
        volatile int failures;
        volatile boolean commLoss;
        volatile int skipTicks; // polls to skip while backing off; counted in ticks, immune to clock jumps

        DeviceLoop(PolledDevice device, Gateway gateway, List<ReadRequest> plan) {
            this.device = device;
            this.gateway = gateway;
            this.plan = plan;
        }

        void tick() {
            try {
                long scheduled = due;
                due = scheduled + device.interval().toNanos();
                if (skipTicks > 0) {
                    skipTicks--; // backing off after failures
                    return;
                }
                if (!busy.compareAndSet(false, true)) {
                    metrics.skipped(device.device());
                    return;
                }
                gateway.worker().execute(() -> {
                    try {
                        if (closing) {
                            busy.set(false);
                            return;
                        }
                        metrics.lateness(device.device(), Math.max(0, System.nanoTime() - scheduled));
                        poll();
                    } catch (RuntimeException e) {
                        LOG.error("[modbus {} {}] poll failed unexpectedly", device.site(), device.device(), e);
                        busy.set(false);
                    }
                });
            } catch (RejectedExecutionException e) {
                busy.set(false); // stopping
            } catch (RuntimeException e) {
                // a failing tick must not cancel the device's schedule
                LOG.error("[modbus {} {}] tick failed", device.site(), device.device(), e);
                busy.set(false);
            }
        }

        /** Gateway worker thread. */
        void poll() {
            long started = System.nanoTime();
            Instant at = clock.instant();
            List<Reading> readings = new ArrayList<>();
            int answered = 0;
            int timeoutMillis = (int) device.timeout().toMillis();
            for (ReadRequest request : plan) {
                try {
                    AbstractModbusMaster master = gateway.master(timeoutMillis);
                    read(master, request, at, readings);
                    answered++;
                } catch (ModbusSlaveException e) {
                    answered++; // the device answered, with an exception for this range
                    metrics.failure(device.device(), "exception_" + e.getType());
                    LOG.debug("[modbus {} {}] {} {}+{}: exception {}", device.site(), device.device(), request.table(), request.start(), request.count(), e.getType());
                } catch (Exception e) {
                    metrics.failure(device.device(), isTimeout(e) ? "timeout" : "io");
                    gateway.reset();
                    break; // the connection is gone; the rest of this poll would fail the same way
                }
            }
            boolean ok = answered == plan.size();
            metrics.poll(device.device(), System.nanoTime() - started, ok);
            if (answered > 0) {
                recovered(at);
            } else {
                failed(at);
            }
            if (readings.isEmpty()) {
                busy.set(false);
                return;
            }
            sink.accept(new ReadingBatch(device.site(), device.device(), readings)).whenComplete((v, err) -> busy.set(false));
        }

        private void read(AbstractModbusMaster master, ReadRequest request, Instant at, List<Reading> out) throws Exception {
            int unit = device.endpoint().unitId();
            switch (request.table()) {
                case COIL, DISCRETE_INPUT -> {
                    BitVector bits = request.table() == RegisterTable.COIL
                            ? master.readCoils(unit, request.start(), request.count())
                            : master.readInputDiscretes(unit, request.start(), request.count());
                    for (ReadRequest.PlannedPoint p : request.points()) {
                        double value = RegisterDecoder.decodeBit(p.register(), bits.getBit(p.register().address() - request.start()));
                        out.add(new Reading(device.device(), p.point(), at, value, Quality.GOOD));
                    }
                }
                case HOLDING, INPUT -> {
                    InputRegister[] registers = request.table() == RegisterTable.HOLDING
                            ? master.readMultipleRegisters(unit, request.start(), request.count())
                            : master.readInputRegisters(unit, request.start(), request.count());
                    int[] words = new int[registers.length];
                    for (int i = 0; i < registers.length; i++) {
                        words[i] = registers[i].toUnsignedShort();
                    }
                    for (ReadRequest.PlannedPoint p : request.points()) {
                        double value = RegisterDecoder.decode(p.register(), device.effectiveWordOrder(p.register()), words, p.register().address() - request.start());
                        out.add(new Reading(device.device(), p.point(), at, value, Quality.GOOD));
                    }
                }
            }
        }

        private void recovered(Instant at) {
            failures = 0;
            skipTicks = 0;
            if (commLoss) {
                commLoss = false;
                LOG.info("[modbus {} {}] answering again", device.site(), device.device());
                sink.accept(new DeviceStatus(device.site(), device.device(), at, true, DeviceStatus.ANSWERING));
            }
        }

        private void failed(Instant at) {
            failures++;
            if (failures >= device.commLossAfter()) {
                long factor = 1L << Math.min(10, failures - device.commLossAfter());
                long maxFactor = Math.max(1, MAX_BACKOFF.toNanos() / device.interval().toNanos());
                skipTicks = (int) Math.min(factor, maxFactor) - 1;
                if (!commLoss) {
                    commLoss = true;
                    LOG.warn("[modbus {} {}] no answer from {} unit {} in {} polls: comm-loss", device.site(), device.device(),
                            device.endpoint().connection(), device.endpoint().unitId(), failures);
                    sink.accept(new DeviceStatus(device.site(), device.device(), at, false, DeviceStatus.COMM_LOSS));
                }
            }
        }

        private boolean isTimeout(Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SocketTimeoutException || (t instanceof ModbusIOException io && String.valueOf(io.getMessage()).contains("imed out"))) {
                    return true;
                }
            }
            return false;
        }
    }
}

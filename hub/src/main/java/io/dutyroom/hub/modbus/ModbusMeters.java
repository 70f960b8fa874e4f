package io.dutyroom.hub.modbus;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.modbus.ModbusMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** The Modbus adapter's meters. Failures are counted per device and reason; the rest per hub. */
public final class ModbusMeters implements ModbusMetrics {
    public static final String POLLS = "dutyroom.modbus.polls";
    public static final String POLL = "dutyroom.modbus.poll.duration";
    public static final String FAILURES = "dutyroom.modbus.failures";
    public static final String SKIPPED = "dutyroom.modbus.polls.skipped";
    public static final String LATENESS = "dutyroom.modbus.poll.lateness";

    private final MeterRegistry registry;
    private final Counter ok;
    private final Counter partial;
    private final Timer duration;
    private final Counter skipped;
    private final Timer lateness;

    public ModbusMeters(MeterRegistry registry) {
        this.registry = registry;
        ok = Counter.builder(POLLS).tag("result", "ok").description("Polls by result").register(registry);
        partial = Counter.builder(POLLS).tag("result", "incomplete").description("Polls by result").register(registry);
        duration = Timer.builder(POLL).description("Time to poll one device").publishPercentiles(0.5, 0.99).register(registry);
        skipped = Counter.builder(SKIPPED).description("Polls skipped because the previous one was still running or unstored").register(registry);
        lateness = Timer.builder(LATENESS).description("How late polls start after they are due").publishPercentiles(0.5, 0.99).register(registry);
    }

    @Override
    public void poll(DeviceId device, long nanos, boolean complete) {
        (complete ? ok : partial).increment();
        duration.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void failure(DeviceId device, String reason) {
        Counter.builder(FAILURES).tag("device", device.value()).tag("reason", reason)
                .description("Failed Modbus reads by device and reason").register(registry).increment();
    }

    @Override
    public void skipped(DeviceId device) {
        skipped.increment();
    }

    @Override
    public void lateness(DeviceId device, long nanos) {
        lateness.record(nanos, TimeUnit.NANOSECONDS);
    }
}

package io.dutyroom.adapters.bench;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.ReadingBatch;
import io.dutyroom.adapters.model.SiteId;
import io.dutyroom.adapters.modbus.Encoding;
import io.dutyroom.adapters.modbus.ModbusRegister;
import io.dutyroom.adapters.modbus.RegisterDecoder;
import io.dutyroom.adapters.modbus.RegisterTable;
import io.dutyroom.adapters.modbus.WordOrder;
import io.dutyroom.adapters.mqtt.Decoded;
import io.dutyroom.adapters.mqtt.PayloadDecoder;
import io.dutyroom.adapters.mqtt.PayloadLimits;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The per-message and per-register costs on the ingest hot path. Run with bench/jmh.sh. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodingBenchmark {
    private final PayloadDecoder decoder = new PayloadDecoder(PayloadLimits.DEFAULTS, Clock.systemUTC());
    private final SiteId site = SiteId.of("riverside");
    private final DeviceId device = DeviceId.of("t1-water-pumps");
    private final byte[] oneValue = "{\"values\": {\"outlet_pressure\": 0.42}}".getBytes(StandardCharsets.UTF_8);
    private final byte[] tenValues = ("{\"ts\": " + System.currentTimeMillis() + ", \"values\": {\"a\": 1.5, \"b\": 2, \"c\": true, \"d\": 0.001,"
            + " \"e\": 230.4, \"f\": 231.1, \"g\": 229.8, \"h\": 12.5, \"i\": false, \"j\": 50.01}}").getBytes(StandardCharsets.UTF_8);
    private final ModbusRegister float32 = new ModbusRegister(RegisterTable.HOLDING, 0, Encoding.FLOAT32, null, null, null, null);
    private final ModbusRegister scaled = new ModbusRegister(RegisterTable.HOLDING, 2, Encoding.UINT16, null, null, 0.1, null);
    private final int[] words = {0x4366, 0x4000, 2305};

    @Benchmark
    public Decoded<ReadingBatch> mqttOneValue() {
        return decoder.telemetry(site, device, oneValue, "t");
    }

    @Benchmark
    public Decoded<ReadingBatch> mqttTenValues() {
        return decoder.telemetry(site, device, tenValues, "t");
    }

    @Benchmark
    public double modbusFloat32Cdab() {
        return RegisterDecoder.decode(float32, WordOrder.CDAB, words, 0);
    }

    @Benchmark
    public double modbusScaledUint16() {
        return RegisterDecoder.decode(scaled, WordOrder.ABCD, words, 2);
    }
}

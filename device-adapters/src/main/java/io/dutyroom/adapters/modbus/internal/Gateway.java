package io.dutyroom.adapters.modbus.internal;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.facade.AbstractModbusMaster;
import com.ghgande.j2mod.modbus.facade.ModbusSerialMaster;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import io.dutyroom.adapters.modbus.SerialLine;
import io.dutyroom.adapters.modbus.ModbusEndpoint;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One connection to Modbus devices (TCP to a device or gateway, or a serial line), used by every
 * unit id on it, with the one thread that talks over it: a gateway or an RS-485 bus answers one
 * request at a time, so requests through one connection are serialised here and never block
 * anything else.
 */
public final class Gateway implements AutoCloseable {
    private final ModbusEndpoint endpoint;
    private final ExecutorService worker;
    private AbstractModbusMaster master; // touched only by the worker thread

    public Gateway(ModbusEndpoint endpoint) {
        this.endpoint = endpoint;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "modbus-" + endpoint.connection());
            t.setDaemon(true);
            return t;
        });
    }

    public ExecutorService worker() {
        return worker;
    }

    /** The connected master; connects (again) when needed. Worker thread only. */
    public AbstractModbusMaster master(int timeoutMillis) throws Exception {
        if (master == null) {
            AbstractModbusMaster m = endpoint.serial().isPresent()
                    ? new ModbusSerialMaster(parameters(endpoint.serial().get()), timeoutMillis)
                    : new ModbusTCPMaster(endpoint.host(), endpoint.port(), timeoutMillis, false, endpoint.rtuOverTcp());
            m.connect();
            m.setRetries(1); // j2mod retries 5 times by default, reconnecting between: one timeout must mean one timeout
            master = m;
        }
        master.setTimeout(timeoutMillis);
        return master;
    }

    private static SerialParameters parameters(SerialLine line) {
        SerialParameters p = new SerialParameters();
        p.setPortName(line.device());
        p.setBaudRate(line.baud());
        p.setDatabits(line.dataBits());
        p.setParity(line.parity());
        p.setStopbits(line.stopBits());
        p.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        p.setEcho(false);
        return p;
    }

    /** Drops the connection after an error; the next request reconnects. Worker thread only. */
    public void reset() {
        if (master != null) {
            master.disconnect();
            master = null;
        }
    }

    /** Stops taking work and drops the connection once what is queued has run (queued work checks {@code closing} and returns at once). */
    public void shutdown() {
        try {
            worker.execute(this::reset);
        } catch (RejectedExecutionException e) {
            // already shut down
        }
        worker.shutdown();
    }

    /** Waits for the worker until {@code deadlineNanos} ({@link System#nanoTime()}), then interrupts it. */
    public void awaitTermination(long deadlineNanos) {
        try {
            if (!worker.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        shutdown();
        awaitTermination(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
    }
}

package io.dutyroom.adapters.modbus.internal;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import io.dutyroom.adapters.modbus.ModbusEndpoint;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One TCP connection to a Modbus device or gateway, used by every unit id behind it, with the one
 * thread that talks over it: Modbus TCP gateways answer one request at a time, so requests through
 * one connection are serialised here and never block anything else.
 */
public final class Gateway implements AutoCloseable {
    private final ModbusEndpoint endpoint;
    private final ExecutorService worker;
    private ModbusTCPMaster master; // touched only by the worker thread

    public Gateway(ModbusEndpoint endpoint) {
        this.endpoint = endpoint;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "modbus-" + endpoint.host() + ":" + endpoint.port());
            t.setDaemon(true);
            return t;
        });
    }

    public ExecutorService worker() {
        return worker;
    }

    /** The connected master; connects (again) when needed. Worker thread only. */
    public ModbusTCPMaster master(int timeoutMillis) throws Exception {
        if (master == null) {
            ModbusTCPMaster m = new ModbusTCPMaster(endpoint.host(), endpoint.port(), timeoutMillis, false, endpoint.rtuOverTcp());
            m.connect();
            master = m;
        }
        master.setTimeout(timeoutMillis);
        return master;
    }

    /** Drops the connection after an error; the next request reconnects. Worker thread only. */
    public void reset() {
        if (master != null) {
            master.disconnect();
            master = null;
        }
    }

    @Override
    public void close() {
        worker.submit(this::reset);
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

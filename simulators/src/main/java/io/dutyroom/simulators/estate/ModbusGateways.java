package io.dutyroom.simulators.estate;

import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalIn;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import io.dutyroom.adapters.modbus.Encoding;
import io.dutyroom.adapters.modbus.ModbusRegister;
import io.dutyroom.adapters.modbus.RegisterEncoder;
import io.dutyroom.adapters.modbus.RegisterTable;
import io.dutyroom.adapters.profile.EquipmentProfile;
import io.dutyroom.adapters.profile.PointDefinition;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated estate's polled equipment: one j2mod TCP slave per gateway port, one register image
 * per unit id behind it, rewritten from the device's model every tick through its profile's register
 * map. A gateway can be taken down and brought back, as a fault.
 */
final class ModbusGateways implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusGateways.class);

    private final Map<Integer, Map<Integer, SimpleProcessImage>> images = new HashMap<>();
    private final Map<Integer, ModbusSlave> slaves = new HashMap<>();
    /** Gateways that listen elsewhere than the estate file says, because its port was taken: file's port → actual. */
    private final Map<Integer, Integer> moved = new HashMap<>();

    /** Creates the image of one device; its gateway opens at {@link #open()}. */
    SimpleProcessImage add(SimulatedDevice.ModbusAddress address, EquipmentProfile profile) {
        int size = 1;
        for (PointDefinition p : profile.polledPoints()) {
            size = Math.max(size, p.modbus().end());
        }
        SimpleProcessImage image = new AtomicImage(address.unitId());
        for (int a = 0; a < size; a++) {
            image.addRegister(new SimpleRegister(0));
            image.addInputRegister(new SimpleInputRegister(0));
            image.addDigitalOut(new SimpleDigitalOut(false));
            image.addDigitalIn(new SimpleDigitalIn(false));
        }
        images.computeIfAbsent(address.port(), p -> new HashMap<>()).put(address.unitId(), image);
        return image;
    }

    /**
     * Opens every gateway. One whose port is taken (a second demo on the machine, say) opens on a
     * free port instead, and {@link #moved()} says where, so the hub can be told; one that cannot
     * open at all is logged and left down, the rest run.
     */
    void open() {
        for (int port : images.keySet()) {
            try {
                up(port);
            } catch (Exception taken) {
                try {
                    synchronized (this) {
                        moved.put(port, freePort());
                    }
                    up(port);
                    LOG.info("port {} is taken: the simulated Modbus gateway for it listens on 127.0.0.1:{}", port, moved.get(port));
                } catch (Exception e) {
                    LOG.error("simulated Modbus gateway on 127.0.0.1:{} could not open ({}); its devices stay silent", port, e.getMessage());
                }
            }
        }
    }

    /** Gateways listening on another port than the estate file gives: the file's port → the one they listen on. */
    synchronized Map<Integer, Integer> moved() {
        return Map.copyOf(moved);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Starts (again) the gateway on {@code port}. */
    synchronized void up(int port) throws Exception {
        if (slaves.containsKey(port)) {
            return;
        }
        ModbusSlave slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), moved.getOrDefault(port, port), 2, false);
        images.get(port).forEach(slave::addProcessImage);
        try {
            slave.open();
        } catch (Exception e) {
            ModbusSlaveFactory.close(slave); // j2mod keeps the slave registered by port until closed
            throw e;
        }
        slaves.put(port, slave);
        LOG.info("simulated Modbus gateway on 127.0.0.1:{} with units {}", moved.getOrDefault(port, port), images.get(port).keySet());
    }

    /** The gateway on {@code port} stops answering. */
    synchronized void down(int port) {
        ModbusSlave slave = slaves.remove(port);
        if (slave != null) {
            ModbusSlaveFactory.close(slave);
        }
    }

    /** Writes a model's values into its image, each point by its register map, all in one step for readers. */
    static void write(SimpleProcessImage image, EquipmentProfile profile, Map<String, Object> values) {
        synchronized (image) {
            writeLocked(image, profile, values);
        }
    }

    private static void writeLocked(SimpleProcessImage image, EquipmentProfile profile, Map<String, Object> values) {
        for (PointDefinition p : profile.polledPoints()) {
            Object v = values.get(p.name());
            if (v == null) {
                continue;
            }
            double value = v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).doubleValue();
            ModbusRegister r = p.modbus();
            try {
                if (r.table() == RegisterTable.COIL) {
                    image.getDigitalOut(r.address()).set(value != 0);
                } else if (r.table() == RegisterTable.DISCRETE_INPUT) {
                    ((SimpleDigitalIn) image.getDigitalIn(r.address())).set(value != 0);
                } else if (r.encoding() == Encoding.BIT) {
                    int word = r.table() == RegisterTable.INPUT ? image.getInputRegister(r.address()).getValue() : image.getRegister(r.address()).getValue();
                    int mask = 1 << r.bit();
                    setWord(image, r, 0, value != 0 ? word | mask : word & ~mask);
                } else {
                    ModbusRegister asHolding = new ModbusRegister(RegisterTable.HOLDING, r.address(), r.encoding(), null, r.wordOrder(), r.scale(), r.offset());
                    int[] words = RegisterEncoder.encode(asHolding, r.wordOrder() != null ? r.wordOrder() : profile.wordOrder(), value);
                    for (int i = 0; i < words.length; i++) {
                        setWord(image, r, i, words[i]);
                    }
                }
            } catch (RuntimeException e) {
                LOG.debug("simulated {}: {} not representable: {}", profile.id(), p.name(), e.getMessage());
            }
        }
    }

    private static void setWord(SimpleProcessImage image, ModbusRegister r, int offset, int word) {
        if (r.table() == RegisterTable.INPUT) {
            ((SimpleInputRegister) image.getInputRegister(r.address() + offset)).setValue(word);
        } else {
            image.getRegister(r.address() + offset).setValue(word);
        }
    }

    @Override
    public synchronized void close() {
        slaves.values().forEach(ModbusSlaveFactory::close);
        slaves.clear();
    }

    /** A register image whose ranges are read under the same lock the simulator writes under: no torn 32-bit values. */
    private static final class AtomicImage extends SimpleProcessImage {
        AtomicImage(int unit) {
            super(unit);
        }

        @Override
        public Register[] getRegisterRange(int offset, int count) {
            synchronized (this) {
                return super.getRegisterRange(offset, count);
            }
        }

        @Override
        public InputRegister[] getInputRegisterRange(int offset, int count) {
            synchronized (this) {
                return super.getInputRegisterRange(offset, count);
            }
        }
    }
}

package io.dutyroom.adapters.modbus;

import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalIn;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

/**
 * A real Modbus TCP slave (j2mod's) on a free loopback port, holding a register image a test writes
 * into: the device side of the wire. It can answer slowly, like a busy gateway.
 */
final class ModbusSlaveFixture implements AutoCloseable {
    final int port;
    final int unitId;
    final SimpleProcessImage image;
    private final boolean rtuOverTcp;
    private ModbusSlave slave;

    ModbusSlaveFixture(int unitId, int size, Duration answerDelay) throws Exception {
        this(unitId, size, answerDelay, false);
    }

    ModbusSlaveFixture(int unitId, int size, Duration answerDelay, boolean rtuOverTcp) throws Exception {
        this.rtuOverTcp = rtuOverTcp;
        this.port = freePort();
        this.unitId = unitId;
        this.image = answerDelay.isZero() ? new SimpleProcessImage(unitId) : new SlowImage(unitId, answerDelay);
        for (int i = 0; i < size; i++) {
            image.addRegister(new SimpleRegister(0));
            image.addInputRegister(new SimpleInputRegister(0));
            image.addDigitalOut(new SimpleDigitalOut(false));
            image.addDigitalIn(new SimpleDigitalIn(false));
        }
        start();
    }

    void start() throws Exception {
        slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 4, rtuOverTcp);
        slave.addProcessImage(unitId, image);
        slave.open();
    }

    /** The device stops answering: its port closes. */
    void stop() {
        ModbusSlaveFactory.close(slave);
    }

    ModbusEndpoint endpoint() {
        return new ModbusEndpoint("127.0.0.1", port, unitId, false);
    }

    void holding(int address, int value) {
        image.getRegister(address).setValue(value);
    }

    void holding32(int address, int bits, WordOrder order) {
        int[] words = order.split(bits);
        holding(address, words[0]);
        holding(address + 1, words[1]);
    }

    void input(int address, int value) {
        ((SimpleInputRegister) image.getInputRegister(address)).setValue(value);
    }

    void coil(int address, boolean value) {
        image.getDigitalOut(address).set(value);
    }

    void discrete(int address, boolean value) {
        ((SimpleDigitalIn) image.getDigitalIn(address)).set(value);
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A slave that takes its time over every register read, as an overloaded gateway does. */
    private static final class SlowImage extends SimpleProcessImage {
        private final Duration delay;

        SlowImage(int unitId, Duration delay) {
            super(unitId);
            this.delay = delay;
        }

        @Override
        public synchronized Register[] getRegisterRange(int offset, int count) {
            pause();
            return super.getRegisterRange(offset, count);
        }

        @Override
        public synchronized InputRegister[] getInputRegisterRange(int offset, int count) {
            pause();
            return super.getInputRegisterRange(offset, count);
        }

        private void pause() {
            try {
                Thread.sleep(delay.toMillis()); // the simulated device's own slowness, not test timing
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

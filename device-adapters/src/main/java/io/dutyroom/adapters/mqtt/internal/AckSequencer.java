package io.dutyroom.adapters.mqtt.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;

/**
 * The window of messages received but not yet finished, and their acknowledgements.
 *
 * <p>Acknowledgements of QoS 1/2 messages are sent in the order the messages arrived, as MQTT 5
 * §4.6 requires, even though messages become durable (or are rejected) in a different order. A
 * message that will not be acknowledged (the hub could not take it) is passed over; the broker
 * redelivers it after reconnect.
 *
 * <p>The window is bounded: {@link #register} waits while {@code window} messages are unfinished.
 * Brokers do not all honour the receive maximum the client announces, so the bound is enforced
 * here: while Paho's callback thread waits, Paho stops reading the socket and TCP pushes back to
 * the broker, which keeps the messages. Slots of a lost connection leave the acknowledgement queue
 * on {@link #reset()} (their packet ids mean nothing to the next connection) but keep their room
 * until they finish: the broker redelivers them, and the copies still being processed must count.
 */
public final class AckSequencer {

    /** Sends one acknowledgement to the broker. Called with the sequencer's lock held, so it must not block. */
    @FunctionalInterface
    public interface Acknowledger {
        void acknowledge(int messageId, int qos);
    }

    /** One arrived message waiting for its outcome. */
    public static final class Slot {
        private final int messageId;
        private final int qos;
        private final long generation;
        private boolean done;
        private boolean acknowledge;
        private boolean released;

        private Slot(int messageId, int qos, long generation) {
            this.messageId = messageId;
            this.qos = qos;
            this.generation = generation;
        }
    }

    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    private final Acknowledger acknowledger;
    private final Semaphore room;
    private long generation;
    private int unfinished;

    public AckSequencer(Acknowledger acknowledger, int window) {
        this.acknowledger = acknowledger;
        this.room = new Semaphore(window);
    }

    /** Takes a place in the window for an arrived message, waiting while the window is full. */
    public Slot register(int messageId, int qos) throws InterruptedException {
        room.acquire();
        synchronized (this) {
            Slot slot = new Slot(messageId, qos, generation);
            slots.addLast(slot);
            unfinished++;
            return slot;
        }
    }

    /** Records the outcome, gives back its room and sends every acknowledgement now due, in arrival order. */
    public synchronized void complete(Slot slot, boolean acknowledge) {
        release(slot);
        if (slot.generation != generation) {
            return;
        }
        slot.done = true;
        slot.acknowledge = acknowledge;
        while (!slots.isEmpty() && slots.peekFirst().done) {
            Slot head = slots.pollFirst();
            if (head.acknowledge && head.qos > 0) {
                acknowledger.acknowledge(head.messageId, head.qos);
            }
        }
    }

    /** The connection was lost: stop acknowledging every pending slot; each gives its room back when it finishes. */
    public synchronized void reset() {
        slots.clear();
        generation++;
    }

    /** Waits until no message is unfinished, or the timeout passes; true when idle. For shutdown. */
    public synchronized boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (unfinished > 0) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** Messages received and not yet finished, of this connection and earlier ones. */
    public synchronized int pending() {
        return unfinished;
    }

    private void release(Slot slot) {
        if (!slot.released) {
            slot.released = true;
            room.release();
            unfinished--;
            if (unfinished == 0) {
                notifyAll();
            }
        }
    }
}

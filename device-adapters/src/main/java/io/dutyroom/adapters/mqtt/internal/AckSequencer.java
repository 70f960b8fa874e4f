package io.dutyroom.adapters.mqtt.internal;

import java.util.ArrayDeque;

/**
 * Sends QoS 1/2 acknowledgements in the order the messages arrived, as MQTT 5 §4.6 requires, even
 * though messages become durable (or are rejected) in a different order. A message that will not be
 * acknowledged (the hub could not take it) is passed over; the broker redelivers it after reconnect.
 *
 * <p>Slots of an earlier connection are dropped on {@link #reset()}: their packet ids mean nothing to
 * the new connection.
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

        private Slot(int messageId, int qos, long generation) {
            this.messageId = messageId;
            this.qos = qos;
            this.generation = generation;
        }
    }

    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    private final Acknowledger acknowledger;
    private long generation;

    public AckSequencer(Acknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    public synchronized Slot register(int messageId, int qos) {
        Slot slot = new Slot(messageId, qos, generation);
        slots.addLast(slot);
        return slot;
    }

    /** Records the outcome and sends every acknowledgement that is now due, in arrival order. */
    public synchronized void complete(Slot slot, boolean acknowledge) {
        if (slot.generation != generation) {
            return;
        }
        slot.done = true;
        slot.acknowledge = acknowledge;
        while (!slots.isEmpty() && slots.peekFirst().done) {
            Slot head = slots.pollFirst();
            if (head.acknowledge) {
                acknowledger.acknowledge(head.messageId, head.qos);
            }
        }
    }

    /** The connection was lost: forget every pending slot. */
    public synchronized void reset() {
        slots.clear();
        generation++;
    }

    public synchronized int pending() {
        return slots.size();
    }
}

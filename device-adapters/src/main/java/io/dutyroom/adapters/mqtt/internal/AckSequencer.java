package io.dutyroom.adapters.mqtt.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

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
 *
 * <p>A finished message is not the end of it: its acknowledgement waits in the MQTT client's outbox
 * until the client's sender writes it. A broker that honours the receive maximum cannot send more
 * while acknowledgements wait, but Mosquitto 2.0 does not when it has queued messages for us (each
 * in-order acknowledgement releases up to a receive maximum of them, docs/mqtt.md), and the Paho
 * outbox is unbounded: a sender that fell behind once fell further behind with every message. So
 * {@link #register} also waits while the outbox holds more than {@code window} acknowledgements;
 * the hub holds at most {@code window} unfinished messages plus about {@code window}
 * acknowledgements, and the broker holds the rest.
 */
public final class AckSequencer {

    /** Sends one acknowledgement to the broker. Called with the sequencer's lock held, so it must not block. */
    @FunctionalInterface
    public interface Acknowledger {
        void acknowledge(int messageId, int qos);
    }

    /** Acknowledgements handed to the MQTT client and not yet written to the connection. */
    @FunctionalInterface
    public interface Outbox {
        int unsent();

        Outbox NONE = () -> 0;
    }

    /** Reading the outbox costs more than a message: it is looked at every this many registrations. */
    static final int OUTBOX_CHECK_EVERY = 32;
    private static final long OUTBOX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

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
    private final Outbox outbox;
    private final int outboxLimit;
    private long generation;
    private int unfinished;
    private int sinceOutboxCheck; // the registering thread only
    private long lastProgressNanos = System.nanoTime(); // guarded by this
    private volatile int outboxHighWater;

    public AckSequencer(Acknowledger acknowledger, int window) {
        this(acknowledger, window, Outbox.NONE);
    }

    public AckSequencer(Acknowledger acknowledger, int window, Outbox outbox) {
        this.acknowledger = acknowledger;
        this.room = new Semaphore(window);
        this.outbox = outbox;
        this.outboxLimit = window;
    }

    /**
     * Takes a place in the window for an arrived message, waiting while the window is full or the
     * client's outbox holds more than a window of acknowledgements. Called by one thread (the
     * client's callback thread), whose waiting is the back-pressure: the client stops reading.
     */
    public Slot register(int messageId, int qos) throws InterruptedException {
        room.acquire();
        try {
            awaitOutbox();
        } catch (InterruptedException e) {
            room.release();
            throw e;
        }
        synchronized (this) {
            Slot slot = new Slot(messageId, qos, generation);
            slots.addLast(slot);
            if (unfinished++ == 0) {
                lastProgressNanos = System.nanoTime(); // the clock of a stall starts with something to finish
            }
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

    /**
     * Waits while the outbox is over its limit. The client says nothing when it writes an
     * acknowledgement, so the outbox is polled: every millisecond while it is over, every
     * {@value #OUTBOX_CHECK_EVERY} registrations otherwise.
     */
    private void awaitOutbox() throws InterruptedException {
        if (++sinceOutboxCheck < OUTBOX_CHECK_EVERY) {
            return;
        }
        sinceOutboxCheck = 0;
        int unsent;
        while ((unsent = outbox.unsent()) > outboxLimit) {
            noteOutbox(unsent);
            LockSupport.parkNanos(this, OUTBOX_POLL_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        noteOutbox(unsent);
    }

    private void noteOutbox(int unsent) {
        if (unsent > outboxHighWater) {
            outboxHighWater = unsent;
        }
    }

    /** The most acknowledgements seen waiting in the client's outbox (sampled); for tests and metrics. */
    public int outboxHighWater() {
        return outboxHighWater;
    }

    /**
     * How long messages have been waiting with none finishing: 0 when none waits. A stalled ingest
     * (a writer that cannot write, a hub out of breath) shows here before anything else.
     */
    public synchronized long stalledNanos() {
        return unfinished == 0 ? 0 : System.nanoTime() - lastProgressNanos;
    }

    /** Messages received and not yet finished, of this connection and earlier ones. */
    public synchronized int pending() {
        return unfinished;
    }

    private void release(Slot slot) {
        if (!slot.released) {
            slot.released = true;
            lastProgressNanos = System.nanoTime();
            room.release();
            unfinished--;
            if (unfinished == 0) {
                notifyAll();
            }
        }
    }
}

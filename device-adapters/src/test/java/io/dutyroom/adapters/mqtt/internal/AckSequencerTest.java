package io.dutyroom.adapters.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class AckSequencerTest {
    private final List<Integer> sent = new ArrayList<>();
    private final AckSequencer acks = new AckSequencer((id, qos) -> sent.add(id), 2);

    @Test
    void theWindowIsBoundedAndRoomComesBackAsMessagesFinish() throws Exception {
        var first = acks.register(1, 1);
        acks.register(2, 0);
        var third = CompletableFuture.supplyAsync(() -> {
            try {
                return acks.register(3, 1);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThatThrownBy(() -> third.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

        acks.complete(first, true);

        assertThat(third.get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(acks.pending()).isEqualTo(2);
    }

    @Test
    void slotsOfALostConnectionKeepTheirRoomUntilTheyFinish() throws Exception {
        var old = acks.register(1, 1);
        acks.register(2, 1);
        acks.reset();
        assertThat(acks.pending()).isEqualTo(2); // the broker will redeliver them: the copies in process still count

        acks.complete(old, true); // finishes late: no acknowledgement for the lost connection, but its room comes back
        assertThat(sent).isEmpty();
        assertThat(acks.pending()).isEqualTo(1);
        acks.register(1, 1);
        assertThat(acks.awaitIdle(10)).isFalse();
    }

    @Test
    void qosZeroMessagesTakeRoomButAreNeverAcknowledged() throws Exception {
        var zero = acks.register(0, 0);
        acks.complete(zero, true);
        assertThat(sent).isEmpty();
    }

    @Test
    void acknowledgesInArrivalOrderWhateverOrderMessagesComplete() throws Exception {
        AckSequencer wide = new AckSequencer((id, qos) -> sent.add(id), 3);
        var first = wide.register(1, 1);
        var second = wide.register(2, 1);
        var third = wide.register(3, 1);

        wide.complete(third, true);
        wide.complete(second, true);
        assertThat(sent).isEmpty();

        wide.complete(first, true);
        assertThat(sent).containsExactly(1, 2, 3);
        assertThat(wide.pending()).isZero();
    }

    @Test
    void aMessageTheHubCouldNotTakeIsPassedOverUnacknowledged() throws Exception {
        var first = acks.register(1, 1);
        var second = acks.register(2, 1);

        acks.complete(first, false);
        acks.complete(second, true);

        assertThat(sent).containsExactly(2);
    }

    @Test
    void slotsOfALostConnectionAreForgotten() throws Exception {
        var old = acks.register(1, 1);
        acks.reset();
        var fresh = acks.register(1, 1);

        acks.complete(old, true);
        assertThat(sent).isEmpty();
        acks.complete(fresh, true);
        assertThat(sent).containsExactly(1);
        assertThat(acks.awaitIdle(1_000)).isTrue();
    }

    @Test
    void registrationWaitsWhileTheClientsOutboxHoldsMoreThanAWindowOfAcknowledgements() throws Exception {
        // GIVEN a client whose sender has fallen behind: 5 acknowledgements unsent, over a window of 2
        java.util.concurrent.atomic.AtomicInteger unsent = new java.util.concurrent.atomic.AtomicInteger(5);
        AckSequencer bounded = new AckSequencer((id, qos) -> unsent.incrementAndGet(), 2, unsent::get);
        CompletableFuture<Integer> registered = CompletableFuture.supplyAsync(() -> {
            try {
                for (int i = 0; i < AckSequencer.OUTBOX_CHECK_EVERY; i++) {
                    bounded.complete(bounded.register(i, 1), true);
                }
                return AckSequencer.OUTBOX_CHECK_EVERY;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        // WHEN the outbox is looked at, the registering thread (the client's reader) waits
        assertThatThrownBy(() -> registered.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(bounded.outboxHighWater()).isGreaterThan(2);

        // THEN it goes on once the sender has caught up
        unsent.set(0);
        assertThat(registered.get(5, TimeUnit.SECONDS)).isEqualTo(AckSequencer.OUTBOX_CHECK_EVERY);
    }

    @Test
    void aStallIsTimedFromTheLastMessageThatFinished() throws Exception {
        assertThat(acks.stalledNanos()).isZero();
        var waiting = acks.register(1, 1);
        long before = acks.stalledNanos();
        org.awaitility.Awaitility.await().until(() -> acks.stalledNanos() > before);
        acks.complete(waiting, true);
        assertThat(acks.stalledNanos()).isZero();
    }
}

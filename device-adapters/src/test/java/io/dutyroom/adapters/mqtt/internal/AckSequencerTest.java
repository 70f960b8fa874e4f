package io.dutyroom.adapters.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AckSequencerTest {
    private final List<Integer> sent = new ArrayList<>();
    private final AckSequencer acks = new AckSequencer((id, qos) -> sent.add(id));

    @Test
    void acknowledgesInArrivalOrderWhateverOrderMessagesComplete() {
        var first = acks.register(1, 1);
        var second = acks.register(2, 1);
        var third = acks.register(3, 1);

        acks.complete(third, true);
        acks.complete(second, true);
        assertThat(sent).isEmpty();

        acks.complete(first, true);
        assertThat(sent).containsExactly(1, 2, 3);
        assertThat(acks.pending()).isZero();
    }

    @Test
    void aMessageTheHubCouldNotTakeIsPassedOverUnacknowledged() {
        var first = acks.register(1, 1);
        var second = acks.register(2, 1);

        acks.complete(first, false);
        acks.complete(second, true);

        assertThat(sent).containsExactly(2);
    }

    @Test
    void slotsOfALostConnectionAreForgotten() {
        var old = acks.register(1, 1);
        acks.reset();
        var fresh = acks.register(1, 1);

        acks.complete(old, true);
        assertThat(sent).isEmpty();
        acks.complete(fresh, true);
        assertThat(sent).containsExactly(1);
    }
}

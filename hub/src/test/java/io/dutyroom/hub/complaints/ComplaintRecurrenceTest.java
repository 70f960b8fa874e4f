package io.dutyroom.hub.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import io.dutyroom.hub.complaints.ComplaintRecurrence.MatterKey;
import org.junit.jupiter.api.Test;

/** The same matter written a little differently is still the same matter. */
class ComplaintRecurrenceTest {

    @Test
    void aMatterIsLowerCasedTrimmedAndItsSpacesCollapsed() {
        assertThat(ComplaintRecurrence.normalise("  Water   LEAK\tin bathroom ")).isEqualTo("water leak in bathroom");
        assertThat(ComplaintRecurrence.normalise("卫生间\u3000\u3000漏水")).as("the ideographic space too").isEqualTo("卫生间 漏水");
        assertThat(ComplaintRecurrence.normalise("")).isEmpty();
    }

    @Test
    void keysOfTheSameMatterFromTheSameUnitAreEqual() {
        assertThat(new MatterKey("riverside", "3-2-1201", " Noise  at night"))
                .isEqualTo(new MatterKey("riverside", "3-2-1201", "noise at night"));
        assertThat(new MatterKey("riverside", "3-2-1201", "noise at night"))
                .isNotEqualTo(new MatterKey("riverside", "3-2-1202", "noise at night"));
        assertThat(ComplaintRecurrence.RECURRING_FROM).as("twice or more").isEqualTo(2);
    }
}

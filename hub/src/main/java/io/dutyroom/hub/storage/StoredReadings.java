package io.dutyroom.hub.storage;

import io.dutyroom.adapters.model.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which readings of a written batch were new, as opposed to delivered again and stored before.
 * Only new readings move device state and rules on: a redelivered reading must not raise an alarm
 * twice.
 */
abstract sealed class StoredReadings {
    /** The whole batch was new (the common case: no key conflicted). */
    static final StoredReadings ALL = new All();

    static StoredReadings only(Set<ReadingKey> added) {
        return new Only(added);
    }

    /**
     * The new readings among {@code readings}. A key is claimed by the first message that asks for
     * it, so a reading that came twice in one batch is new only once.
     */
    abstract List<Reading> claim(List<Reading> readings);

    /** How many readings of the batch were new. */
    abstract long count(long batchReadings);

    private static final class All extends StoredReadings {
        @Override
        List<Reading> claim(List<Reading> readings) {
            return readings;
        }

        @Override
        long count(long batchReadings) {
            return batchReadings;
        }
    }

    private static final class Only extends StoredReadings {
        private final Set<ReadingKey> added;
        private final int size;

        Only(Set<ReadingKey> added) {
            this.added = added;
            this.size = added.size();
        }

        @Override
        List<Reading> claim(List<Reading> readings) {
            List<Reading> fresh = new ArrayList<>(0);
            for (Reading r : readings) {
                if (added.remove(ReadingKey.of(r))) {
                    fresh.add(r);
                }
            }
            return fresh;
        }

        @Override
        long count(long batchReadings) {
            return size;
        }
    }
}

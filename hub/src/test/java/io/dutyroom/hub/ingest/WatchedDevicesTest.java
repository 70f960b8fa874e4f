package io.dutyroom.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dutyroom.adapters.model.DeviceId;
import org.junit.jupiter.api.Test;

class WatchedDevicesTest {
    private static final DeviceId PUMPS = DeviceId.of("pumps-1");
    private static final DeviceId DOOR = DeviceId.of("door-1");
    private final WatchedDevices watched = new WatchedDevices();

    @Test
    void aDeviceNobodyWatchesIsNotWatched() {
        assertThat(watched.isWatched(PUMPS)).isFalse();
        assertThat(watched.watchers(PUMPS)).isZero();
    }

    @Test
    void aDeviceIsWatchedUntilItsLastWatcherLeaves() {
        watched.watch(PUMPS);
        watched.watch(PUMPS);
        watched.watch(DOOR);

        assertThat(watched.watchers(PUMPS)).isEqualTo(2);
        watched.unwatch(PUMPS);
        assertThat(watched.isWatched(PUMPS)).as("one screen still has it open").isTrue();
        watched.unwatch(PUMPS);
        assertThat(watched.isWatched(PUMPS)).isFalse();
        assertThat(watched.isWatched(DOOR)).as("other devices are their own").isTrue();
    }

    @Test
    void unwatchingMoreThanWatchedIsABugAndSaysSo() {
        watched.watch(PUMPS);
        watched.unwatch(PUMPS);

        assertThatThrownBy(() -> watched.unwatch(PUMPS)).isInstanceOf(IllegalStateException.class).hasMessageContaining("pumps-1");
        assertThat(watched.isWatched(PUMPS)).isFalse();
    }
}

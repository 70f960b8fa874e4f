package io.dutyroom.hub.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondHubOnTheSameDataDirectoryIsToldWhoHasIt() {
        try (DataDirectoryLock first = DataDirectoryLock.acquire(dir)) {
            assertThat(first).isNotNull();
            assertThatThrownBy(() -> DataDirectoryLock.acquire(dir))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("another Dutyroom hub (pid " + ProcessHandle.current().pid() + ")")
                    .hasMessageContaining("DUTYROOM_DATA_DIR");
        }
        DataDirectoryLock.acquire(dir).close();
    }
}

package io.dutyroom.hub.storage;

/**
 * The database refused a message's readings for their content, not for a passing outage: writing
 * them again would fail the same way, so the message is finished (counted, logged), not retried.
 */
public final class StorageRefusedException extends RuntimeException {
    public StorageRefusedException(String reason) {
        super("the database refused the readings: " + reason, null, false, false);
    }
}

package io.dutyroom.hub.embedded;

/** The hub cannot start; the message says why and what to do, and is shown to the operator as is. */
public final class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.dutyroom.adapters.model;

/**
 * How far a reading can be trusted. Stored as its {@link #code()} so the table stays narrow; codes
 * are part of the storage format and never change meaning.
 */
public enum Quality {
    /** A value the device reported as valid. */
    GOOD(0),
    /** A value the device reported but flagged as doubtful. */
    UNCERTAIN(1),
    /** The device could not be read: the value is a placeholder, never a measurement. */
    COMM_FAILURE(2),
    /** A value from a device that is not in the estate registry; kept, listed, but runs no rules. */
    UNREGISTERED(3);

    private final int code;

    Quality(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Quality ofCode(int code) {
        for (Quality q : values()) {
            if (q.code == code) {
                return q;
            }
        }
        throw new IllegalArgumentException("unknown quality code " + code);
    }
}

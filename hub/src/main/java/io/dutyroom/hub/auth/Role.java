package io.dutyroom.hub.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a person does in the duty room, which decides what the API lets them do (see
 * docs/security.md for the table). A user has exactly one role.
 */
public enum Role {
    /** On shift: works alarms, work orders, patrols. */
    DUTY_ENGINEER("duty-engineer"),
    /** Runs the shifts; everything an engineer and the desk can do. */
    SUPERVISOR("supervisor"),
    /** The complaints desk: records residents' complaints and calls them back. */
    DESK("desk"),
    /** Manages the hub's users; may do everything. */
    ADMIN("admin");

    private final String code;

    Role(String code) {
        this.code = code;
    }

    /** As stored and as the API writes it. */
    public String code() {
        return code;
    }

    public static Optional<Role> ofCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }
}

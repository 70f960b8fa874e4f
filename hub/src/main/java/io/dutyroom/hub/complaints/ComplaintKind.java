package io.dutyroom.hub.complaints;

import java.util.Arrays;
import java.util.Optional;

/**
 * The nature of a complaint, as the desk judges it. Every kind is tracked to the end: a
 * consultation that is handled badly becomes a valid complaint, and a resident who only vented
 * still gets the return visit.
 */
public enum ComplaintKind {
    /** 求助型: the resident needs something done, mostly a repair (报修), which opens a work order. */
    HELP_SEEKING("help-seeking"),
    /** 咨询型: a question to be answered. */
    CONSULTATION("consultation"),
    /** 发泄型: a grievance to be heard and looked into. */
    VENTING("venting");

    private final String code;

    ComplaintKind(String code) {
        this.code = code;
    }

    /** The name used in the API and the database, e.g. {@code help-seeking}. */
    public String code() {
        return code;
    }

    /** The kind written as {@code code}; empty for anything else. */
    public static Optional<ComplaintKind> ofCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}

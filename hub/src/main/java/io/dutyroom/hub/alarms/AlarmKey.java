package io.dutyroom.hub.alarms;

/** One alarm per source and rule while it lasts: {@code source} is a device id or a gateway's id. */
record AlarmKey(String site, String source, String rule) {
}

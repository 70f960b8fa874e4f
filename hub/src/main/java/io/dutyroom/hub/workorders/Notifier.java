package io.dutyroom.hub.workorders;

import io.vertx.core.json.JsonObject;

/**
 * Where the hub sends word of a work order to people: a dispatch, a contractor to call, a step near
 * or past its limit. The timeline and live feed always carry the same news; a notifier takes it to
 * phones. The payload is documented in docs/work-orders.md so an estate can bridge it to SMS or WeChat
 * Work. Implementations never block the caller and never throw: a lost notification is counted.
 */
public interface Notifier extends AutoCloseable {
    Notifier NONE = new Notifier() {
        @Override
        public void send(JsonObject notification) {
        }

        @Override
        public void close() {
        }
    };

    void send(JsonObject notification);

    @Override
    void close();
}

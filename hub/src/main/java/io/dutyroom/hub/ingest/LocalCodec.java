package io.dutyroom.hub.ingest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes envelopes by reference on the local event bus. Ingest never leaves the process (scale-out
 * splits the MQTT subscription instead), so the codec refuses to serialise.
 */
final class LocalCodec implements MessageCodec<Envelope, Envelope> {
    static final String NAME = "dutyroom-envelope";

    @Override
    public void encodeToWire(Buffer buffer, Envelope envelope) {
        throw new UnsupportedOperationException("telemetry envelopes are local to one hub");
    }

    @Override
    public Envelope decodeFromWire(int pos, Buffer buffer) {
        throw new UnsupportedOperationException("telemetry envelopes are local to one hub");
    }

    @Override
    public Envelope transform(Envelope envelope) {
        return envelope;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}

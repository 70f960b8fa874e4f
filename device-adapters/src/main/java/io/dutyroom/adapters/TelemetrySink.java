package io.dutyroom.adapters;

import io.dutyroom.adapters.model.Inbound;
import io.dutyroom.adapters.model.Rejection;
import java.util.concurrent.CompletionStage;

/**
 * Where an adapter delivers what it received. The hub implements it; adapters never see hub code.
 *
 * <p>{@link #accept} completes when the item is durable (stored, or safely spooled). Adapters that
 * acknowledge their transport (MQTT QoS 1) acknowledge only then, so a crash loses nothing that was
 * acknowledged. It completes exceptionally when the hub cannot take the item; the adapter then leaves
 * it unacknowledged so the transport delivers it again.
 */
public interface TelemetrySink {

    CompletionStage<Void> accept(Inbound item);

    /** Input refused before it became an {@link Inbound}; the hub counts and logs it. */
    void rejected(Rejection rejection);
}

/**
 * The adapter SPI: an adapter turns a wire protocol into {@link io.dutyroom.adapters.model.Inbound}
 * items and hands them to a {@link io.dutyroom.adapters.TelemetrySink}. Adapters know nothing of the
 * hub; the hub knows adapters only through this package and their options.
 */
package io.dutyroom.adapters;

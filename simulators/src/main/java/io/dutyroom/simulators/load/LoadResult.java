package io.dutyroom.simulators.load;

import java.util.Locale;

/**
 * What a load run did: messages offered to the client, acknowledged by the broker (QoS 1 only) or
 * failed, the readings they carried, and the achieved rate.
 *
 * @param readings the values sent: of the acknowledged messages at QoS 1, of every offered one at QoS 0
 */
public record LoadResult(long offered, long acknowledged, long failed, long readings, double seconds) {

    public double rate() {
        return seconds == 0 ? 0 : offered / seconds;
    }

    public String toJson() {
        return String.format(Locale.ROOT, "{\"offered\": %d, \"acknowledged\": %d, \"failed\": %d, \"readings\": %d, \"seconds\": %.2f, \"rate\": %.0f}",
                offered, acknowledged, failed, readings, seconds, rate());
    }
}

package io.dutyroom.simulators.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to publish: telemetry of the v1 contract from {@code devices} devices named
 * {@code prefix-0 … prefix-(devices-1)} in one site, at {@code rate} messages per second for
 * {@code seconds}, spread over {@code clients} connections.
 *
 * @param values   the values of each message, by point name, each a base value that is varied a little
 *                 per message ({@code "true"} and {@code "false"} are booleans); empty for
 *                 {@code points} synthetic points {@code p0, p1, …} of an unregistered device
 * @param points   values per message when {@code values} is empty
 * @param inflight unacknowledged QoS 1 publishes per connection, at most the broker's receive maximum
 */
public record LoadPlan(String url, String topicRoot, String site, String prefix, int devices, Map<String, String> values, int points,
                       int rate, int seconds, int qos, int clients, int inflight) {

    public LoadPlan {
        values = new LinkedHashMap<>(values);
        if (seconds < 1 || seconds > 600 || rate < 1 || devices < 1 || clients < 1 || inflight < 1 || (qos != 0 && qos != 1)
                || (values.isEmpty() && points < 1)) {
            throw new IllegalArgumentException("load: --seconds 1..600, --rate, --devices, --points, --clients, --inflight >= 1; --qos 0 or 1");
        }
        if (!url.matches("tcp://(127\\.\\d+\\.\\d+\\.\\d+|localhost|\\[::1\\]):\\d+")) {
            throw new IllegalArgumentException("load: benchmarks run on loopback only; --url must be tcp://127.x.x.x:port or localhost");
        }
        for (Map.Entry<String, String> v : values.entrySet()) {
            if (!v.getValue().equals("true") && !v.getValue().equals("false")) {
                try {
                    Double.parseDouble(v.getValue());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("load: --value " + v.getKey() + "=" + v.getValue() + " is neither a number nor true/false");
                }
            }
        }
    }

    /** Values in one message. */
    public int valuesPerMessage() {
        return values.isEmpty() ? points : values.size();
    }

    public String topic(int device) {
        return topicRoot + "/" + site + "/" + prefix + "-" + device + "/telemetry";
    }

    /** The same plan at another rate and for another time. */
    public LoadPlan at(int messagesPerSecond, int forSeconds) {
        return new LoadPlan(url, topicRoot, site, prefix, devices, values, points, messagesPerSecond, forSeconds, qos, clients, inflight);
    }
}

package io.dutyroom.simulators.bench;

import java.util.Locale;

/**
 * One step of a step test: a rate offered for a fixed time to one ingester, and what came of it.
 *
 * @param offeredReadings readings/s asked of the publisher
 * @param achievedMessages messages/s the publisher managed (a slow broker holds it back at QoS 1)
 * @param sent           readings published
 * @param stored         rows the ingester stored of them
 * @param drainSeconds   from the publisher's last message to the last row stored; negative when it
 *                       never got there within the drain limit
 * @param storedPerSecond readings stored per second of the step, publisher start to last row
 * @param cpu            CPU % (100 = one core) of the ingester, the broker, PostgreSQL and the publisher
 * @param heapMiB        the hub's largest heap in use during the step (0 for the others)
 * @param lagSeconds     the hub's largest telemetry-writer lag during the step (0 for the others)
 * @param rssMiB         the ingester's resident memory at the end of the step
 */
record StepResult(int run, String shape, int qos, String ingester, int offeredReadings, double achievedMessages, long sent, long stored,
                  double drainSeconds, double storedPerSecond, Cpu cpu, double heapMiB, double lagSeconds, double rssMiB, boolean sustained) {

    /** CPU % of each process of the pipeline over the step. */
    record Cpu(double ingester, double broker, double postgres, double publisher) {
    }

    long lost() {
        return Math.max(0, sent - stored);
    }

    String toJson() {
        return String.format(Locale.ROOT, "{\"run\": %d, \"shape\": \"%s\", \"qos\": %d, \"ingester\": \"%s\", \"offeredReadings\": %d, "
                        + "\"achievedMessages\": %.1f, \"sent\": %d, \"stored\": %d, \"drainSeconds\": %.2f, \"storedPerSecond\": %.1f, "
                        + "\"cpu\": {\"ingester\": %.1f, \"broker\": %.1f, \"postgres\": %.1f, \"publisher\": %.1f}, \"heapMiB\": %.1f, "
                        + "\"lagSeconds\": %.2f, \"rssMiB\": %.1f, \"sustained\": %b}",
                run, shape, qos, ingester, offeredReadings, achievedMessages, sent, stored, drainSeconds, storedPerSecond,
                cpu.ingester(), cpu.broker(), cpu.postgres(), cpu.publisher(), heapMiB, lagSeconds, rssMiB, sustained);
    }
}

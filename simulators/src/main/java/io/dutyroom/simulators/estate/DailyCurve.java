package io.dutyroom.simulators.estate;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * How busy a residential estate is through the day, 0..1: low at night, a morning peak around
 * 07:30 and a higher evening peak around 19:30, as water demand and electrical load follow.
 */
final class DailyCurve {
    private static final ZoneId ESTATE_TIME = ZoneId.of("Asia/Shanghai");

    private DailyCurve() {
    }

    static double at(Instant now) {
        LocalTime t = LocalTime.ofInstant(now, ESTATE_TIME);
        double h = t.toSecondOfDay() / 3600.0;
        double morning = Math.exp(-Math.pow((h - 7.5) / 1.5, 2));
        double evening = 1.2 * Math.exp(-Math.pow((h - 19.5) / 2.0, 2));
        double day = 0.35 * Math.exp(-Math.pow((h - 13.0) / 4.0, 2));
        return Math.min(1.0, 0.08 + 0.75 * Math.max(morning, Math.max(evening, day)));
    }
}

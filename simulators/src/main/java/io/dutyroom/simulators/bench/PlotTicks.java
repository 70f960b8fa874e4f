package io.dutyroom.simulators.bench;

/** The spacing of a plot's axis ticks: 1, 2, 2.5 or 5 times a power of ten, at least the raw step. */
final class PlotTicks {
    private PlotTicks() {
    }

    static double nice(double raw) {
        if (raw <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= raw) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }
}

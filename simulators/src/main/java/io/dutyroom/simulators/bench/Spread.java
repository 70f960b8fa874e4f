package io.dutyroom.simulators.bench;

import java.util.List;
import java.util.Locale;

/** Median, min and max of one figure over the runs: what the report shows for every figure. */
record Spread(double median, double min, double max, int runs) {

    static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Spread(median, sorted.get(0), sorted.get(n - 1), n);
    }

    /** "12,345 (11,000–13,000)" with the given decimals; the range is left out for one run. */
    String format(int decimals) {
        if (runs == 0) {
            return "–";
        }
        String f = "%,." + decimals + "f";
        String m = String.format(Locale.ROOT, f, median);
        return runs == 1 ? m : m + " (" + String.format(Locale.ROOT, f, min) + "–" + String.format(Locale.ROOT, f, max) + ")";
    }
}

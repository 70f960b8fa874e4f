package io.dutyroom.simulators.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTest {
    private static final StepResult.Cpu CPU = new StepResult.Cpu(50, 10, 20, 30);

    private static StepResult step(int run, String ingester, int rate, boolean sustained) {
        return new StepResult(run, "many", 1, ingester, rate, rate / 2.0, rate * 8L, sustained ? rate * 8L : rate * 8L - 1, sustained ? 0.5 : -1,
                rate * 0.9, CPU, ingester.equals("dutyroom") ? 200 : 0, 0.1, 300, sustained);
    }

    @Test
    void theLastSustainableRateIsTheHighestSustainedStepEvenWhenABisectionFailsBelowIt() {
        assertThat(StepTest.lastSustained(List.of(step(1, "bare", 4000, true), step(1, "bare", 8000, false), step(1, "bare", 6000, true),
                step(1, "bare", 7000, false)))).isEqualTo(6000);
        assertThat(StepTest.lastSustained(List.of(step(1, "bare", 4000, false)))).isZero();
    }

    @Test
    void ratiosAreTakenWithinEachRunAndThenSummarised() {
        List<StepResult> steps = new ArrayList<>();
        int[][] rates = {{10000, 5000}, {8000, 6000}, {12000, 3000}}; // ceiling, Dutyroom per run
        for (int run = 1; run <= 3; run++) {
            steps.add(step(run, "bare", rates[run - 1][0], true));
            steps.add(step(run, "dutyroom", rates[run - 1][1], true));
            steps.add(step(run, "peer", 1000, true));
        }
        String md = new BenchReport(steps, List.of()).markdown();
        // per run 0.50, 0.75, 0.25: median 0.50; against the peer 5, 6, 3: median 5
        assertThat(md).contains("| many | QoS 1 | 10,000 (8,000–12,000) | 5,000 (3,000–6,000) | 1,000 (1,000–1,000) | 0.50 (0.25–0.75) | 5.00 (3.00–6.00) |");
        assertThat(md).contains("median (min–max) of 3 runs");
    }

    @Test
    void aSpreadOfOneRunShowsNoRangeAndAnEvenCountTakesTheMiddlePair() {
        assertThat(Spread.of(List.of(3.0)).format(1)).isEqualTo("3.0");
        assertThat(Spread.of(List.of(4.0, 1.0, 3.0, 2.0)).format(1)).isEqualTo("2.5 (1.0–4.0)");
        assertThat(Spread.of(List.of()).format(0)).isEqualTo("–");
    }
}

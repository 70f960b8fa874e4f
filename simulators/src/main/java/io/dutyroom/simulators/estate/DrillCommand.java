package io.dutyroom.simulators.estate;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dutyroom-sim drill <scenario> [--device role=id]}: a drill in a running simulator. */
@Command(name = "drill", description = "Start a drill in a running simulator: elevator-entrapment, sump-flooding, incomer-power-failure, false-fire-alarm, door-forced-at-night.")
public final class DrillCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The scenario.")
    String scenario;

    @Option(names = "--device", description = "Which device plays a role, e.g. --device lift=t2-lift-a (default: the first of its kind).")
    Map<String, String> devices = new LinkedHashMap<>();

    @Option(names = "--control", defaultValue = "http://127.0.0.1:18099", description = "The simulator's control API (default: ${DEFAULT-VALUE}).")
    String control;

    @Override
    public Integer call() throws Exception {
        return ControlClient.post(control, "/drills", new ObjectMapper().writeValueAsString(Map.of("drill", scenario, "devices", devices)));
    }
}

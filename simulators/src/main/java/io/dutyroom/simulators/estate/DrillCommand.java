package io.dutyroom.simulators.estate;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dutyroom-sim drill <scenario> [--building id [--site id]] [--device role=id]}: a drill in a running simulator. */
@Command(name = "drill", description = "Start a drill in a running simulator: elevator-entrapment, sump-flooding, incomer-power-failure, false-fire-alarm, door-forced-at-night.")
public final class DrillCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The scenario.")
    String scenario;

    @Option(names = "--device", description = "Which device plays a role, e.g. --device lift=t2-lift-a (default: the first of its kind).")
    Map<String, String> devices = new LinkedHashMap<>();

    @Option(names = "--building", description = "Run it in this building: each role is played by the first device of its kind there.")
    String building;

    @Option(names = "--site", description = "The building's site, when building ids repeat across sites.")
    String site;

    @Option(names = "--control", defaultValue = "http://127.0.0.1:18099", description = "The simulator's control API (default: ${DEFAULT-VALUE}).")
    String control;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("drill", scenario);
        body.put("devices", devices);
        if (building != null) {
            body.put("building", building);
        }
        if (site != null) {
            body.put("site", site);
        }
        return ControlClient.post(control, "/drills", new ObjectMapper().writeValueAsString(body));
    }
}

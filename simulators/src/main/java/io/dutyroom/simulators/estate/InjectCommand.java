package io.dutyroom.simulators.estate;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dutyroom-sim inject <device> <fault> [--arg k=v]}: a fault into a running simulator. */
@Command(name = "inject", description = "Inject a fault into a device of a running simulator (see docs/simulators.md for the faults).")
public final class InjectCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The device id.")
    String device;

    @Parameters(index = "1", description = "The fault, e.g. pump-trip, entrapment, fire-alarm, door-forced, silent, resume, clear.")
    String fault;

    @Option(names = "--arg", description = "A fault argument, e.g. --arg floor=7 or --arg zone=Z07 (numbers and true/false are typed).")
    Map<String, String> args = new LinkedHashMap<>();

    @Option(names = "--control", defaultValue = "http://127.0.0.1:18099", description = "The simulator's control API (default: ${DEFAULT-VALUE}).")
    String control;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> typed = new LinkedHashMap<>();
        args.forEach((k, v) -> typed.put(k, v.matches("-?\\d+") ? (Object) Long.parseLong(v)
                : v.equals("true") || v.equals("false") ? (Object) Boolean.parseBoolean(v) : v));
        String json = new ObjectMapper().writeValueAsString(Map.of("device", device, "fault", fault, "args", typed));
        return ControlClient.post(control, "/faults", json);
    }
}

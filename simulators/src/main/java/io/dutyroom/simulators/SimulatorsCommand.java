package io.dutyroom.simulators;

import io.dutyroom.simulators.bench.BarePipeline;
import io.dutyroom.simulators.bench.IngestBench;
import io.dutyroom.simulators.bench.SoakBench;
import io.dutyroom.simulators.estate.DrillCommand;
import io.dutyroom.simulators.estate.EstateCommand;
import io.dutyroom.simulators.estate.InjectCommand;
import io.dutyroom.simulators.load.LoadGenerator;
import io.dutyroom.simulators.modbus.BareReadLoop;
import io.dutyroom.simulators.modbus.ModbusFarm;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The simulators' command line. They speak only MQTT (and, later, Modbus TCP) to the hub. */
@Command(name = "dutyroom-sim", mixinStandardHelpOptions = true, version = "Dutyroom simulators 0.1.0",
        description = "Simulated equipment and load for a Dutyroom hub.",
        subcommands = {EstateCommand.class, InjectCommand.class, DrillCommand.class, LoadGenerator.class, ModbusFarm.class, BareReadLoop.class,
                IngestBench.class, SoakBench.class, BarePipeline.class})
public final class SimulatorsCommand {
    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatorsCommand()).execute(args));
    }
}

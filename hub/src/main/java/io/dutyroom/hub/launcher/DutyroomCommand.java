package io.dutyroom.hub.launcher;

import io.dutyroom.adapters.profile.ProfileCatalogue;
import io.dutyroom.adapters.yaml.InvalidConfigException;
import io.dutyroom.adapters.yaml.YamlDocument;
import io.dutyroom.hub.config.HubConfig;
import io.dutyroom.hub.embedded.StartupException;
import io.dutyroom.hub.estate.EstateRegistry;
import io.dutyroom.hub.patrols.PatrolRoutes;
import io.dutyroom.hub.workorders.DutyRoster;
import io.dutyroom.simulators.estate.ControlServer;
import io.dutyroom.simulators.estate.EstateFile;
import io.dutyroom.simulators.estate.SimulatedEstate;
import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dutyroom run} and {@code dutyroom demo}. */
@Command(name = "dutyroom", mixinStandardHelpOptions = true, version = "Dutyroom 0.1.0",
        description = "Building-facilities monitoring hub for an estate's engineering duty room.",
        subcommands = {DutyroomCommand.Run.class, DutyroomCommand.Demo.class})
public final class DutyroomCommand {

    public static void main(String[] args) {
        // the banner and the messages carry the estate's Chinese names: UTF-8, not the locale's
        // charset, which for a service or a bare container is ASCII and would print them as '?'
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        CrashOnly.install();
        System.exit(new CommandLine(new DutyroomCommand()).execute(args));
    }

    @Command(name = "run", description = "Run the hub with a configuration file (and DUTYROOM_* environment variables).")
    static final class Run implements Callable<Integer> {
        @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML configuration (see docs/configuration.md); without it, defaults and environment only.")
        Path config;

        @Override
        public Integer call() {
            return serve(() -> HubConfig.load(Optional.ofNullable(config), System.getenv()), Optional.empty(), false, OptionalLong.empty());
        }
    }

    @Command(name = "demo", description = "Run the hub with the demo estate on embedded services (unless DUTYROOM_* variables name others) and open the dashboard.")
    static final class Demo implements Callable<Integer> {
        @Option(names = "--no-browser", description = "Do not open the dashboard in a browser.")
        boolean noBrowser;

        @Option(names = "--no-simulation", description = "Do not simulate the demo estate's equipment.")
        boolean noSimulation;

        @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulated estate; the same seed replays the same run (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() {
            return serve(() -> HubConfig.load(Optional.empty(), System.getenv()), Optional.of(DEMO_ESTATE), !noBrowser,
                    noSimulation ? OptionalLong.empty() : OptionalLong.of(seed));
        }
    }

    private static final String DEMO_ESTATE = "demo/estate.yaml";
    private static final int SIMULATION_CONTROL_PORT = 18099;

    private interface ConfigStep {
        HubConfig load();
    }

    private static int serve(ConfigStep configStep, Optional<String> bundledEstate, boolean openBrowser, OptionalLong simulationSeed) {
        long started = System.nanoTime();
        Hub hub;
        Optional<SimulatedEstate> prepared = Optional.empty();
        Optional<ControlServer> control = Optional.empty();
        try {
            HubConfig loaded = configStep.load();
            Optional<YamlDocument> estateFile = bundledEstate.map(DutyroomCommand::read);
            // the simulated Modbus gateways open before the hub starts polling them, and where
            // one's port is taken (another demo) the hub polls it where it did open
            prepared = simulationSeed.isPresent() ? estateFile.map(file -> SimulatedEstate.prepare(file, simulationSeed.getAsLong(), Clock.systemUTC()))
                    : Optional.empty();
            prepared.ifPresent(sim -> EstateFile.repointModbus(estateFile.orElseThrow(), sim.movedGateways()));
            Optional<EstateRegistry> estate = estateFile.map(file -> EstateRegistry.parse(file, ProfileCatalogue.load(loaded.profiles())));
            // the simulation's control API opens first too, so that the hub's drills can be pointed at
            // it, unless the configuration names another
            control = prepared.flatMap(DutyroomCommand::startControl);
            HubConfig config = control.filter(c -> loaded.simulation().controlUrl().isEmpty())
                    .map(c -> loaded.withSimulation(loaded.simulation().withControlUrl(URI.create("http://127.0.0.1:" + c.port()))))
                    .orElse(loaded);
            // the demo's engineers and patrol routes, unless the configuration names its own
            Optional<DutyRoster> roster = bundledEstate.isPresent() && config.workOrders().roster().isEmpty()
                    ? Optional.of(DutyRoster.demo()) : Optional.empty();
            Optional<PatrolRoutes> routes = bundledEstate.isPresent() && config.patrols().routes().isEmpty()
                    ? Optional.of(PatrolRoutes.demo()) : Optional.empty();
            // the demo's users: one per role, new passwords at every start, printed in the banner
            hub = Hub.start(config, new Hub.Bundled(estate, roster, routes, bundledEstate.isPresent()), Clock.systemUTC());
        } catch (InvalidConfigException e) {
            control.ifPresent(ControlServer::close);
            prepared.ifPresent(SimulatedEstate::close);
            System.err.println("Dutyroom cannot start: the configuration is invalid:");
            e.problems().forEach(p -> System.err.println("  " + p));
            return 2;
        } catch (StartupException e) {
            control.ifPresent(ControlServer::close);
            prepared.ifPresent(SimulatedEstate::close);
            System.err.println("Dutyroom cannot start: " + e.getMessage());
            return 1;
        }
        Optional<ControlServer> controlServer = control;
        AutoCloseable simulation = prepared.map(sim -> simulate(hub, sim, controlServer)).orElse(() -> { });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                simulation.close();
            } catch (Exception e) {
                // the hub stops regardless
            }
            hub.close();
            stopped.countDown();
        }, "dutyroom-shutdown"));
        System.out.println(Banner.render(hub, (System.nanoTime() - started) / 1e9));
        if (openBrowser) {
            open(hub.httpUrl() + "/");
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The demo's simulated equipment, on the wire to the hub's broker like real devices, with its control API. */
    private static AutoCloseable simulate(Hub hub, SimulatedEstate sim, Optional<ControlServer> control) {
        try {
            sim.connect(new SimulatedEstate.Options(hub.brokerUrl(), hub.config().mqtt().topicRoot(), Duration.ofSeconds(2), 0, "demo-"));
        } catch (Exception e) {
            System.err.println("The demo estate's simulation could not connect (" + e.getMessage() + "); the hub runs without it.");
            control.ifPresent(ControlServer::close);
            sim.close();
            return () -> { };
        }
        control.ifPresent(c -> System.out.println("Simulation control at http://127.0.0.1:" + c.port()
                + " (start drills from the dashboard, or: java -jar simulators/target/dutyroom-simulators.jar drill elevator-entrapment"
                + (c.port() == SIMULATION_CONTROL_PORT ? "" : " --control http://127.0.0.1:" + c.port()) + ")"));
        return () -> {
            control.ifPresent(ControlServer::close);
            sim.close();
        };
    }

    private static YamlDocument read(String resource) {
        try (InputStream in = DutyroomCommand.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new StartupException(resource + " is missing from the hub jar");
            }
            return YamlDocument.read(resource, in);
        } catch (IOException e) {
            throw new StartupException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * The simulation's control API, for drills and injected faults: on its usual port, or on a free
     * one when that is taken (the hub is told which); the demo runs on without it if neither opens.
     */
    private static Optional<ControlServer> startControl(SimulatedEstate sim) {
        try {
            return Optional.of(ControlServer.start(sim, SIMULATION_CONTROL_PORT, Clock.systemUTC()));
        } catch (IOException taken) {
            try {
                return Optional.of(ControlServer.start(sim, 0, Clock.systemUTC()));
            } catch (IOException e) {
                System.err.println("The simulation's control API could not open (" + e.getMessage() + "); drills are unavailable.");
                return Optional.empty();
            }
        }
    }

    private static void open(String url) {
        try {
            if (!GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(URI.create(url));
                return;
            }
        } catch (Exception e) {
            // fall through to the hint
        }
        System.out.println("Open " + url + " in your browser.");
    }
}

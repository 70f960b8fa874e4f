package io.dutyroom.hub.launcher;

import io.dutyroom.adapters.profile.ProfileCatalogue;
import io.dutyroom.adapters.yaml.InvalidConfigException;
import io.dutyroom.adapters.yaml.YamlDocument;
import io.dutyroom.hub.config.HubConfig;
import io.dutyroom.hub.embedded.StartupException;
import io.dutyroom.hub.estate.EstateRegistry;
import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
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
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(new CommandLine(new DutyroomCommand()).execute(args));
    }

    @Command(name = "run", description = "Run the hub with a configuration file (and DUTYROOM_* environment variables).")
    static final class Run implements Callable<Integer> {
        @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML configuration (see docs/configuration.md); without it, defaults and environment only.")
        Path config;

        @Override
        public Integer call() {
            return serve(() -> HubConfig.load(Optional.ofNullable(config), System.getenv()), Optional.empty(), false);
        }
    }

    @Command(name = "demo", description = "Run the hub with the demo estate on embedded services (unless DUTYROOM_* variables name others) and open the dashboard.")
    static final class Demo implements Callable<Integer> {
        @Option(names = "--no-browser", description = "Do not open the dashboard in a browser.")
        boolean noBrowser;

        @Override
        public Integer call() {
            return serve(() -> HubConfig.load(Optional.empty(), System.getenv()), Optional.of(DEMO_ESTATE), !noBrowser);
        }
    }

    private static final String DEMO_ESTATE = "demo/estate.yaml";

    private interface ConfigStep {
        HubConfig load();
    }

    private static int serve(ConfigStep configStep, Optional<String> bundledEstate, boolean openBrowser) {
        long started = System.nanoTime();
        Hub hub;
        try {
            HubConfig config = configStep.load();
            Optional<EstateRegistry> estate = bundledEstate.map(resource -> bundled(resource, config));
            hub = Hub.start(config, estate, Clock.systemUTC());
        } catch (InvalidConfigException e) {
            System.err.println("Dutyroom cannot start: the configuration is invalid:");
            e.problems().forEach(p -> System.err.println("  " + p));
            return 2;
        } catch (StartupException e) {
            System.err.println("Dutyroom cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
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

    private static EstateRegistry bundled(String resource, HubConfig config) {
        try (InputStream in = DutyroomCommand.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new StartupException(resource + " is missing from the hub jar");
            }
            return EstateRegistry.parse(YamlDocument.read(resource, in), ProfileCatalogue.load(config.profiles()));
        } catch (IOException e) {
            throw new StartupException("cannot read " + resource + ": " + e.getMessage(), e);
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

package io.dutyroom.hub.config;

import io.dutyroom.adapters.yaml.InvalidConfigException;
import io.dutyroom.adapters.yaml.YamlDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the hub is configured with, read once at start. See docs/configuration.md for every key,
 * its default and its environment variable.
 *
 * @param dataDir   where the embedded broker and database keep their data
 * @param estate    the estate registry file; empty for none (every device is then unregistered)
 * @param profiles  a directory of extra equipment profiles; empty for the shipped ones only
 */
public record HubConfig(Path dataDir, Optional<Path> estate, Optional<Path> profiles, HttpOptions http,
                        MqttOptions mqtt, DatabaseOptions db, StorageOptions storage, IngestOptions ingest, WorkOrderOptions workOrders,
                        PatrolOptions patrols, ComplaintOptions complaints, AuthOptions auth, SimulationOptions simulation,
                        DrillOptions drills) {

    /** Reads {@code file} (may be empty: defaults and environment only) and the environment. */
    public static HubConfig load(Optional<Path> file, Map<String, String> env) {
        Optional<YamlDocument> yaml = file.map(HubConfig::read);
        ConfigSource source = new ConfigSource(yaml, env);
        Path base = file.map(f -> f.toAbsolutePath().getParent()).orElse(Path.of(""));
        HubConfig config = new HubConfig(
                resolve(base, source.string("dataDir", "data")),
                optionalPath(base, source.string("estate", "")),
                optionalPath(base, source.string("profiles", "")),
                HttpOptions.from(source),
                MqttOptions.from(source),
                DatabaseOptions.from(source),
                StorageOptions.from(source),
                IngestOptions.from(source),
                WorkOrderOptions.from(source, base),
                PatrolOptions.from(source, base),
                ComplaintOptions.from(source),
                AuthOptions.from(source),
                SimulationOptions.from(source),
                DrillOptions.from(source));
        if (config.storage().retention().compareTo(config.ingest().limits().maxAge()) < 0) {
            source.problem("storage.retention", "must be at least ingest.maxAge (" + config.ingest().limits().maxAge().toDays()
                    + "d): readings that old are accepted, so they must be kept");
        }
        source.finish();
        return config;
    }

    /** This configuration with other simulation settings: the demo points the hub at its own simulation. */
    public HubConfig withSimulation(SimulationOptions other) {
        return new HubConfig(dataDir, estate, profiles, http, mqtt, db, storage, ingest, workOrders, patrols, complaints, auth, other, drills);
    }

    /** Uses the embedded broker: no external broker URL given. */
    public boolean embeddedBroker() {
        return mqtt.url().isEmpty();
    }

    /** Uses the embedded database: no external database URL given. */
    public boolean embeddedDatabase() {
        return db.url().isEmpty();
    }

    private static YamlDocument read(Path file) {
        try {
            return YamlDocument.read(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InvalidConfigException(file + ": cannot be read: " + e.getMessage());
        }
    }

    private static Path resolve(Path base, String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : base.resolve(p);
    }

    private static Optional<Path> optionalPath(Path base, String path) {
        return path.isBlank() ? Optional.empty() : Optional.of(resolve(base, path));
    }
}

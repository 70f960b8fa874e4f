package io.dutyroom.hub.launcher;

import io.dutyroom.adapters.modbus.ModbusPoller;
import io.dutyroom.adapters.modbus.PolledDevice;
import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.mqtt.MqttAdapter;
import io.dutyroom.adapters.mqtt.MqttAdapterOptions;
import io.dutyroom.adapters.mqtt.PayloadDecoder;
import io.dutyroom.adapters.profile.EquipmentProfile;
import io.dutyroom.adapters.profile.ProfileCatalogue;
import io.dutyroom.adapters.yaml.InvalidConfigException;
import io.dutyroom.adapters.yaml.Problems;
import io.dutyroom.adapters.yaml.YamlDocument;
import io.dutyroom.hub.alarms.AlarmBook;
import io.dutyroom.hub.alarms.AlarmPolicy;
import io.dutyroom.hub.alarms.AlarmRecord;
import io.dutyroom.hub.alarms.AlarmReport;
import io.dutyroom.hub.alarms.AlarmService;
import io.dutyroom.hub.alarms.AlarmStore;
import io.dutyroom.hub.auth.Authenticator;
import io.dutyroom.hub.auth.LoopbackRule;
import io.dutyroom.hub.auth.PasswordHasher;
import io.dutyroom.hub.auth.SessionPolicy;
import io.dutyroom.hub.auth.SessionStore;
import io.dutyroom.hub.auth.Sessions;
import io.dutyroom.hub.auth.UserBootstrap;
import io.dutyroom.hub.auth.UserStore;
import io.dutyroom.hub.complaints.ComplaintReport;
import io.dutyroom.hub.complaints.ComplaintService;
import io.dutyroom.hub.complaints.ComplaintStore;
import io.dutyroom.hub.config.HubConfig;
import io.dutyroom.hub.config.WorkOrderOptions;
import io.dutyroom.hub.drills.DrillService;
import io.dutyroom.hub.drills.DrillStore;
import io.dutyroom.hub.drills.DrillWatch;
import io.dutyroom.hub.drills.SimulationControl;
import io.dutyroom.hub.embedded.DataDirectoryLock;
import io.dutyroom.hub.embedded.EmbeddedBroker;
import io.dutyroom.hub.embedded.EmbeddedDatabase;
import io.dutyroom.hub.embedded.PortProbe;
import io.dutyroom.hub.embedded.StartupException;
import io.dutyroom.hub.estate.EstateRegistry;
import io.dutyroom.hub.http.HealthReport;
import io.dutyroom.hub.http.HttpApiVerticle;
import io.dutyroom.hub.ingest.DeviceState;
import io.dutyroom.hub.ingest.DeviceStateRestore;
import io.dutyroom.hub.ingest.EventBusSink;
import io.dutyroom.hub.ingest.IngestMetrics;
import io.dutyroom.hub.ingest.IngestVerticle;
import io.dutyroom.hub.ingest.WatchedDevices;
import io.dutyroom.hub.modbus.ModbusMeters;
import io.dutyroom.hub.modbus.PolledDevices;
import io.dutyroom.hub.rules.ProfileRules;
import io.dutyroom.hub.rules.RuleCompiler;
import io.dutyroom.hub.rules.RuleEngine;
import io.dutyroom.hub.storage.Database;
import io.dutyroom.hub.storage.StorageFlavour;
import io.dutyroom.hub.storage.TelemetryMaintenance;
import io.dutyroom.hub.storage.TelemetryQueries;
import io.dutyroom.hub.storage.TelemetryWriter;
import io.dutyroom.hub.patrols.PatrolReport;
import io.dutyroom.hub.patrols.PatrolRoutes;
import io.dutyroom.hub.patrols.PatrolService;
import io.dutyroom.hub.patrols.PatrolStore;
import io.dutyroom.hub.timeline.Placement;
import io.dutyroom.hub.timeline.Timeline;
import io.dutyroom.hub.workorders.DutyRoster;
import io.dutyroom.hub.workorders.Notifier;
import io.dutyroom.hub.workorders.WebhookNotifier;
import io.dutyroom.hub.workorders.WorkOrderPolicies;
import io.dutyroom.hub.workorders.WorkOrderReport;
import io.dutyroom.hub.workorders.WorkOrderService;
import io.dutyroom.hub.workorders.WorkOrderStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running hub: assembles the parts in order, and closes them in reverse. Start-up runs on the
 * launcher's own thread (never an event loop), so it may wait for each part before the next.
 */
public final class Hub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration MAINTENANCE_EVERY = Duration.ofHours(1);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(15);
    /**
     * Ingest finishes a message in milliseconds, and a writer batch in well under a second: messages
     * waiting this long with none finishing mean ingest has stopped, and /health says so (503).
     */
    private static final Duration INGEST_STALL = Duration.ofSeconds(10);
    /** Password hashing threads: two hash at once, the rest queue, and the database workers stay free. */
    private static final int HASHING_THREADS = 2;

    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    private String brokerUrl;
    private String databaseUrl;
    private StorageFlavour flavour;
    private int httpPort;
    private List<String> httpOperations = List.of();
    private EstateRegistry estate;
    private AlarmService alarms;
    private HubConfig config;
    private boolean closed;
    private List<UserBootstrap.Credential> oneTimeCredentials = List.of();
    // The shutdown sequence of the pipeline, outside the generic stack: see close().
    private AutoCloseable stopIngest = () -> { };
    private TelemetryWriter writer;
    private MqttAdapter adapter;
    private ModbusPoller poller;

    private Hub() {
    }

    /** Starts a hub; a {@link StartupException} says what is wrong and what to do. */
    public static Hub start(HubConfig config, Optional<EstateRegistry> estateOverride, Clock clock) {
        return start(config, new Bundled(estateOverride, Optional.empty(), Optional.empty()), clock);
    }

    /**
     * What a bundled setup (the demo's) brings in place of configured files.
     *
     * @param demoUsers one user per role with new one-time passwords at every start, printed in the
     *                  banner (when log-in is on)
     */
    public record Bundled(Optional<EstateRegistry> estate, Optional<DutyRoster> roster, Optional<PatrolRoutes> routes, boolean demoUsers) {
        public Bundled(Optional<EstateRegistry> estate, Optional<DutyRoster> roster, Optional<PatrolRoutes> routes) {
            this(estate, roster, routes, false);
        }
    }

    /** Starts a hub with a bundled estate, duty roster and patrol routes in place of configured ones. */
    public static Hub start(HubConfig config, Bundled bundled, Clock clock) {
        Hub hub = new Hub();
        try {
            hub.boot(config, bundled, clock);
            return hub;
        } catch (RuntimeException e) {
            hub.close();
            throw e;
        }
    }

    private void boot(HubConfig config, Bundled bundled, Clock clock) {
        Optional<EstateRegistry> estateOverride = bundled.estate();
        this.config = config;
        // before anything starts: a hub without log-in must not be reachable from the network
        LoopbackRule.check(config.auth().enabled(), config.http().host()).ifPresent(problem -> {
            throw new StartupException(problem);
        });
        ProfileCatalogue profiles = ProfileCatalogue.load(config.profiles());
        estate = estateOverride.orElseGet(() -> config.estate().map(f -> EstateRegistry.load(f, profiles)).orElseGet(EstateRegistry::empty));
        Map<String, ProfileRules> rules = compileRules(profiles, estate);
        WorkOrderPolicies policies = loadPolicies(config.workOrders(), profiles, estate);
        DutyRoster roster = bundled.roster().orElseGet(() -> loadRoster(config.workOrders()));
        PatrolRoutes patrolRoutes = bundled.routes().orElseGet(() -> config.patrols().routes().map(Hub::readYaml).map(PatrolRoutes::load)
                .orElseGet(PatrolRoutes::empty));

        if (config.embeddedBroker() || config.embeddedDatabase()) {
            parts.push(DataDirectoryLock.acquire(config.dataDir()));
        }
        PortProbe.requireFree(config.http().host(), config.http().port(), "the HTTP API", "DUTYROOM_HTTP_PORT");
        if (config.embeddedBroker()) {
            PortProbe.requireFree(config.mqtt().host(), config.mqtt().port(), "the embedded MQTT broker", "DUTYROOM_MQTT_PORT (or DUTYROOM_MQTT_URL for an external broker)");
        }
        if (config.embeddedDatabase()) {
            PortProbe.requireFree(config.db().host(), config.db().port(), "the embedded PostgreSQL", "DUTYROOM_DB_PORT (or DUTYROOM_DB_URL for an external database)");
        }

        brokerUrl = config.mqtt().url();
        if (config.embeddedBroker()) {
            // HiveMQ must be told a real port; 0 means "any free one", as for HTTP and the database
            int port = config.mqtt().port() == 0 ? PortProbe.freePort(config.mqtt().host()) : config.mqtt().port();
            EmbeddedBroker broker = EmbeddedBroker.start(config.dataDir().resolve("broker"), config.mqtt().host(), port,
                    config.mqtt().maxQueuedMessages(), config.mqtt().receiveMaximum());
            parts.push(broker);
            brokerUrl = broker.url();
        }
        databaseUrl = config.db().url();
        String user = config.db().user();
        if (config.embeddedDatabase()) {
            EmbeddedDatabase db = EmbeddedDatabase.start(config.dataDir().resolve("postgres"), config.db().host(), config.db().port());
            parts.push(db);
            databaseUrl = db.jdbcUrl();
            user = user.isEmpty() ? EmbeddedDatabase.USER : user;
        }
        Database database = Database.open(databaseUrl, user, config.db().password(), config.db());
        parts.push(database);
        flavour = database.flavour();
        TelemetryMaintenance maintenance = TelemetryMaintenance.of(database, config.storage(), config.ingest().limits().maxAge());
        try {
            maintenance.run(clock.instant());
        } catch (SQLException e) {
            throw new StartupException("telemetry table maintenance failed: " + e.getMessage(), e);
        }

        Sessions sessions = new Sessions(new SessionStore(database.dataSource()),
                new SessionPolicy(config.auth().sessionLifetime(), config.auth().idleTimeout()), clock);
        UserStore users = new UserStore(database.dataSource());
        Optional<Authenticator> authenticator = Optional.empty();
        if (config.auth().enabled()) {
            PasswordHasher hasher = new PasswordHasher();
            UserBootstrap bootstrap = new UserBootstrap(users, sessions, hasher, clock);
            try {
                oneTimeCredentials = bundled.demoUsers() ? bootstrap.demoUsers() : bootstrap.firstAdmin().map(List::of).orElse(List.of());
            } catch (SQLException e) {
                throw new StartupException("cannot prepare the hub's users in the database: " + e.getMessage(), e);
            }
            // hashes its dummy password now, on this launcher thread, not on an event loop later
            authenticator = Optional.of(new Authenticator(users, hasher));
        } else {
            LOG.warn("log-in is off (auth.enabled: false): the API trusts the \"user\" each request names; listening on {} only",
                    config.http().host());
        }

        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(metrics);
        parts.push(gc);
        parts.push(metrics::close);

        Vertx vertx = Vertx.vertx();
        // an Error in a handler leaves the event loop in no known state: crash-only (CrashOnly)
        vertx.exceptionHandler(failure -> {
            if (failure instanceof Error) {
                CrashOnly.die("an event loop failed", failure);
            } else {
                LOG.error("unhandled exception in a handler", failure);
            }
        });
        parts.push(() -> await(vertx.close(), "stopping Vert.x"));
        WorkerExecutor dbWorkers = vertx.createSharedWorkerExecutor("dutyroom-db", config.db().poolSize());
        parts.push(dbWorkers::close);
        // Partitions ahead and retention are kept hourly, not only at start: a hub runs for months.
        long maintenanceTimer = vertx.setPeriodic(MAINTENANCE_EVERY.toMillis(), id -> dbWorkers.executeBlocking(() -> {
            maintenance.run(clock.instant());
            return null;
        }, false).onFailure(e -> LOG.warn("telemetry table maintenance failed, will retry in {}: {}", MAINTENANCE_EVERY, e.getMessage())));
        parts.push(() -> vertx.cancelTimer(maintenanceTimer));
        Optional<HttpApiVerticle.AuthParts> auth = Optional.empty();
        if (authenticator.isPresent()) {
            WorkerExecutor hashing = vertx.createSharedWorkerExecutor("dutyroom-auth", HASHING_THREADS);
            parts.push(hashing::close);
            auth = Optional.of(new HttpApiVerticle.AuthParts(sessions, users, authenticator.get(), hashing));
            // ended sessions are refused when presented; the purge only keeps the table small
            long purgeTimer = vertx.setPeriodic(MAINTENANCE_EVERY.toMillis(), id -> dbWorkers.executeBlocking(sessions::purge, false)
                    .onSuccess(n -> LOG.debug("purged {} ended sessions", n))
                    .onFailure(e -> LOG.warn("purging ended sessions failed, will retry in {}: {}", MAINTENANCE_EVERY, e.getMessage())));
            parts.push(() -> vertx.cancelTimer(purgeTimer));
        }

        Timeline timeline = new Timeline(vertx, dbWorkers, database.dataSource(), placement(estate));
        parts.push(timeline::close);
        TelemetryQueries queries = new TelemetryQueries(database.dataSource());
        DeviceState state = new DeviceState(estate);
        try {
            int restored = DeviceStateRestore.restore(state, estate, queries, timeline, clock.instant().minus(config.ingest().limits().maxAge()));
            LOG.info("restored {} latest values", restored);
        } catch (SQLException e) {
            throw new StartupException("cannot restore device state from the database: " + e.getMessage(), e);
        }
        AlarmService alarms = startAlarms(vertx, estate, rules, state, new AlarmStore(database.dataSource()), timeline, dbWorkers, clock, metrics);
        this.alarms = alarms;
        Notifier notifier = config.workOrders().webhook().<Notifier>map(url -> new WebhookNotifier(url, metrics)).orElse(Notifier.NONE);
        parts.push(notifier);
        WorkOrderStore orderStore = new WorkOrderStore(database.dataSource());
        WorkOrderService workOrders = new WorkOrderService(policies, roster, orderStore, timeline, dbWorkers, alarms, notifier, clock,
                config.workOrders().checkEvery(), estate.sites().stream().map(s -> s.id().value()).toList(), metrics);
        alarms.listen(workOrders::alarmAnnounced);
        String workOrdersId = await(vertx.deployVerticle(workOrders), "starting the work-order service");
        parts.push(() -> await(vertx.undeploy(workOrdersId), "stopping the work-order service"));
        ComplaintStore complaintStore = new ComplaintStore(database.dataSource());
        ComplaintService complaints = new ComplaintService(complaintStore, timeline, dbWorkers, workOrders, config.complaints().limits(), clock,
                roster.zone(), config.complaints().checkEvery(), metrics);
        String complaintsId = await(vertx.deployVerticle(complaints), "starting the complaint service");
        parts.push(() -> await(vertx.undeploy(complaintsId), "stopping the complaint service"));
        PatrolStore patrolStore = new PatrolStore(database.dataSource());
        PatrolService patrols = new PatrolService(patrolRoutes, patrolStore, timeline, dbWorkers, workOrders, clock, config.patrols().checkEvery(), metrics);
        String patrolsId = await(vertx.deployVerticle(patrols), "starting the patrol service");
        parts.push(() -> await(vertx.undeploy(patrolsId), "stopping the patrol service"));
        // alarms announced while the hub was down, or whose order was not stored before it stopped
        int caughtUp = await(alarms.open().compose(open -> {
            Future<Integer> all = Future.succeededFuture(0);
            for (AlarmRecord alarm : open) {
                if (alarm.rule().workOrder().isPresent() && alarm.status().condition() && !alarm.status().masked()) {
                    all = all.compose(n -> workOrders.alarmAnnounced(alarm, false).map(id -> n + (id.isPresent() ? 1 : 0)));
                }
            }
            return all;
        }), "catching up on work orders of open alarms");
        LOG.info("work orders: {} policies, roster of {} engineers, {} open alarms checked for their orders", policies.all().size(),
                roster.engineers().size(), caughtUp);
        // drills: the simulator's control API, if configured, and the watch that scores them
        Optional<SimulationControl> simulation = config.simulation().controlUrl().map(url -> new SimulationControl(url, config.simulation().timeout()));
        simulation.ifPresent(parts::push);
        DrillStore drillStore = new DrillStore(database.dataSource());
        DrillWatch drillWatch = new DrillWatch(drillStore, timeline, dbWorkers, config.drills(), clock);
        String drillWatchId = await(vertx.deployVerticle(drillWatch), "starting the drill watch");
        parts.push(() -> await(vertx.undeploy(drillWatchId), "stopping the drill watch"));
        DrillService drills = new DrillService(vertx, drillStore, drillWatch, timeline, dbWorkers, simulation, estate, config.drills(), clock);
        if (simulation.isEmpty()) {
            LOG.info("drills are unavailable: no simulation.controlUrl");
        }
        TelemetryWriter writer = new TelemetryWriter(database.dataSource(), config.storage().queueCapacity(), config.storage().batchSize(), metrics);
        this.writer = writer;

        IngestMetrics ingestMetrics = new IngestMetrics(metrics);
        // the devices whose equipment page is open on some screen: ingest publishes their readings live
        WatchedDevices watched = new WatchedDevices();
        IngestVerticle ingest = new IngestVerticle(estate, state, writer, timeline, alarms, patrols, watched, ingestMetrics, clock,
                config.ingest().offlineAfter(), config.mqtt().receiveMaximum());
        String ingestId = await(vertx.deployVerticle(ingest), "starting ingest");
        stopIngest = () -> await(vertx.undeploy(ingestId), "stopping ingest");

        HealthReport health = new HealthReport() {
            @Override
            public JsonObject broker() {
                MqttAdapter a = adapter;
                return new JsonObject().put("url", brokerUrl).put("connected", a != null && a.isConnected())
                        .put("unacknowledged", a == null ? 0 : a.unacknowledged());
            }

            @Override
            public JsonObject database() {
                return new JsonObject().put("url", databaseUrl).put("up", database.isUp()).put("flavour", flavour.name().toLowerCase());
            }

            @Override
            public JsonObject writer() {
                return new JsonObject().put("queuedReadings", writer.queuedReadings()).put("lagSeconds", writer.lagSeconds());
            }

            @Override
            public JsonObject ingest() {
                MqttAdapter a = adapter;
                double waited = Math.max(a == null ? 0 : a.stalledSeconds(), writer.lagSeconds());
                return new JsonObject().put("stalled", waited >= INGEST_STALL.toSeconds()).put("stalledSeconds", waited);
            }
        };
        HttpApiVerticle http = new HttpApiVerticle(config.http().host(), config.http().port(), state, queries, timeline, alarms,
                new AlarmReport(database.dataSource()), new HttpApiVerticle.WorkOrderParts(workOrders, orderStore,
                        new WorkOrderReport(database.dataSource(), roster.zone()), estate),
                new HttpApiVerticle.PatrolParts(patrols, patrolStore, new PatrolReport(database.dataSource(), patrolRoutes.zone())),
                new HttpApiVerticle.ComplaintParts(complaints, complaintStore, new ComplaintReport(database.dataSource(), roster.zone())),
                drills, auth, watched, dbWorkers, metrics, health, clock);
        String httpId = await(vertx.deployVerticle(http), "starting the HTTP API on " + config.http().host() + ":" + config.http().port());
        parts.push(() -> await(vertx.undeploy(httpId), "stopping the HTTP API"));
        httpPort = http.actualPort();
        httpOperations = http.mountedOperations();

        List<PolledDevice> polled = PolledDevices.of(estate);
        if (!polled.isEmpty()) {
            poller = new ModbusPoller(polled, new EventBusSink(vertx, ingestMetrics), new ModbusMeters(metrics), clock);
            poller.start();
            LOG.info("polling {} Modbus devices", polled.size());
        }

        Context dispatch = vertx.getOrCreateContext();
        MqttAdapterOptions mqttOptions = new MqttAdapterOptions(brokerUrl, config.mqtt().clientId(), config.mqtt().username(),
                config.mqtt().password(), config.mqtt().topicRoot(), config.mqtt().sharedGroup(), config.mqtt().receiveMaximum(),
                config.mqtt().sessionExpiry(), Duration.ofSeconds(30));
        adapter = new MqttAdapter(mqttOptions, new PayloadDecoder(config.ingest().limits(), clock),
                new EventBusSink(vertx, ingestMetrics), task -> dispatch.runOnContext(v -> task.run()));
        Gauge.builder("dutyroom.mqtt.connected", () -> adapter.isConnected() ? 1 : 0).description("1 when subscribed to the broker").register(metrics);
        Gauge.builder("dutyroom.mqtt.unacknowledged", adapter::unacknowledged).description("QoS 1 messages received, not yet acknowledged").register(metrics);
        Gauge.builder("dutyroom.mqtt.acknowledgements.unsent", adapter::unsentAcknowledgements)
                .description("Acknowledgements waiting in the MQTT client to be written; bounded by the receive maximum").register(metrics);
        try {
            adapter.start().toCompletableFuture().get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new StartupException(e.getCause().getMessage() + ". Check DUTYROOM_MQTT_URL.", e.getCause());
        } catch (TimeoutException e) {
            throw new StartupException("no answer from the MQTT broker at " + brokerUrl + " within " + STEP_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while connecting to the MQTT broker", e);
        }
    }

    /**
     * Compiles the rules of every profile the hub knows, and of the estate's (a test's estate may bring
     * its own): a bad rule anywhere fails start-up, naming its file and line.
     */
    private static Map<String, ProfileRules> compileRules(ProfileCatalogue profiles, EstateRegistry estate) {
        Map<String, EquipmentProfile> all = new HashMap<>();
        profiles.all().forEach(p -> all.put(p.id(), p));
        estate.devices().forEach(d -> all.put(d.profile().id(), d.profile()));
        Problems problems = new Problems();
        Map<String, ProfileRules> compiled = new HashMap<>();
        all.values().forEach(p -> problems.collect(() -> compiled.put(p.id(), RuleCompiler.compile(p))));
        problems.throwIfAny();
        return compiled;
    }

    /** Where a registered device is, for events about it that do not say. */
    private static Placement placement(EstateRegistry estate) {
        return subject -> {
            if (!DeviceId.isValid(subject)) {
                return Optional.empty();
            }
            return estate.device(DeviceId.of(subject)).map(d -> new Placement.Place(d.building(), d.floor()));
        };
    }

    /**
     * The shipped work-order policies with the estate's own file over them; every policy a profile
     * rule names must exist, or start-up fails naming the rule's file and line.
     */
    private static WorkOrderPolicies loadPolicies(WorkOrderOptions options, ProfileCatalogue profiles, EstateRegistry estate) {
        WorkOrderPolicies policies = options.policies().map(Hub::readYaml).map(WorkOrderPolicies::load).orElseGet(WorkOrderPolicies::shipped);
        Map<String, String> referenced = new HashMap<>();
        List<EquipmentProfile> all = new java.util.ArrayList<>(profiles.all());
        estate.devices().forEach(d -> all.add(d.profile()));
        all.forEach(p -> p.rules().forEach(r -> r.workOrder().ifPresent(w -> referenced.putIfAbsent(w, r.origin()))));
        policies.checkReferences(referenced);
        return policies;
    }

    private static DutyRoster loadRoster(WorkOrderOptions options) {
        if (options.roster().isEmpty()) {
            LOG.warn("no duty roster (workOrders.roster): work orders wait undispatched until someone dispatches them");
            return DutyRoster.empty();
        }
        return DutyRoster.load(readYaml(options.roster().get()));
    }

    private static YamlDocument readYaml(Path file) {
        try {
            return YamlDocument.read(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InvalidConfigException(file + ": cannot be read: " + e.getMessage());
        }
    }

    /** Restores the alarms open at the last stop and starts the alarm service on its own context. */
    private AlarmService startAlarms(Vertx vertx, EstateRegistry estate, Map<String, ProfileRules> rules, DeviceState state, AlarmStore store,
                                     Timeline timeline, WorkerExecutor db, Clock clock, PrometheusMeterRegistry metrics) {
        AlarmBook book = new AlarmBook(estate, AlarmPolicy.standard());
        RuleEngine engine = new RuleEngine(estate, rules, clock.instant());
        try {
            List<AlarmRecord> open = store.open();
            for (AlarmRecord alarm : open) {
                book.restore(alarm);
                if (alarm.status().condition()) {
                    AlarmBook.deviceOf(alarm.source()).ifPresent(d -> engine.restoreActive(d, alarm.rule().id(), alarm.lastActivatedAt()));
                }
            }
            LOG.info("restored {} open alarms", open.size());
        } catch (SQLException e) {
            throw new StartupException("cannot restore open alarms from the database: " + e.getMessage(), e);
        }
        state.all().stream().filter(d -> d.connectivity() == DeviceState.Connectivity.OFFLINE).forEach(d -> book.restoreOffline(d.id()));
        AlarmService service = new AlarmService(estate, engine, book, store, timeline, db, clock, metrics);
        String id = await(vertx.deployVerticle(service), "starting the alarm service");
        parts.push(() -> await(vertx.undeploy(id), "stopping the alarm service"));
        return service;
    }

    public String brokerUrl() {
        return brokerUrl;
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    public StorageFlavour flavour() {
        return flavour;
    }

    /** The HTTP operations the hub mounts, as {@code "GET /api/v1/alarms/{id}"}: what the API description must cover. */
    public List<String> httpOperations() {
        return httpOperations;
    }

    public int httpPort() {
        return httpPort;
    }

    public String httpUrl() {
        return "http://" + config.http().host() + ":" + httpPort;
    }

    public EstateRegistry estate() {
        return estate;
    }

    public HubConfig config() {
        return config;
    }

    /** The passwords this start chose (the first admin's, or the demo users'), for the banner; shown once, never stored. */
    public List<UserBootstrap.Credential> oneTimeCredentials() {
        return oneTimeCredentials;
    }

    /**
     * Stops without losing or doubling anything: the broker connection stops taking messages and
     * waits for those in hand to be written and acknowledged; then it disconnects (what was not
     * taken stays with the broker for the next session); then ingest, the writer and everything
     * else close in reverse order of start.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (poller != null) {
            closeQuietly(poller); // stop polling first: nothing to acknowledge, and nothing new for ingest
        }
        if (adapter != null) {
            try {
                if (!adapter.drain(DRAIN_TIMEOUT.toMillis())) {
                    LOG.warn("stopping: {} messages not finished within {} s; the broker delivers them again", adapter.unacknowledged(), DRAIN_TIMEOUT.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(adapter);
        }
        closeQuietly(stopIngest);
        if (writer != null) {
            closeQuietly(() -> writer.close(Duration.ofSeconds(5)));
        }
        while (!parts.isEmpty()) {
            closeQuietly(parts.pop());
        }
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            LOG.warn("while stopping: {}", e.getMessage());
        }
    }

    /** Waits for a Vert.x step on the launcher thread (never an event loop). */
    private static <T> T await(Future<T> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new StartupException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new StartupException(what + " took longer than " + STEP_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while " + what, e);
        }
    }
}

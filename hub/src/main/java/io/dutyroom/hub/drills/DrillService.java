package io.dutyroom.hub.drills;

import io.dutyroom.hub.config.DrillOptions;
import io.dutyroom.hub.estate.EstateRegistry;
import io.dutyroom.hub.estate.Site;
import io.dutyroom.hub.timeline.EventKind;
import io.dutyroom.hub.timeline.Severity;
import io.dutyroom.hub.timeline.Timeline;
import io.dutyroom.hub.timeline.TimelineEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drills from the hub: starting a scenario in a building through the simulator's control API, and
 * reading drills with their scores. The simulator injects the faults and marks its traffic with the
 * drill's id; from there the drill's alarms and work orders run like real ones, kept apart, and
 * {@link DrillWatch} scores it. Without a control API ({@code simulation.controlUrl}) drills are
 * unavailable, and said to be.
 */
public final class DrillService {
    static final String NOT_CONFIGURED = "drills need the simulator's control API (simulation.controlUrl); none is configured";
    private static final Logger LOG = LoggerFactory.getLogger(DrillService.class);

    private final Vertx vertx;
    private final DrillStore store;
    private final DrillWatch watch;
    private final Timeline timeline;
    private final WorkerExecutor db;
    private final Optional<SimulationControl> control;
    private final EstateRegistry estate;
    private final DrillOptions options;
    private final Clock clock;
    /** Buildings whose drill is being started now: the simulator is asked once per building at a time. */
    private final Set<String> starting = ConcurrentHashMap.newKeySet();

    /** What a person asks for: a scenario in a building (of a site, when building ids repeat across sites). */
    public record StartRequest(String scenario, String building, Optional<String> site, String by) {
    }

    public DrillService(Vertx vertx, DrillStore store, DrillWatch watch, Timeline timeline, WorkerExecutor db,
                        Optional<SimulationControl> control, EstateRegistry estate, DrillOptions options, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.watch = watch;
        this.timeline = timeline;
        this.db = db;
        this.control = control;
        this.estate = estate;
        this.options = options;
        this.clock = clock;
    }

    /**
     * Whether drills can be started, the scenarios on offer (each with the buildings that have its
     * equipment), and the latest drills, newest first. A simulator that does not answer makes drills
     * unavailable, with the reason; the drills already held are listed all the same.
     */
    public Future<JsonObject> overview(int limit) {
        Future<JsonObject> offer = control.isEmpty()
                ? Future.succeededFuture(offer(false, NOT_CONFIGURED, List.of()))
                : scenarios().map(list -> offer(true, null, list)).recover(e -> Future.succeededFuture(offer(false, e.getMessage(), List.of())));
        Future<JsonArray> drills = db.executeBlocking(() -> {
            List<DrillRecord> list = store.list(limit);
            Map<String, DrillFacts> facts = store.facts(list.stream().map(DrillRecord::id).toList());
            JsonArray json = new JsonArray();
            list.forEach(d -> json.add(d.toJson(facts.getOrDefault(d.id(), DrillFacts.NONE))));
            return json;
        }, false);
        return Future.all(offer, drills).map(all -> offer.result().put("drills", drills.result()));
    }

    /** One drill with its score (computed now while it runs); empty when there is none with that id. */
    public Future<Optional<JsonObject>> one(String id) {
        return db.executeBlocking(() -> {
            Optional<DrillRecord> found = store.find(id);
            if (found.isEmpty()) {
                return Optional.<JsonObject>empty();
            }
            return Optional.of(found.get().toJson(store.facts(List.of(id)).getOrDefault(id, DrillFacts.NONE)));
        }, false);
    }

    /**
     * Starts a scenario in a building: checks the building and that it has the scenario's equipment,
     * has the simulator start it there, then records it ({@code drill.started}) and watches it. Fails
     * with a {@link DrillRefusal}: a bad parameter, a conflict, or no simulator.
     */
    public Future<JsonObject> start(StartRequest request) {
        if (control.isEmpty()) {
            return Future.failedFuture(DrillRefusal.unavailable(NOT_CONFIGURED));
        }
        String site;
        try {
            site = siteOf(request.building(), request.site());
        } catch (DrillRefusal e) {
            return Future.failedFuture(e);
        }
        return scenarios().compose(list -> {
            Scenario scenario = list.stream().filter(s -> s.id().equals(request.scenario())).findFirst().orElseThrow(() ->
                    DrillRefusal.badParameter("scenario", "no scenario '" + request.scenario() + "'; the simulator offers "
                            + list.stream().map(Scenario::id).collect(Collectors.joining(", "))));
            missingEquipment(scenario, site, request.building()).ifPresent(missing -> {
                throw DrillRefusal.conflict(missing);
            });
            watch.runningIn(site, request.building()).ifPresent(d -> {
                throw DrillRefusal.conflict("drill " + d.id() + " is running in building " + request.building() + "; one drill at a time per building");
            });
            String key = site + "/" + request.building();
            if (!starting.add(key)) {
                throw DrillRefusal.conflict("a drill is being started in building " + request.building() + " at this moment");
            }
            return ask(control.get().start(scenario.id(), site, request.building()))
                    .recover(e -> Future.failedFuture(e instanceof SimulationControl.Failure f && f.refused()
                            ? DrillRefusal.conflict("the simulator did not start it: " + f.getMessage())
                            : DrillRefusal.unavailable(e.getMessage())))
                    .compose(started -> record(started, scenario, site, request))
                    .andThen(x -> starting.remove(key));
        });
    }

    private Future<JsonObject> record(SimulationControl.Started started, Scenario scenario, String site, StartRequest request) {
        DrillRecord drill = new DrillRecord(started.id(), scenario.id(), scenario.name(), site, request.building(), clock.instant(), request.by(),
                DrillState.RUNNING, started.devices(), options.acknowledgeWithin(), Optional.empty(), Optional.empty());
        return timeline.transact((c, appender) -> {
            DrillStore.insert(c, drill);
            appender.append(TimelineEvent.of(drill.startedAt(), EventKind.DRILL_STARTED, site, drill.id(), Severity.INFO,
                    eventPayload(drill).put("devices", new JsonObject(new HashMap<>(drill.devices()))).put("by", drill.startedBy())));
            return drill;
        }).recover(e -> {
            // the simulator runs the drill all the same: its alarms and orders stay apart as drill ones, unscored
            LOG.error("drill {} started in the simulator but could not be recorded: {}", drill.id(), e.getMessage());
            if (e instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return Future.failedFuture(DrillRefusal.conflict(String.valueOf(sql.getMessage()).contains(DrillStore.ONE_RUNNING_PER_BUILDING)
                        ? "another drill is running in building " + request.building() : "drill " + drill.id() + " is recorded already"));
            }
            return Future.failedFuture(e);
        }).map(d -> {
            watch.watch(d);
            LOG.info("drill {} started in {}/{} by {}: {}", d.id(), site, d.building(), d.startedBy(), d.devices());
            return d.toJson(DrillFacts.NONE);
        });
    }

    /** What every drill event says of its drill: the drill's id twice ({@code drill} as on its alarms and orders), what and where. */
    static JsonObject eventPayload(DrillRecord drill) {
        return new JsonObject().put("drillId", drill.id()).put("drill", drill.id()).put("scenario", drill.scenario())
                .put("name", drill.name()).put("building", drill.building());
    }

    private Future<List<Scenario>> scenarios() {
        return ask(control.orElseThrow().scenarios()).recover(e -> Future.failedFuture(DrillRefusal.unavailable(e.getMessage())));
    }

    /** The simulator's answer on the caller's context, its failure unwrapped. */
    private <T> Future<T> ask(CompletableFuture<T> answer) {
        return Future.fromCompletionStage(answer, vertx.getOrCreateContext())
                .recover(e -> Future.failedFuture(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e));
    }

    /** The site of the building, which must be the estate's; {@code site} when building ids repeat across sites. */
    private String siteOf(String building, Optional<String> site) {
        List<String> sites = estate.sites().stream().filter(s -> s.buildings().stream().anyMatch(b -> b.id().equals(building)))
                .map(s -> s.id().value()).toList();
        if (site.isPresent()) {
            if (estate.sites().stream().noneMatch(s -> s.id().value().equals(site.get()))) {
                throw DrillRefusal.badParameter("site", "no site '" + site.get() + "' in the estate");
            }
            if (!sites.contains(site.get())) {
                throw DrillRefusal.badParameter("building", "no building '" + building + "' in site '" + site.get() + "'");
            }
            return site.get();
        }
        if (sites.isEmpty()) {
            throw DrillRefusal.badParameter("building", "no building '" + building + "' in the estate");
        }
        if (sites.size() > 1) {
            throw DrillRefusal.badParameter("building", "building '" + building + "' is in several sites (" + String.join(", ", sites)
                    + "); say which with \"site\"");
        }
        return sites.get(0);
    }

    /** Why the building cannot hold the scenario: a role whose equipment it lacks. */
    private Optional<String> missingEquipment(Scenario scenario, String site, String building) {
        return scenario.roles().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(role -> estate.devices().stream().noneMatch(d -> d.site().value().equals(site) && d.building().equals(building)
                        && d.profile().id().equals(role.getValue())))
                .findFirst()
                .map(role -> "building " + building + " has no " + role.getValue() + ", which the " + scenario.id()
                        + " drill needs for its role '" + role.getKey() + "'");
    }

    /** The offer: scenarios with the buildings that have each one's equipment, so a screen offers only those. */
    private JsonObject offer(boolean available, String reason, List<Scenario> scenarios) {
        JsonArray list = new JsonArray();
        for (Scenario s : scenarios) {
            JsonArray buildings = new JsonArray();
            for (Site site : estate.sites()) {
                for (Site.Building b : site.buildings()) {
                    if (missingEquipment(s, site.id().value(), b.id()).isEmpty()) {
                        buildings.add(new JsonObject().put("site", site.id().value()).put("id", b.id())
                                .put("name", b.name() == null ? null : new JsonObject().put("zh", b.name().zh()).put("en", b.name().en())));
                    }
                }
            }
            JsonObject roles = new JsonObject();
            s.roles().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> roles.put(e.getKey(), e.getValue()));
            list.add(new JsonObject().put("id", s.id()).put("name", s.name()).put("roles", roles).put("buildings", buildings));
        }
        return new JsonObject().put("available", available).put("reason", reason)
                .put("simulation", control.map(c -> c.url().toString()).orElse(null)).put("scenarios", list);
    }
}

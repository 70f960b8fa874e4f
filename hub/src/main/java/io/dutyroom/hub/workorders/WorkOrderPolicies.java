package io.dutyroom.hub.workorders;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dutyroom.adapters.model.PointName;
import io.dutyroom.adapters.model.SiteId;
import io.dutyroom.adapters.profile.LocalizedText;
import io.dutyroom.adapters.profile.RulePriority;
import io.dutyroom.adapters.yaml.Durations;
import io.dutyroom.adapters.yaml.InvalidConfigException;
import io.dutyroom.adapters.yaml.Problems;
import io.dutyroom.adapters.yaml.YamlDocument;
import java.io.InputStream;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The work-order policies the hub knows: the ones shipped in {@code workorders/policies.yaml}, plus an
 * operator's file that may add policies, replace a shipped one wholesale (same id) and give each site
 * its own time limits ({@code sites:}), since the maintenance time-limit table is the management
 * office's own. Immutable after load.
 */
public final class WorkOrderPolicies {
    private static final String SHIPPED = "workorders/policies.yaml";
    private static final String CATEGORIES = "water, drainage, fire, power, elevator, access, civil or other";
    private static final String PRIORITIES = "urgent, high, medium or low";
    private static final String STEPS = "respond, arrive, resolve and returnVisit";

    private final Map<String, WorkOrderPolicy> policies;
    private final Map<String, Map<String, Map<SlaStep, Duration>>> sites;
    private final List<WorkOrderPolicy> order;

    private WorkOrderPolicies(Map<String, WorkOrderPolicy> policies, Map<String, Map<String, Map<SlaStep, Duration>>> sites) {
        this.policies = Map.copyOf(policies);
        this.order = List.copyOf(policies.values());
        Map<String, Map<String, Map<SlaStep, Duration>>> copy = new LinkedHashMap<>();
        sites.forEach((site, byPolicy) -> {
            Map<String, Map<SlaStep, Duration>> inner = new LinkedHashMap<>();
            byPolicy.forEach((policy, steps) -> inner.put(policy, Map.copyOf(steps)));
            copy.put(site, Map.copyOf(inner));
        });
        this.sites = Map.copyOf(copy);
    }

    /** The policies shipped with Dutyroom, with the figures of the duty room's procedures. */
    public static WorkOrderPolicies shipped() {
        return Shipped.POLICIES;
    }

    /**
     * The shipped policies plus an operator's file: its policies are added, or replace the shipped
     * policy of the same id, and its {@code sites:} set per-site limits. Every problem is reported.
     */
    public static WorkOrderPolicies load(YamlDocument extra) {
        return merge(shipped(), extra);
    }

    public Optional<WorkOrderPolicy> find(String id) {
        return Optional.ofNullable(policies.get(id));
    }

    /** {@code policy} with the limits its site has set for it; the policy itself where the site sets none. */
    public WorkOrderPolicy forSite(String siteId, WorkOrderPolicy policy) {
        Map<SlaStep, Duration> steps = sites.getOrDefault(siteId, Map.of()).get(policy.id());
        if (steps == null) {
            return policy;
        }
        SlaLimits limits = policy.limits();
        for (Map.Entry<SlaStep, Duration> step : steps.entrySet()) {
            limits = limits.with(step.getKey(), step.getValue());
        }
        return policy.withLimits(limits);
    }

    /** Every policy: shipped ones first in file order, then those the operator added. */
    public Collection<WorkOrderPolicy> all() {
        return order;
    }

    /**
     * Checks that every policy named elsewhere exists, so that a misspelt {@code workOrder:} in a
     * profile stops the hub at start-up instead of an alarm failing to open its order later.
     *
     * @param policyIdToWhereReferenced policy id → {@code file:line} of a place that names it
     * @throws InvalidConfigException listing every id that is not a policy, in the map's order
     */
    public void checkReferences(Map<String, String> policyIdToWhereReferenced) {
        Problems problems = new Problems();
        policyIdToWhereReferenced.forEach((id, where) -> {
            if (!policies.containsKey(id)) {
                problems.add(where + ": workOrder: no work-order policy '" + id + "'");
            }
        });
        problems.throwIfAny();
    }

    private static WorkOrderPolicies readShipped() {
        InputStream in = WorkOrderPolicies.class.getClassLoader().getResourceAsStream(SHIPPED);
        if (in == null) {
            throw new IllegalStateException(SHIPPED + " is missing from the jar");
        }
        return merge(new WorkOrderPolicies(Map.of(), Map.of()), YamlDocument.read(SHIPPED, in));
    }

    private static WorkOrderPolicies merge(WorkOrderPolicies base, YamlDocument doc) {
        PoliciesFile file = doc.bind("", PoliciesFile.class);
        Problems problems = new Problems();
        Map<String, WorkOrderPolicy> merged = new LinkedHashMap<>();
        base.order.forEach(p -> merged.put(p.id(), p));
        Set<String> inThisFile = new HashSet<>();
        for (int i = 0; i < file.policies().size(); i++) {
            String at = "/policies/" + i;
            PolicyEntry entry = file.policies().get(i);
            if (entry == null) {
                problems.at(doc, at, "an empty entry; a policy needs an id, name, category, priority, skill and limits");
                continue;
            }
            if (entry.id() != null && !inThisFile.add(entry.id())) {
                problems.at(doc, at + "/id", "policy '" + entry.id() + "' is declared twice in this file");
                continue;
            }
            policy(doc, at, entry, problems).ifPresent(p -> merged.put(p.id(), p));
        }
        Map<String, Map<String, Map<SlaStep, Duration>>> sites = new LinkedHashMap<>(base.sites);
        siteOverrides(doc, file.sites(), merged.keySet(), sites, problems);
        problems.throwIfAny();
        return new WorkOrderPolicies(merged, sites);
    }

    private static Optional<WorkOrderPolicy> policy(YamlDocument doc, String at, PolicyEntry e, Problems problems) {
        int before = problems.count();
        if (e.id() == null || !PointName.isValid(e.id())) {
            problems.at(doc, at + "/id", "a policy needs an id of 1-64 letters, digits, '.', '_' or '-'");
        }
        if (e.name() == null || blank(e.name().zh()) || blank(e.name().en())) {
            problems.at(doc, at + "/name", "a policy needs a name in zh and en");
        }
        Optional<WorkOrderCategory> category = e.category() == null ? Optional.empty() : WorkOrderCategory.ofCode(e.category());
        if (category.isEmpty()) {
            problems.at(doc, at + "/category", e.category() == null
                    ? "a policy needs a category: " + CATEGORIES
                    : "unknown category '" + e.category() + "'; use " + CATEGORIES);
        }
        Optional<RulePriority> priority = e.priority() == null ? Optional.empty() : RulePriority.parse(e.priority());
        if (priority.isEmpty()) {
            problems.at(doc, at + "/priority", e.priority() == null
                    ? "a policy needs a priority: " + PRIORITIES
                    : "unknown priority '" + e.priority() + "'; use " + PRIORITIES);
        }
        if (blank(e.skill())) {
            problems.at(doc, at + "/skill", "a policy needs the skill of the engineer it dispatches, e.g. electrician");
        }
        for (int j = 0; j < e.notifySkills().size(); j++) {
            if (blank(e.notifySkills().get(j))) {
                problems.at(doc, at + "/notify/" + j, "a notify entry is a skill, e.g. elevator-contractor");
            }
        }
        Map<SlaStep, Duration> limits = new EnumMap<>(SlaStep.class);
        if (e.limits() == null) {
            problems.at(doc, at + "/limits", "missing; a policy sets limits for " + STEPS);
        } else {
            for (SlaStep step : SlaStep.values()) {
                String text = e.limits().text(step);
                String stepAt = at + "/limits/" + step.code();
                if (text == null) {
                    problems.at(doc, stepAt, "missing; a policy sets limits for " + STEPS);
                } else {
                    limit(doc, stepAt, text, problems).ifPresent(d -> limits.put(step, d));
                }
            }
        }
        if (problems.count() != before) {
            return Optional.empty();
        }
        SlaLimits sla = new SlaLimits(limits.get(SlaStep.RESPOND), limits.get(SlaStep.ARRIVE),
                limits.get(SlaStep.RESOLVE), limits.get(SlaStep.RETURN_VISIT));
        return Optional.of(new WorkOrderPolicy(e.id(), e.name(), category.get(), priority.get(), e.skill().trim(),
                e.notifySkills().stream().map(String::trim).toList(), sla, Boolean.TRUE.equals(e.outOfService())));
    }

    private static void siteOverrides(YamlDocument doc, Map<String, Map<String, Map<String, String>>> file, Set<String> known,
                                      Map<String, Map<String, Map<SlaStep, Duration>>> into, Problems problems) {
        file.forEach((site, byPolicy) -> {
            String siteAt = "/sites/" + escape(site);
            if (!SiteId.isValid(site)) {
                problems.at(doc, siteAt, "site id '" + site + "' must be 1-64 letters, digits, '.', '_' or '-'");
                return;
            }
            if (byPolicy == null) {
                return;
            }
            Map<String, Map<SlaStep, Duration>> siteLimits = new LinkedHashMap<>(into.getOrDefault(site, Map.of()));
            byPolicy.forEach((policy, steps) -> {
                String policyAt = siteAt + "/" + escape(policy);
                if (!known.contains(policy)) {
                    problems.at(doc, policyAt, "no work-order policy '" + policy + "'");
                }
                Map<SlaStep, Duration> limits = new EnumMap<>(SlaStep.class);
                limits.putAll(siteLimits.getOrDefault(policy, Map.of()));
                (steps == null ? Map.<String, String>of() : steps).forEach((code, text) -> {
                    String stepAt = policyAt + "/" + escape(code);
                    Optional<SlaStep> step = SlaStep.ofCode(code);
                    if (step.isEmpty()) {
                        problems.at(doc, stepAt, "unknown step '" + code + "'; the steps are " + STEPS);
                    } else if (text == null) {
                        problems.at(doc, stepAt, "missing; give a limit like 30m, 2h or 3d");
                    } else {
                        limit(doc, stepAt, text, problems).ifPresent(d -> limits.put(step.get(), d));
                    }
                });
                siteLimits.put(policy, limits);
            });
            into.put(site, siteLimits);
        });
    }

    private static Optional<Duration> limit(YamlDocument doc, String at, String text, Problems problems) {
        Optional<Duration> d = Durations.parse(text);
        if (d.isEmpty()) {
            problems.at(doc, at, "'" + text + "' is not a duration like 30m, 2h or 3d");
            return Optional.empty();
        }
        if (d.get().isZero() || d.get().isNegative()) {
            problems.at(doc, at, "a limit must be longer than zero (was '" + text + "')");
            return Optional.empty();
        }
        return d;
    }

    /** A map key as one JSON Pointer step. */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Reads the shipped file once, when first asked for. */
    private static final class Shipped {
        static final WorkOrderPolicies POLICIES = readShipped();
    }

    /** The file format, bound by Jackson. */
    record PoliciesFile(List<PolicyEntry> policies, Map<String, Map<String, Map<String, String>>> sites) {
        PoliciesFile {
            policies = policies == null ? List.of() : policies;
            sites = sites == null ? Map.of() : sites;
        }
    }

    /** One policy as written; checked by {@link #policy}. */
    record PolicyEntry(String id, LocalizedText name, String category, String priority, String skill,
                       @JsonProperty("notify") List<String> notifySkills, LimitsEntry limits, Boolean outOfService) {
        PolicyEntry {
            notifySkills = notifySkills == null ? List.of() : notifySkills;
        }
    }

    /** A policy's limits as written. */
    record LimitsEntry(String respond, String arrive, String resolve, String returnVisit) {
        String text(SlaStep step) {
            return switch (step) {
                case RESPOND -> respond;
                case ARRIVE -> arrive;
                case RESOLVE -> resolve;
                case RETURN_VISIT -> returnVisit;
            };
        }
    }
}

package io.dutyroom.adapters.profile;

import io.dutyroom.adapters.modbus.WordOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of equipment described once, as data: its points with units and meanings. Adapters,
 * simulators and the hub's rules all read the same profile. Immutable; point look-up is a map hit
 * because it runs for every reading.
 */
public final class EquipmentProfile {
    private final String id;
    private final LocalizedText name;
    private final String category;
    private final List<PointDefinition> points;
    private final Map<String, PointDefinition> byName;
    private final WordOrder wordOrder;
    private final List<SignalDefinition> signals;
    private final List<RuleDefinition> rules;

    /**
     * @param id       e.g. {@code water-pump-set}; devices name their profile by this id
     * @param name     what the equipment is called, zh-CN and en
     * @param category the duty-room category: water, drainage, fire, power, elevator, access
     * @param points   the points, in the order a screen shows them; names must be unique
     * @param wordOrder the 32-bit word order of the profile's Modbus registers (a point may differ)
     * @param signals  values derived from the points' recent history, for rules
     * @param rules    the fault conditions of this kind of equipment
     */
    public EquipmentProfile(String id, LocalizedText name, String category, List<PointDefinition> points, WordOrder wordOrder,
                            List<SignalDefinition> signals, List<RuleDefinition> rules) {
        this.id = id;
        this.name = name;
        this.category = category;
        this.points = List.copyOf(points);
        Map<String, PointDefinition> index = new LinkedHashMap<>();
        for (PointDefinition p : points) {
            if (index.putIfAbsent(p.name(), p) != null) {
                throw new IllegalArgumentException("point '" + p.name() + "' is declared twice");
            }
        }
        this.byName = Map.copyOf(index);
        this.wordOrder = wordOrder;
        this.signals = List.copyOf(signals);
        this.rules = List.copyOf(rules);
    }

    public EquipmentProfile(String id, LocalizedText name, String category, List<PointDefinition> points) {
        this(id, name, category, points, WordOrder.ABCD, List.of(), List.of());
    }

    public List<SignalDefinition> signals() {
        return signals;
    }

    public List<RuleDefinition> rules() {
        return rules;
    }

    /** The profile's word order for 32-bit registers. */
    public WordOrder wordOrder() {
        return wordOrder;
    }

    /** The points read over Modbus, in profile order. */
    public List<PointDefinition> polledPoints() {
        return points.stream().filter(p -> p.modbus() != null).toList();
    }

    public String id() {
        return id;
    }

    public LocalizedText name() {
        return name;
    }

    public String category() {
        return category;
    }

    public List<PointDefinition> points() {
        return points;
    }

    public Optional<PointDefinition> point(String pointName) {
        return Optional.ofNullable(byName.get(pointName));
    }

    public boolean hasPoint(String pointName) {
        return byName.containsKey(pointName);
    }

    @Override
    public String toString() {
        return "EquipmentProfile[" + id + "]";
    }
}

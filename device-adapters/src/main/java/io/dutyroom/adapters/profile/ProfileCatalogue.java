package io.dutyroom.adapters.profile;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dutyroom.adapters.model.PointName;
import io.dutyroom.adapters.modbus.WordOrder;
import io.dutyroom.adapters.yaml.InvalidConfigException;
import io.dutyroom.adapters.yaml.Problems;
import io.dutyroom.adapters.yaml.YamlDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The equipment profiles the estate can use: the ones shipped in this jar ({@code profiles/*.yaml},
 * listed in {@code profiles/index.txt}) plus any from an operator's directory, which may add new types
 * or replace shipped ones by id.
 */
public final class ProfileCatalogue {
    private static final String INDEX = "profiles/index.txt";

    private final Map<String, EquipmentProfile> profiles;

    private ProfileCatalogue(Map<String, EquipmentProfile> profiles) {
        this.profiles = Map.copyOf(profiles);
    }

    /** The profiles shipped with Dutyroom. */
    public static ProfileCatalogue builtIn() {
        return load(Optional.empty());
    }

    /** The shipped profiles, overridden and extended by every {@code *.yaml} in {@code directory}. */
    public static ProfileCatalogue load(Optional<Path> directory) {
        Map<String, EquipmentProfile> found = new TreeMap<>();
        Problems problems = new Problems();
        for (String file : shippedFiles()) {
            String resource = "profiles/" + file;
            try (InputStream in = ProfileCatalogue.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is listed in " + INDEX + " but missing from the jar");
                }
                problems.collect(() -> add(found, parse(YamlDocument.read(resource, in))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        directory.ifPresent(dir -> {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().forEach(f ->
                        problems.collect(() -> {
                            try {
                                add(found, parse(YamlDocument.read(f.toString(), Files.readAllBytes(f))));
                            } catch (IOException e) {
                                throw new InvalidConfigException(f + ": cannot be read: " + e.getMessage());
                            }
                        }));
            } catch (IOException e) {
                problems.add(dir + ": profile directory cannot be read: " + e.getMessage());
            }
        });
        problems.throwIfAny();
        return new ProfileCatalogue(found);
    }

    /** Parses and validates one profile file. */
    public static EquipmentProfile parse(YamlDocument doc) {
        ProfileFile file = doc.bind("", ProfileFile.class);
        Problems problems = new Problems();
        if (file.id() == null || !PointName.isValid(file.id())) {
            problems.at(doc, "/id", "profile id must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (file.points().isEmpty()) {
            problems.at(doc, "/points", "a profile needs at least one point");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < file.points().size(); i++) {
            PointDefinition p = file.points().get(i);
            String at = "/points/" + i;
            if (!PointName.isValid(p.name())) {
                problems.at(doc, at + "/name", "point name '" + p.name() + "' must be 1-64 letters, digits, '.', '_' or '-'");
            } else if (!seen.add(p.name())) {
                problems.at(doc, at + "/name", "point '" + p.name() + "' is declared twice");
            }
            if (!p.range().isEmpty() && (p.range().size() != 2 || p.range().get(0) > p.range().get(1))) {
                problems.at(doc, at + "/range", "range must be [min, max] with min <= max");
            }
            if (!p.states().isEmpty() && p.type() != ValueType.INT) {
                problems.at(doc, at + "/states", "only an int point can name its states");
            }
            if (p.modbus() != null) {
                RegisterMapCheck.point(doc, at + "/modbus", p, problems);
            }
        }
        RegisterMapCheck.overlaps(doc, file.points(), problems);
        List<SignalDefinition> signals = RuleCheck.signals(doc, file.signals(), file.points(), problems);
        List<RuleDefinition> rules = RuleCheck.rules(doc, file.rules(), file.points(), signals, problems);
        problems.throwIfAny();
        WordOrder order = file.modbus() != null && file.modbus().wordOrder() != null ? file.modbus().wordOrder() : WordOrder.ABCD;
        return new EquipmentProfile(file.id(), file.name(), file.category(), file.points(), order, signals, rules);
    }

    public Optional<EquipmentProfile> find(String id) {
        return Optional.ofNullable(profiles.get(id));
    }

    public Collection<EquipmentProfile> all() {
        return profiles.values();
    }

    private static void add(Map<String, EquipmentProfile> found, EquipmentProfile profile) {
        found.put(profile.id(), profile);
    }

    private static List<String> shippedFiles() {
        try (InputStream in = ProfileCatalogue.class.getClassLoader().getResourceAsStream(INDEX)) {
            if (in == null) {
                throw new IllegalStateException(INDEX + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file format, bound by Jackson. */
    record ProfileFile(
            @JsonProperty(required = true) String id,
            LocalizedText name,
            @JsonProperty(required = true) String category,
            ModbusSettings modbus,
            @JsonProperty(required = true) List<PointDefinition> points,
            List<RuleCheck.SignalFile> signals,
            List<RuleCheck.RuleFile> rules) {
        ProfileFile {
            points = points == null ? List.of() : points;
            signals = signals == null ? List.of() : signals;
            rules = rules == null ? List.of() : rules;
        }
    }

    /** Profile-wide Modbus settings. */
    record ModbusSettings(WordOrder wordOrder) {
    }
}

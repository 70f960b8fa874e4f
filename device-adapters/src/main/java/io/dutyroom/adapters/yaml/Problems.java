package io.dutyroom.adapters.yaml;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem found in a configuration so the operator sees all of them at once. */
public final class Problems {
    private final List<String> problems = new ArrayList<>();

    public void add(String problem) {
        problems.add(problem);
    }

    /** Adds {@code file:line: key: message} for the node at {@code pointer} of {@code doc}. */
    public void at(YamlDocument doc, String pointer, String message) {
        String key = pointer.startsWith("/") ? pointer.substring(1).replace('/', '.') : pointer;
        problems.add(doc.where(pointer) + ": " + key + ": " + message);
    }

    /** Runs {@code step}, collecting its {@link InvalidConfigException} instead of stopping. */
    public void collect(Runnable step) {
        try {
            step.run();
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
    }

    public int count() {
        return problems.size();
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }
}

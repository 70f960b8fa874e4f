package io.dutyroom.adapters.yaml;

import java.util.List;

/**
 * Configuration that cannot be used. Its message is complete and meant for the operator: every line
 * names the file, the line, the key and what is wrong.
 */
public final class InvalidConfigException extends RuntimeException {
    private final List<String> problems;

    public InvalidConfigException(String problem) {
        this(List.of(problem));
    }

    public InvalidConfigException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

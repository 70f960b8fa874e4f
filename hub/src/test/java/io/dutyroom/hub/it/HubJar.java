package io.dutyroom.hub.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged hub as an operator runs it: {@code java -jar target/dutyroom-hub.jar …} in its own
 * process, with only the {@code DUTYROOM_*} variables given (none inherited from the test's own
 * environment), its standard output and error in files of a folder, stopped by SIGTERM.
 */
final class HubJar implements AutoCloseable {
    private static final Path JAR = Path.of("target/dutyroom-hub.jar");

    private final Process process;
    private final Path out;
    private final Path err;

    private HubJar(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static HubJar launch(Path dir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError", "-jar",
                JAR.toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.log");
        Path err = dir.resolve("err.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("DUTYROOM_"));
        builder.environment().putAll(env);
        return new HubJar(builder.start(), out, err);
    }

    Process process() {
        return process;
    }

    String out() throws IOException {
        return Files.readString(out);
    }

    String err() throws IOException {
        return Files.readString(err);
    }

    /** SIGTERM, as a service manager stops it, and waits for the exit (killed after a minute). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}

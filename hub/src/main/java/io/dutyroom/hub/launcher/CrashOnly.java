package io.dutyroom.hub.launcher;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash-only: an error the hub cannot recover from ends the process with a non-zero exit, so that its
 * supervisor (systemd, the container runtime, {@code ./dutyroom} in a loop) starts it again and the
 * broker delivers once more whatever was not acknowledged. A hub that lives on after an
 * {@link OutOfMemoryError}, or without its telemetry writer, stores nothing and looks alive.
 *
 * <p>Two nets, because neither catches everything: {@code -XX:+ExitOnOutOfMemoryError} (set by
 * {@code ./dutyroom}, the bench and the service files) ends the JVM at the first out-of-memory in any
 * thread, even where a library catches {@code Throwable}; the default uncaught-exception handler
 * installed here ends it when any {@link Error} kills a thread, which is how a core thread (the
 * telemetry writer catches exceptions per batch, never errors) dies.
 */
public final class CrashOnly {
    /** The exit status of a hub ended by a fatal error: EX_SOFTWARE. */
    public static final int EXIT_STATUS = 70;
    private static final Logger LOG = LoggerFactory.getLogger(CrashOnly.class);

    private CrashOnly() {
    }

    /** Installs the handler; warns when the JVM would not end itself on running out of memory. */
    public static void install() {
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            if (failure instanceof Error) {
                die("thread " + thread.getName() + " died", failure);
            } else {
                LOG.error("thread {} ended with an uncaught exception", thread.getName(), failure);
            }
        });
        if (!exitsOnOutOfMemory()) {
            LOG.warn("the JVM was started without -XX:+ExitOnOutOfMemoryError: an out-of-memory error that a library "
                    + "catches would leave the hub alive but stalled. ./dutyroom sets it; set it wherever you run the jar.");
        }
    }

    /** Whether the JVM ends itself at the first {@link OutOfMemoryError}. */
    public static boolean exitsOnOutOfMemory() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotspot != null && Boolean.parseBoolean(hotspot.getVMOption("ExitOnOutOfMemoryError").getValue());
        } catch (RuntimeException e) {
            return false; // not HotSpot: cannot tell
        }
    }

    /**
     * Ends the process now. {@code halt}, not {@code exit}: shutdown hooks would try an orderly stop
     * (drain, acknowledge) in a JVM that can no longer be trusted to do one.
     */
    public static void die(String what, Throwable cause) {
        try {
            System.err.println("Dutyroom: fatal: " + what + ": " + cause + "; exiting with status " + EXIT_STATUS + " for the supervisor to restart");
            LOG.error("fatal: {}; exiting with status {}", what, EXIT_STATUS, cause);
        } catch (Throwable ignored) {
            // out of memory even for the message: exit all the same
        } finally {
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }
}

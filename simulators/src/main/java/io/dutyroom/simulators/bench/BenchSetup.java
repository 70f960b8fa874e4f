package io.dutyroom.simulators.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Where the benchmark finds what it starts and talks to: the built jars, the peer's scripts, the
 * database, the broker port and the directory for logs and results. Loopback only.
 */
record BenchSetup(Path repo, Path hubJar, Path simulatorsJar, Path peerScript, String dbUrl, String dbUser, int brokerPort, int hubPort, Path work) {

    String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    Connection database() throws SQLException {
        return DriverManager.getConnection(dbUrl, dbUser, "");
    }
}

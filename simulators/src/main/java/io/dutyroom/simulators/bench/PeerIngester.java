package io.dutyroom.simulators.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The peer a building team would otherwise use: the Node-RED flow of {@code bench/node-red}
 * (MQTT in → JSON → threshold check → INSERT), installed from npm by its script and started by
 * {@code bench/node-red/run.sh}, which replaces itself with the Node.js process.
 */
final class PeerIngester extends ProcessIngester {
    private PeerIngester(ChildProcess process, String schema, BenchSetup setup) {
        super(process, schema, setup);
    }

    static PeerIngester start(BenchSetup setup, String schema, int qos) throws IOException, InterruptedException {
        java.net.URI db = java.net.URI.create(setup.dbUrl().substring("jdbc:".length()));
        Map<String, String> env = Map.of(
                "DUTYROOM_PEER_MQTT_HOST", "127.0.0.1", "DUTYROOM_PEER_MQTT_PORT", Integer.toString(setup.brokerPort()),
                "DUTYROOM_PEER_QOS", Integer.toString(qos),
                "DUTYROOM_PEER_PG_HOST", db.getHost(), "DUTYROOM_PEER_PG_PORT", Integer.toString(db.getPort() < 0 ? 5432 : db.getPort()),
                "DUTYROOM_PEER_PG_DB", db.getPath().substring(1), "DUTYROOM_PEER_PG_USER", setup.dbUser(),
                "DUTYROOM_PEER_PG_SCHEMA", schema);
        ChildProcess child = ChildProcess.start("peer-" + schema, List.of("bash", setup.peerScript().toString()), env, setup.work(),
                "PEER READY", Duration.ofSeconds(60));
        return new PeerIngester(child, schema, setup);
    }

    @Override
    public String name() {
        return "peer";
    }

    @Override
    String tableName() {
        return "peer_telemetry";
    }
}

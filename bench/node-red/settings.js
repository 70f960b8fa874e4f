// Node-RED settings for the benchmark peer (bench/node-red): headless, no editor, no admin API,
// no HTTP server at all, nothing sent anywhere. Started by run.sh:
//   node .../node_modules/node-red/red.js --settings bench/node-red/settings.js
const os = require("os");
const path = require("path");

// userDir holds Node-RED's runtime files (.config.*.json, the credentials file run.sh writes) and a
// link to the installed node_modules (where Node-RED looks for the PostgreSQL node). run.sh sets it;
// the fallback is only for starting red.js by hand.
const userDir = process.env.DUTYROOM_PEER_USERDIR
    || path.join(os.tmpdir(), "dutyroom-node-red-peer");

let ready = false;

module.exports = {
    flowFile: path.join(__dirname, "flow.json"),
    userDir: userDir,
    // Node-RED never writes the flow file, the credentials file or its runtime settings files.
    readOnly: true,
    credentialSecret: false,

    // No editor, no admin API and no HTTP-in routes: with both roots false Node-RED starts no HTTP
    // server ("headless mode"). uiHost is loopback in case someone turns one of them back on.
    httpAdminRoot: false,
    httpNodeRoot: false,
    uiHost: "127.0.0.1",

    lang: "en-US",

    logging: {
        console: { level: "warn", metrics: false, audit: false },
        // Readiness: the MQTT config node logs "Connected to broker" (info level) from inside the
        // client's connect handler, and subscribes to the mqtt-in node's topic in that same handler.
        // This handler prints PEER READY once that handler has run (setImmediate), so the SUBSCRIBE
        // packet has been written to the broker's socket before the line appears on stdout.
        // Later disconnects and reconnects are printed too, since they lose messages (clean session).
        peerState: {
            level: "info",
            metrics: false,
            audit: false,
            handler: function () {
                return function (msg) {
                    if (msg.type !== "mqtt-broker" || typeof msg.msg !== "string") {
                        return;
                    }
                    if (msg.msg.startsWith("Connected to broker")) {
                        setImmediate(function () {
                            console.log(ready ? "PEER MQTT RECONNECTED " + msg.msg : "PEER READY " + msg.msg);
                            ready = true;
                        });
                    } else if (/disconnect|Connection failed/i.test(msg.msg)) {
                        console.log("PEER MQTT " + msg.msg);
                    }
                };
            }
        }
    },

    telemetry: { enabled: false, updateNotification: false },
    diagnostics: { enabled: false, ui: false },
    runtimeState: { enabled: false, ui: false },
    editorTheme: { projects: { enabled: false }, multiplayer: { enabled: false } },
    externalModules: {
        autoInstall: false,
        palette: { allowInstall: false, allowUpdate: false, allowUpload: false },
        modules: { allowInstall: false }
    },
    functionExternalModules: false,
    functionTimeout: 0,
    exportGlobalContextKeys: false,
    mqttReconnectTime: 1000
};

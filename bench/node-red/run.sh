#!/usr/bin/env bash
# Starts the Node-RED benchmark peer in the foreground (README.md in this folder says what it does).
# Creates the schema and table first, then execs Node-RED, so the caller's pid is Node-RED's pid and
# SIGTERM stops it. Prints a line starting with "PEER READY" on stdout once the MQTT node is
# connected and its subscription has been sent; until then nothing else goes to stdout except
# Node-RED's own warnings and errors. Loopback only: other hosts are refused.
#
# Environment (defaults in brackets):
#   DUTYROOM_PEER_MQTT_HOST [127.0.0.1]   DUTYROOM_PEER_MQTT_PORT [18830]
#   DUTYROOM_PEER_TOPIC     [dutyroom/v1/+/+/telemetry]   DUTYROOM_PEER_QOS [1]
#   DUTYROOM_PEER_PG_HOST   [127.0.0.1]   DUTYROOM_PEER_PG_PORT   [5432]
#   DUTYROOM_PEER_PG_DB     [test]        DUTYROOM_PEER_PG_USER   [postgres]
#   DUTYROOM_PEER_PG_PASSWORD []          DUTYROOM_PEER_PG_SCHEMA [bench_peer]
#   DUTYROOM_BENCH_CACHE    [$HOME/.cache/dutyroom-bench]  (install.sh puts Node-RED under node-red/)
#   DUTYROOM_PEER_USERDIR   [$DUTYROOM_BENCH_CACHE/node-red/userdir]  (Node-RED's userDir, rewritten)
#   DUTYROOM_PEER_NODE_OPTIONS []         (extra options for node, e.g. --max-old-space-size=512)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

export DUTYROOM_PEER_MQTT_HOST=${DUTYROOM_PEER_MQTT_HOST:-127.0.0.1}
export DUTYROOM_PEER_MQTT_PORT=${DUTYROOM_PEER_MQTT_PORT:-18830}
export DUTYROOM_PEER_TOPIC=${DUTYROOM_PEER_TOPIC:-dutyroom/v1/+/+/telemetry}
export DUTYROOM_PEER_QOS=${DUTYROOM_PEER_QOS:-1}
export DUTYROOM_PEER_PG_HOST=${DUTYROOM_PEER_PG_HOST:-127.0.0.1}
export DUTYROOM_PEER_PG_PORT=${DUTYROOM_PEER_PG_PORT:-5432}
export DUTYROOM_PEER_PG_DB=${DUTYROOM_PEER_PG_DB:-test}
export DUTYROOM_PEER_PG_USER=${DUTYROOM_PEER_PG_USER:-postgres}
export DUTYROOM_PEER_PG_PASSWORD=${DUTYROOM_PEER_PG_PASSWORD:-}
export DUTYROOM_PEER_PG_SCHEMA=${DUTYROOM_PEER_PG_SCHEMA:-bench_peer}
cache="${DUTYROOM_BENCH_CACHE:-$HOME/.cache/dutyroom-bench}/node-red"
export DUTYROOM_PEER_USERDIR=${DUTYROOM_PEER_USERDIR:-$cache/userdir}

fail() { echo "bench/node-red/run.sh: $*" >&2; exit 1; }
loopback() { [[ $1 == localhost || $1 == ::1 || $1 =~ ^127\.[0-9]+\.[0-9]+\.[0-9]+$ ]]; }
loopback "$DUTYROOM_PEER_MQTT_HOST" || fail "DUTYROOM_PEER_MQTT_HOST must be a loopback address, not $DUTYROOM_PEER_MQTT_HOST"
loopback "$DUTYROOM_PEER_PG_HOST" || fail "DUTYROOM_PEER_PG_HOST must be a loopback address, not $DUTYROOM_PEER_PG_HOST"
[[ $DUTYROOM_PEER_QOS =~ ^[012]$ ]] || fail "DUTYROOM_PEER_QOS must be 0, 1 or 2"
[[ $DUTYROOM_PEER_PG_SCHEMA =~ ^[a-z_][a-z0-9_]*$ ]] || fail "DUTYROOM_PEER_PG_SCHEMA must be a lower-case identifier"
command -v psql >/dev/null || fail "psql is needed to create the table"

# Installs only when missing or at other versions; its chatter goes to stderr.
"$here/install.sh" >&2

PGPASSWORD="$DUTYROOM_PEER_PG_PASSWORD" PGOPTIONS="-c client_min_messages=warning" psql -q -X -v ON_ERROR_STOP=1 \
  -h "$DUTYROOM_PEER_PG_HOST" -p "$DUTYROOM_PEER_PG_PORT" -U "$DUTYROOM_PEER_PG_USER" -d "$DUTYROOM_PEER_PG_DB" \
  -v schema="$DUTYROOM_PEER_PG_SCHEMA" -f "$here/schema.sql" >&2

# Node-RED's userDir: links to the installed node_modules and package.json (Node-RED looks for
# contributed nodes in userDir/node_modules and, in read-only mode, expects the package.json that
# lists them) and the credentials of the PostgreSQL config node. The flow itself is read
# from this folder. The config node keeps user and password only as credentials; Node-RED expands
# ${VAR} in credentials too, and credentialSecret: false (settings.js) keeps the file plain JSON.
# It sits in userDir, where Node-RED looks first, so nothing is written next to flow.json.
mkdir -p "$DUTYROOM_PEER_USERDIR"
ln -sfn "$cache/node_modules" "$DUTYROOM_PEER_USERDIR/node_modules"
ln -sfn "$cache/package.json" "$DUTYROOM_PEER_USERDIR/package.json"
pg_config_id=$("$cache/bin/node" -e \
  'const n = require(process.argv[1]).find(n => n.type === "postgresdb"); console.log(n ? n.id : "")' "$here/flow.json")
[ -n "$pg_config_id" ] || fail "no postgresdb config node in flow.json"
cat > "$DUTYROOM_PEER_USERDIR/flow_cred.json" <<JSON
{ "$pg_config_id": { "user": "\${DUTYROOM_PEER_PG_USER}", "password": "\${DUTYROOM_PEER_PG_PASSWORD}" } }
JSON

export NODE_RED_DISABLE_TELEMETRY=1
# shellcheck disable=SC2086
exec "$cache/bin/node" ${DUTYROOM_PEER_NODE_OPTIONS:-} "$cache/node_modules/node-red/red.js" \
  --settings "$here/settings.js"

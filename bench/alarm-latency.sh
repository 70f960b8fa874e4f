#!/usr/bin/env bash
# End-to-end alarm latency: telemetry published over MQTT until the alarm it raises arrives on the
# live stream (GET /api/v1/timeline/live). Starts a hub in-process (its own schema, topic root and an
# estate of access doors) and prints p50/p95/p99/max in ms. Loopback only, bounded in time.
#   bench/alarm-latency.sh [--samples 500] [--warmup 20] [--devices 20] [--background <msg/s>] ...
#   bench/alarm-latency.sh --help          (all options)
# Needs: PostgreSQL on 127.0.0.1:5432 with database test (user postgres, trust auth) and a broker.
# At rest it uses the local Mosquitto on 127.0.0.1:1883. With --background it starts its own
# Mosquitto on 127.0.0.1:18831 with the in-flight and queue limits raised (docs/mqtt.md, "Broker
# settings"), because Mosquitto's defaults hold the hub to about 1,500 msg/s and drop QoS 1
# messages past 1000 queued; BROKER=shared keeps the local one, BROKER=own forces a private one.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl hub -am test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath
cp="hub/target/test-classes:hub/target/classes:$(cat hub/target/jmh.classpath)"

broker=${BROKER:-}
if [ -z "$broker" ]; then
  broker=shared
  for a in "$@"; do [ "$a" = "--background" ] && broker=own; done
fi
args=()
if [ "$broker" = own ]; then
  port=${BROKER_PORT:-18831}
  workdir=$(mktemp -d)
  cat > "$workdir/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous true
persistence false
max_inflight_messages 1000
max_queued_messages 1000000
CONF
  mosquitto -c "$workdir/mosquitto.conf" > "$workdir/mosquitto.log" 2>&1 &
  mosq=$!
  trap 'kill $mosq 2>/dev/null; wait $mosq 2>/dev/null; rm -rf "$workdir"' EXIT
  for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
  args+=(--mqtt "tcp://127.0.0.1:$port" --inflight "${INFLIGHT:-500}")
fi
DUTYROOM_LOG_LEVEL=${DUTYROOM_LOG_LEVEL:-WARN} java -Xmx1g -cp "$cp" io.dutyroom.hub.bench.AlarmLatencyProbe ${args[@]+"${args[@]}"} "$@"

#!/usr/bin/env bash
# Modbus polling benchmark: N simulated slaves (water pump sets, 3 reads each) on loopback, all
# polled by the hub every second for a fixed time. Reports polls/s, readings/s, the hub's CPU, and
# poll lateness (p50/p99 from the hub's own meter). Loopback only, bounded in time.
#   [INTERVAL=1s] bench/modbus-poll.sh [slaves] [seconds]     (default 200 slaves every 1s, 60 s)
# Needs a built tree (mvn -DskipTests install), Mosquitto on 127.0.0.1:1883 and PostgreSQL on
# 127.0.0.1:5432 with database test (the hub needs a broker and a database to run).
set -euo pipefail
cd "$(dirname "$0")/.."
slaves=${1:-200}; seconds=${2:-60}; interval=${INTERVAL:-1s}
first=15100; port=18182; schema="bench_modbus_$(date +%s)"
work=$(mktemp -d)
psql_q() { psql -h 127.0.0.1 -U postgres -d test -tAc "$1"; }
cpu() { awk '{print ($14+$15)/100}' "/proc/$1/stat"; }

java -jar simulators/target/dutyroom-simulators.jar modbus-farm --slaves "$slaves" --first-port $first --seconds $((seconds + 120)) > "$work/farm.log" 2>&1 &
farm=$!
{
  echo "sites:"; echo "  - id: bench"; echo "    buildings:"; echo "      - id: plant"; echo "        devices:"
  for i in $(seq 0 $((slaves - 1))); do
    echo "          - {id: pumps-$i, profile: water-pump-set, modbus: {host: 127.0.0.1, port: $((first + i)), interval: $interval, timeout: 500ms}}"
  done
} > "$work/estate.yaml"
for _ in $(seq 60); do grep -q READY "$work/farm.log" && break; sleep 1; done

DUTYROOM_DB_URL=jdbc:postgresql://127.0.0.1:5432/test DUTYROOM_DB_USER=postgres DUTYROOM_DB_SCHEMA=$schema \
DUTYROOM_MQTT_URL=tcp://127.0.0.1:1883 DUTYROOM_MQTT_CLIENT_ID=$schema DUTYROOM_HTTP_PORT=$port DUTYROOM_ESTATE="$work/estate.yaml" \
  java -Xmx512m -jar hub/target/dutyroom-hub.jar run > "$work/hub.log" 2>&1 &
hub=$!
trap 'kill $hub $farm 2>/dev/null; wait $hub 2>/dev/null; psql_q "DROP SCHEMA $schema CASCADE" >/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 60); do curl -sf "localhost:$port/health" >/dev/null && break; sleep 1; done
sleep 5 # let every device take its first poll before measuring
metric() { curl -s "localhost:$port/metrics" | awk -v m="$1" 'index($0, m) == 1 {print $NF}'; }
p0=$(metric 'dutyroom_modbus_polls_total{result="ok"}'); r0=$(psql_q "SELECT count(*) FROM $schema.telemetry"); c0=$(cpu $hub); t0=$(date +%s.%N)
sleep "$seconds"
p1=$(metric 'dutyroom_modbus_polls_total{result="ok"}'); r1=$(psql_q "SELECT count(*) FROM $schema.telemetry"); c1=$(cpu $hub); t1=$(date +%s.%N)
bad=$(metric 'dutyroom_modbus_polls_total{result="incomplete"}'); skipped=$(metric 'dutyroom_modbus_polls_skipped_total')
late50=$(metric 'dutyroom_modbus_poll_lateness_seconds{quantile="0.5"}'); late99=$(metric 'dutyroom_modbus_poll_lateness_seconds{quantile="0.99"}')
awk -v n="$slaves" -v p="$(echo "$p1 - $p0" | bc)" -v r="$(echo "$r1 - $r0" | bc)" -v c="$(echo "$c1 - $c0" | bc)" -v t0="$t0" -v t1="$t1" \
    -v bad="$bad" -v sk="$skipped" -v l50="$late50" -v l99="$late99" 'BEGIN {
  d = t1 - t0
  printf "| slaves | polls/s | readings/s | incomplete | skipped | hub CPU %% | lateness p50 ms | lateness p99 ms |\n|---|---|---|---|---|---|---|---|\n"
  printf "| %d | %.0f | %.0f | %s | %s | %.0f | %.1f | %.1f |\n", n, p/d, r/d, bad, sk, 100*c/d, 1000*l50, 1000*l99 }'

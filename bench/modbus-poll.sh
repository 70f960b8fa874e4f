#!/usr/bin/env bash
# Modbus polling benchmark with its ceiling in the same run: one farm of N simulated slaves (water
# pump sets, read with the hub's request plan) on loopback serves, in each of RUNS rounds,
#   1. the hub polling every slave every INTERVAL for a fixed time: polls/s, readings/s (telemetry
#      rows stored), the hub's CPU, incomplete and skipped polls, and poll lateness p50/p99 from the
#      hub's own meter (a sliding window of up to two minutes, so it includes the settling seconds);
#   2. then, the hub stopped, the bare j2mod read loop (dutyroom-sim modbus-bare) reading the same
#      requests from the same slaves as fast as one thread can: the ceiling, with its own CPU.
# It prints a markdown table of median, min and max over the rounds, and the headroom: how many
# times the hub's poll rate the bare loop reached. Loopback only, bounded in time.
#   [RUNS=3] [INTERVAL=1s] bench/modbus-poll.sh [slaves] [seconds]   (default 200 slaves, 60 s each phase)
# Needs built jars (mvn -DskipTests package -pl hub -am), Mosquitto on 127.0.0.1:1883 and PostgreSQL
# on 127.0.0.1:5432 with database test (the hub needs a broker and a database to run). The hub runs
# with log-in off (DUTYROOM_AUTH_ENABLED=false, allowed on loopback only) so its /health answers.
set -euo pipefail
cd "$(dirname "$0")/.."
slaves=${1:-200}; seconds=${2:-60}; runs=${RUNS:-3}; interval=${INTERVAL:-1s}
first=15100; port=18182; stamp=$(date +%s)
work=$(mktemp -d)
sim=simulators/target/dutyroom-simulators.jar
psql_q() { PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -d test -tAc "$1"; }
cpu() { awk '{print ($14+$15)/100}' "/proc/$1/stat"; }
# a Prometheus sample by its exact name and labels; the sum when several series share the prefix
field() { sed -E "s/.*\"$1\": (-?[0-9.]+).*/\1/" <<<"$bare"; } # a number from the bare loop's JSON line
metric() { awk -v m="$1" 'index($0, m) == 1 {s += $NF; n++} END {if (n) print s; else print 0}' "$2"; }

hub=; schema=
stop_hub() {
  if [ -n "$hub" ]; then kill "$hub" 2>/dev/null || true; wait "$hub" 2>/dev/null || true; hub=; fi
  if [ -n "$schema" ]; then psql_q "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null; schema=; fi
}
# long enough for every round (each: hub start-up and settling, two phases); the farm stops itself after
farm_seconds=$((runs * (2 * seconds + 120) + 60)); [ $farm_seconds -le 3600 ] || farm_seconds=3600
java -jar $sim modbus-farm --slaves "$slaves" --first-port $first --seconds $farm_seconds > "$work/farm.log" 2>&1 &
farm=$!
# the script's own status, not that of the farm it kills on the way out
trap 'rc=$?; stop_hub; kill $farm 2>/dev/null || true; wait $farm 2>/dev/null || true; rm -rf "$work"; exit $rc' EXIT
{
  echo "sites:"; echo "  - id: bench"; echo "    buildings:"; echo "      - id: plant"; echo "        devices:"
  for i in $(seq 0 $((slaves - 1))); do
    echo "          - {id: pumps-$i, profile: water-pump-set, modbus: {host: 127.0.0.1, port: $((first + i)), interval: $interval, timeout: 500ms}}"
  done
} > "$work/estate.yaml"
for _ in $(seq 60); do grep -q READY "$work/farm.log" && break; sleep 1; done
grep -q READY "$work/farm.log" || { echo "modbus-poll.sh: the farm did not start:" >&2; cat "$work/farm.log" >&2; exit 1; }

# one line per round: hub polls/s readings/s cpu% incomplete skipped p50ms p99ms, bare polls/s requests/s cpu%
: > "$work/rounds"
for run in $(seq "$runs"); do
  schema="bench_modbus_${stamp}_$run"
  DUTYROOM_DB_URL=jdbc:postgresql://127.0.0.1:5432/test DUTYROOM_DB_USER=postgres DUTYROOM_DB_SCHEMA=$schema \
  DUTYROOM_MQTT_URL=tcp://127.0.0.1:1883 DUTYROOM_MQTT_CLIENT_ID=$schema DUTYROOM_HTTP_HOST=127.0.0.1 DUTYROOM_HTTP_PORT=$port \
  DUTYROOM_AUTH_ENABLED=false DUTYROOM_ESTATE="$work/estate.yaml" \
    java -Xmx512m -jar hub/target/dutyroom-hub.jar run > "$work/hub-$run.log" 2>&1 &
  hub=$!
  for _ in $(seq 60); do curl -sf "localhost:$port/health" >/dev/null && break; sleep 1; done
  curl -sf "localhost:$port/health" >/dev/null || { echo "modbus-poll.sh: the hub did not start:" >&2; tail -20 "$work/hub-$run.log" >&2; exit 1; }
  sleep 5 # let every device take its first poll before measuring
  curl -sf "localhost:$port/metrics" > "$work/m0"; r0=$(psql_q "SELECT count(*) FROM $schema.telemetry"); c0=$(cpu $hub); t0=$(date +%s.%N)
  sleep "$seconds"
  curl -sf "localhost:$port/metrics" > "$work/m1"; r1=$(psql_q "SELECT count(*) FROM $schema.telemetry"); c1=$(cpu $hub); t1=$(date +%s.%N)
  stop_hub
  hub_row=$(awk -v p0="$(metric 'dutyroom_modbus_polls_total{result="ok"}' "$work/m0")" -v p1="$(metric 'dutyroom_modbus_polls_total{result="ok"}' "$work/m1")" \
      -v i0="$(metric 'dutyroom_modbus_polls_total{result="incomplete"}' "$work/m0")" -v i1="$(metric 'dutyroom_modbus_polls_total{result="incomplete"}' "$work/m1")" \
      -v s0="$(metric 'dutyroom_modbus_polls_skipped_total' "$work/m0")" -v s1="$(metric 'dutyroom_modbus_polls_skipped_total' "$work/m1")" \
      -v l50="$(metric 'dutyroom_modbus_poll_lateness_seconds{quantile="0.5"}' "$work/m1")" \
      -v l99="$(metric 'dutyroom_modbus_poll_lateness_seconds{quantile="0.99"}' "$work/m1")" \
      -v r0="$r0" -v r1="$r1" -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" 'BEGIN {
    d = t1 - t0
    printf "%.1f %.1f %.1f %d %d %.2f %.2f", (p1 - p0) / d, (r1 - r0) / d, 100 * (c1 - c0) / d, i1 - i0, s1 - s0, 1000 * l50, 1000 * l99 }')

  bare=$(java -jar $sim modbus-bare --slaves "$slaves" --first-port $first --seconds "$seconds" | grep '^{' | tail -1)
  echo "$hub_row $(field pollsPerSecond) $(field requestsPerSecond) $(field cpuPercent)" >> "$work/rounds"
  per_poll=$(field requestsPerPoll)
  echo "round $run/$runs: hub $hub_row | bare $bare" >&2
done

# median, min and max of each column over the rounds, then the headroom of each round the same way
awk -v n="$slaves" -v runs="$runs" -v secs="$seconds" -v iv="$interval" -v rpp="$per_poll" '
function sortcol(c,   i, j, t) { for (i = 1; i <= NR; i++) v[i] = col[i, c]; for (i = 2; i <= NR; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t } }
function row(label, c, fmt) {
  sortcol(c); med = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
  printf "| %s | " fmt " | " fmt " | " fmt " |\n", label, med, v[1], v[NR]
}
{ for (c = 1; c <= NF; c++) col[NR, c] = $c; col[NR, 11] = $1 > 0 ? $8 / $1 : 0 }
END {
  printf "Modbus polling, %d slaves every %s (%d requests a poll), %d s per phase, %d round(s)\n\n", n, iv, rpp, secs, runs
  print "| figure | median | min | max |"
  print "|---|---:|---:|---:|"
  row("hub polls/s", 1, "%.1f"); row("hub readings/s", 2, "%.0f"); row("hub CPU % of one core", 3, "%.1f")
  row("hub incomplete polls", 4, "%d"); row("hub skipped polls", 5, "%d")
  row("hub poll lateness p50 ms", 6, "%.1f"); row("hub poll lateness p99 ms", 7, "%.1f")
  row("ceiling (bare j2mod) polls/s", 8, "%.0f"); row("ceiling requests/s", 9, "%.0f"); row("ceiling CPU % of one core", 10, "%.1f")
  row("headroom (ceiling polls/s ÷ hub polls/s)", 11, "%.1f")
}' "$work/rounds"

#!/usr/bin/env bash
# End-to-end ingest step test: the load generator publishes one-value telemetry over MQTT to a
# running hub at rising rates; for each step it reports what was offered, acknowledged by the broker
# and stored by the hub, how long the hub needed to drain after the publisher stopped, and the CPU
# seconds each process used. Loopback only, bounded in time.
#   bench/ingest-step.sh [rates...]      (default: 5000 10000 15000 20000 25000 30000)
# Needs: a built tree (mvn -DskipTests install), the mosquitto binary, PostgreSQL on 127.0.0.1:5432
# with database test (our machines have both). It starts its own Mosquitto on 127.0.0.1:18830 with
# the per-client in-flight and queue limits raised (docs/mqtt.md, "Broker settings"): with
# Mosquitto's default of 20 in-flight messages per client, a hub that acknowledges only after the
# database commit is held to 20 messages per commit.
set -euo pipefail
cd "$(dirname "$0")/.."
rates=("$@"); [ ${#rates[@]} -gt 0 ] || rates=(5000 10000 15000 20000 25000 30000)
seconds=${SECONDS_PER_STEP:-20}
qos=${QOS:-1}
schema="bench_$(date +%s)"
port=18181
broker_port=18830
workdir=$(mktemp -d)
cat > "$workdir/mosquitto.conf" <<CONF
listener $broker_port 127.0.0.1
allow_anonymous true
persistence false
max_inflight_messages 1000
max_queued_messages 1000000
CONF
mosquitto -c "$workdir/mosquitto.conf" > "$workdir/mosquitto.log" 2>&1 &
mosq=$!
psql_q() { psql -h 127.0.0.1 -U postgres -d test -tAc "$1"; }
cpu() { awk '{print ($14+$15)/100}' "/proc/$1/stat"; }

DUTYROOM_DB_URL=jdbc:postgresql://127.0.0.1:5432/test DUTYROOM_DB_USER=postgres DUTYROOM_DB_SCHEMA=$schema \
DUTYROOM_MQTT_URL=tcp://127.0.0.1:$broker_port DUTYROOM_MQTT_CLIENT_ID=$schema DUTYROOM_HTTP_PORT=$port \
  java -Xmx512m -jar hub/target/dutyroom-hub.jar run > "/tmp/$schema.log" 2>&1 &
hub=$!
trap 'kill $hub $mosq 2>/dev/null; wait $hub 2>/dev/null; psql_q "DROP SCHEMA $schema CASCADE" >/dev/null; rm -rf "$workdir"' EXIT
for _ in $(seq 60); do curl -sf "localhost:$port/health" >/dev/null && break; sleep 1; done

echo "| offered msg/s | sent | broker-acked | stored | drain s | stored/s | hub CPU % | broker CPU % | heap MiB | RSS MiB |"
echo "|---|---|---|---|---|---|---|---|---|---|"
stored_before=0
for rate in "${rates[@]}"; do
  h0=$(cpu $hub); m0=$(cpu "$mosq"); t0=$(date +%s.%N)
  out=$(java -jar simulators/target/dutyroom-simulators.jar load --url "tcp://127.0.0.1:$broker_port" --inflight 500 --rate "$rate" --seconds "$seconds" --devices 1000 --clients 4 --qos "$qos" --prefix "s$rate")
  t1=$(date +%s.%N)
  sent=$(sed -E 's/.*"offered": ([0-9]+).*/\1/' <<<"$out"); acked=$(sed -E 's/.*"acknowledged": ([0-9]+).*/\1/' <<<"$out")
  target=$((stored_before + sent)); stored=0
  for _ in $(seq 300); do stored=$(psql_q "SELECT count(*) FROM $schema.telemetry"); [ "$stored" -ge "$target" ] && break; sleep 0.2; done
  t2=$(date +%s.%N); h1=$(cpu $hub); m1=$(cpu "$mosq")
  heap=$(curl -s "localhost:$port/metrics" | awk '/^jvm_memory_used_bytes\{area="heap"/ {s+=$NF} END {printf "%.0f", s/1048576}')
  rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$hub/status")
  step=$((stored - stored_before))
  awk -v r="$rate" -v s="$sent" -v a="$acked" -v st="$step" -v t0="$t0" -v t1="$t1" -v t2="$t2" -v h="$(echo "$h1 - $h0" | bc)" -v m="$(echo "$m1 - $m0" | bc)" -v heap="$heap" -v rss="$rss" \
    'BEGIN { printf "| %d | %d | %d | %d | %.1f | %.0f | %.0f | %.0f | %s | %s |\n", r, s, a, st, t2-t1, st/(t2-t0), 100*h/(t2-t0), 100*m/(t2-t0), heap, rss }'
  stored_before=$stored
done

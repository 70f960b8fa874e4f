#!/usr/bin/env bash
# The soak benchmark (docs/benchmarks.md, "memory bounded under sustained load"): one hub, heap capped
# at 512 MiB, under steady load for --steady-minutes (30), then twice that rate for --double-minutes
# (10); then a backlog of --backlog messages (1,000,000) the broker has acknowledged and the hub has
# not stored, and a kill -9 of the hub; then a restart on the same schema and MQTT session, timed to
# /health answering 200 and to every acknowledged reading stored. The hub's heap, RSS, GC pauses,
# writer lag and MQTT backlog are sampled throughout. Passes (exit 0) only if every acknowledged
# reading is stored exactly once and the hub never exited on its own; exits 1 with the numbers if not.
# With --broker mosquitto (the default) the hub is killed first and the backlog queued at a private
# Mosquitto while it is down; with --broker embedded the hub's own HiveMQ CE takes the load, the load
# outpaces the hub until the backlog is queued in it, and the broker dies with the hub. Loopback only;
# samples.csv, soak.json, report.md, heap.png and the logs go to target/bench/soak-<time>/ (or --out).
#   bench/soak.sh --rate N [options]   e.g. bench/soak.sh --shape many --broker mosquitto --rate 16000
#   bench/soak.sh --help               (all options, with their defaults)
# Needs: JDK 17 and Maven, PostgreSQL on 127.0.0.1:5432 with database test (user postgres, trust
# auth), and for --broker mosquitto the mosquitto binary. Takes the phases' time plus the restart's:
# about 45 minutes with the defaults. MVN overrides the Maven command.
set -euo pipefail
cd "$(dirname "$0")/.."
# the hub and the simulators (the soak's own jar); -am builds what they depend on
${MVN:-mvn} -q -B -DskipTests package -pl simulators,hub -am
exec java -jar simulators/target/dutyroom-simulators.jar soak "$@"

#!/usr/bin/env bash
# The end-to-end ingest benchmark in one invocation and one report (docs/benchmarks.md): the bare
# pipeline (the ceiling), Dutyroom and the Node-RED peer, each taking a step test from the same load
# generator through the same private Mosquitto into the same PostgreSQL, one at a time; then
# Dutyroom's publish → alarm and publish → work order latencies at rest and at half its last
# sustainable rate. Loopback only; results, logs, report.md and the step-test plots go to
# target/bench/<time>/.
#   bench/ingest.sh [options]        e.g. --runs 3 --shapes many,wide --qos 1,0
#   bench/ingest.sh --help           (all options, with their defaults)
# Needs: JDK 17 and Maven, the mosquitto binary, PostgreSQL on 127.0.0.1:5432 with database test
# (user postgres, trust auth) and, for the peer, npm (the peer is installed from the npm registry
# into ~/.cache/dutyroom-bench, never into the repository). MVN overrides the Maven command.
set -euo pipefail
cd "$(dirname "$0")/.."
${MVN:-mvn} -q -B -DskipTests package -pl hub -am
peer=yes
for a in "$@"; do
  case "$a" in --help|-h) peer=no ;; esac
done
prev=""
for a in "$@"; do
  if [ "$prev" = "--ingesters" ] && [[ "$a" != *peer* ]]; then peer=no; fi
  case "$a" in --ingesters=*) [[ "$a" == *peer* ]] || peer=no ;; esac
  prev="$a"
done
[ "$peer" = yes ] && bench/node-red/install.sh >/dev/null
exec java -jar simulators/target/dutyroom-simulators.jar bench "$@"

#!/usr/bin/env bash
# Every JMH micro-benchmark in one run, module after module: device-adapters (MQTT payload and Modbus
# register decoding), then hub (rule evaluation per shipped profile, alarm transitions, timeline
# append). Each module's scores are also written as JMH JSON to target/bench/jmh-<module>.json, the
# input of a report, with JMH's text output beside it (.log). One thread each, so scores are per core.
#   bench/jmh.sh [pattern] [JMH options, e.g. -f 3 -wi 3 -i 5]   (not -rf/-rff: the script sets them)
#   bench/jmh.sh TimelineAppend -f 1 -wi 1 -i 1 -w 1s -r 1s       (a JMH regexp; modules with no match are skipped)
# TimelineAppendBenchmark needs PostgreSQL: DUTYROOM_BENCH_DB_URL (default
# jdbc:postgresql://127.0.0.1:5432/test) and DUTYROOM_BENCH_DB_USER (default postgres); the others need nothing.
# Env: JMH_MODULES (default "device-adapters hub"), JMH_RESULTS (default target/bench),
# MVN (default mvn; e.g. MVN="flock /tmp/maven.lock mvn -o" on a shared machine).
set -euo pipefail
cd "$(dirname "$0")/.."
modules=${JMH_MODULES:-device-adapters hub}
results=${JMH_RESULTS:-target/bench}
pattern=
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then pattern="$1"; shift; fi
declare -A package=([device-adapters]=io.dutyroom.adapters.bench [hub]=io.dutyroom.hub.bench)

# One reactor build: the hub's class path points at its siblings' target/classes, so nothing is installed.
${MVN:-mvn} -B -q -pl "${modules// /,}" -am test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath
mkdir -p "$results"

failed=()
for m in $modules; do
  [ -n "${package[$m]:-}" ] || { echo "jmh.sh: no benchmarks known in module '$m'" >&2; exit 2; }
  cp="$m/target/test-classes:$m/target/classes:$(cat "$m/target/jmh.classpath")"
  p=${pattern:-"${package[$m]}\..*"}
  # JMH fails on a pattern that matches nothing; a narrow pattern usually names one module only
  listed=$(java -cp "$cp" org.openjdk.jmh.Main -l "$p")
  if ! grep -q "^${package[$m]}\." <<<"$listed"; then
    echo "== $m: no benchmark matches '$p', skipped"
    continue
  fi
  echo "== $m -> $results/jmh-$m.json (and .log)"
  # JMH leaves a failing benchmark out of the results and still exits 0: its log says <failure>
  if ! java -cp "$cp" org.openjdk.jmh.Main "$p" -rf json -rff "$results/jmh-$m.json" "$@" 2>&1 | tee "$results/jmh-$m.log" \
      || grep -q '<failure>' "$results/jmh-$m.log"; then
    failed+=("$m")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "jmh.sh: benchmarks failed in: ${failed[*]}" >&2
  exit 1
fi

#!/usr/bin/env bash
# JMH micro-benchmarks of the rules and alarms: rule evaluations per shipped profile, the ISA-18.2
# state machine and the alarm book. No broker, no database; one thread, so scores are per core.
#   bench/jmh-rules.sh [JMH options, e.g. -f 3 -wi 3 -i 5, or a narrower pattern like 'RuleEvaluation']
# The hub depends on device-adapters, dashboards and simulators: they are compiled in the same
# reactor (-am) and the hub's class path points at their target/classes, so nothing is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl hub -am test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath
cp="hub/target/test-classes:hub/target/classes:$(cat hub/target/jmh.classpath)"
pattern='io.dutyroom.hub.bench.*'
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then pattern="$1"; shift; fi
exec java -cp "$cp" org.openjdk.jmh.Main "$pattern" "$@"

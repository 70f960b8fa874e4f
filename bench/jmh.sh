#!/usr/bin/env bash
# JMH micro-benchmarks of the hot decoding paths (MQTT payloads, Modbus registers).
#   bench/jmh.sh [JMH options, e.g. -f 3 -wi 3 -i 5]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl device-adapters -am test-compile
mvn -q -pl device-adapters dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath
cp="device-adapters/target/test-classes:device-adapters/target/classes:$(cat device-adapters/target/jmh.classpath)"
exec java -cp "$cp" org.openjdk.jmh.Main 'io.dutyroom.adapters.bench.*' "$@"

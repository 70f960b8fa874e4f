#!/usr/bin/env bash
# JMH micro-benchmarks of the rules and alarms: rule evaluations per shipped profile, the ISA-18.2
# state machine and the alarm book. No broker, no database; one thread, so scores are per core.
#   bench/jmh-rules.sh [JMH options, e.g. -f 3 -wi 3 -i 5, or a narrower pattern like 'RuleEvaluation']
# A pattern replaces the default, so 'bench/jmh-rules.sh TimelineAppend' runs the hub's timeline append
# benchmark (that one needs PostgreSQL). bench/jmh.sh does the work, and runs every module's benchmarks
# when called itself; scores also go to target/bench/jmh-hub.json.
set -euo pipefail
cd "$(dirname "$0")/.."
pattern='io\.dutyroom\.hub\.bench\.(RuleEvaluation|AlarmTransition)Benchmark'
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then pattern="$1"; shift; fi
JMH_MODULES=hub exec bench/jmh.sh "$pattern" "$@"

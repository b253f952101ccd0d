#!/usr/bin/env bash
# Runs benchmarks.jar with the given arguments, building it first if it is missing or older
# than the sources. Examples:
#   scripts/run-suite.sh                      # the default suite into results/
#   scripts/run-suite.sh --quick --out /tmp/r # smoke profile elsewhere
#   scripts/run-suite.sh sweep --quick        # a subcommand
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
if [ ! -f "$jar" ] || [ -n "$(find engine/src benchmarks/src pom.xml engine/pom.xml benchmarks/pom.xml -newer "$jar" -print -quit)" ]; then
  mvn -B -q -DskipTests package
fi
exec java -jar "$jar" "$@"

#!/usr/bin/env bash
# Draws the report plots (PNG) of a results folder, by default results/ into results/report/:
#   scripts/report.sh
#   scripts/report.sh --results /tmp/run --out /tmp/run/plots
# See: java -jar benchmarks/target/benchmarks.jar report --help
set -euo pipefail
exec "$(dirname "$0")/run-suite.sh" report "$@"

#!/usr/bin/env bash
# Regression verdicts between two result files or folders, e.g. the committed baseline and a
# fresh run:
#   scripts/compare.sh results/ /tmp/run
#   scripts/compare.sh --fail-on-regression --threshold 10 results/kernel.csv /tmp/run/kernel.csv
# See: java -jar benchmarks/target/benchmarks.jar compare --help
set -euo pipefail
exec "$(dirname "$0")/run-suite.sh" compare "$@"

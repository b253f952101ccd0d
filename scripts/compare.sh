#!/usr/bin/env bash
# Regression verdicts between two result files or folders. Without paths: the committed
# baseline (results/) against the latest run (results/runs/<newest>/):
#   scripts/compare.sh
#   scripts/compare.sh --fail-on-regression                  # CI: exit 1 on a regression
#   scripts/compare.sh 20261124-101500-1b3e658               # results/ against that run
#   scripts/compare.sh results/ /tmp/run                     # two folders
#   scripts/compare.sh --threshold 10 results/kernel.csv latest
# Exit 0 ok, 1 regression (with --fail-on-regression), 2 bad usage or an input that cannot be
# compared. Paths are relative to the repository root (run-suite.sh changes into it).
# See: java -jar benchmarks/target/benchmarks.jar compare --help
set -euo pipefail
exec "$(dirname "$0")/run-suite.sh" compare "$@"

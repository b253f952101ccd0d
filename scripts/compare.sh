#!/usr/bin/env bash
# Regression verdicts between two result files or folders. Without paths: the baseline run
# (results/runs/<the name in results/baseline>/) against the latest run (results/runs/<newest>/):
#   scripts/compare.sh
#   scripts/compare.sh --fail-on-regression                  # CI: exit 1 on a regression
#   scripts/compare.sh 20261124-101500-1b3e658               # the baseline against that run
#   scripts/compare.sh 20261123-180209-58433fe /tmp/run      # two folders (a run name or a path)
#   scripts/compare.sh --threshold 10 results/runs/20261123-180209-58433fe/kernel.csv latest
# Exit 0 ok, 1 regression (with --fail-on-regression), 2 bad usage or an input that cannot be
# compared. Paths are relative to the repository root (run-suite.sh changes into it).
# See: java -jar benchmarks/target/benchmarks.jar compare --help
set -euo pipefail
exec "$(dirname "$0")/run-suite.sh" compare "$@"

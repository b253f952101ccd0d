#!/usr/bin/env bash
# Draws the report charts (PNG, provenance under each title, a caption below) of a results folder and
# one self-contained page with all of them, the key tables and the missing inputs (report.html), by
# default from the latest run (results/runs/<newest>/, else the baseline run) into its report/
# folder (existing files are never overwritten):
#   scripts/report.sh
#   scripts/report.sh --results /tmp/run --out /tmp/run/plots
# See: java -jar benchmarks/target/benchmarks.jar report --help
set -euo pipefail
exec "$(dirname "$0")/run-suite.sh" report "$@"

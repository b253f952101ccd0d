#!/usr/bin/env bash
# The CI recipe: a short suite run -> compare against a baseline (gating on regressions) ->
# record the run in the history database -> one exit code. docs/ci.md has the GitHub Actions job.
#
#   scripts/ci-benchmark.sh                                  # quick suite vs the baseline run, record, gate
#   scripts/ci-benchmark.sh --baseline ci-baseline --markdown compare.md
#   scripts/ci-benchmark.sh --family kernel --confirm        # one family; re-run flagged rows first
#   scripts/ci-benchmark.sh -- -i 10 -wi 3                   # JMH options for the suite run
#
# Flags:
#   --baseline DIR    folder of result files to compare against (default: the baseline run, the
#                     folder of results/runs/ that results/baseline names). Only sides that ran alike (same profile, settings, JDK, kernel and
#                     machine, by their env files) gate: on a CI runner keep a baseline made by this
#                     script on the same runner type (docs/ci.md), or add --gate-mismatched.
#   --out DIR         run folder (default results/runs/<yyyyMMdd-HHmmss>-<commit>-ci/)
#   --family NAME     run one family (default: the suite's default families)
#   --threshold PCT   smallest change that can count, in percent (default 5)
#   --samples N       measurement iterations per fork (default 5, see below)
#   --markdown FILE   also write the comparison as Markdown to FILE (a pull-request comment)
#   --confirm         re-run flagged rows with more forks before a regression stands (compare --confirm)
#   --gate-mismatched gate even on files whose sides did not run alike
#   --no-record       do not record the run in the history database
#   --db URL          history database for record (default: record's own, results/history.db)
#   -- ARGS           further JMH options for the suite run
#
# Why --samples: the quick profile alone measures one or two iterations per row, and compare never
# calls a row without a 99.9 % interval (three samples or more) a regression, so a quick run
# alone could never fail the gate. The script keeps the quick profile's short iterations and
# forks but measures 5 iterations, so every row has an interval.
#
# Exit: 0 no regression; 1 a regression (compare --fail-on-regression); 2 bad usage or an input
# compare cannot read; 3 the environment (JMH lock held, disk, record's database); the suite's own
# code when the suite fails. The run is recorded whatever compare says (a regression belongs in
# the history too), but not when the suite failed.
set -euo pipefail
cd "$(dirname "$0")/.."

baseline=""
out=""
family=""
threshold=5
samples=5
markdown=""
confirm=()
gate=()
record=1
db=()
jmh=()
while [ $# -gt 0 ]; do
  case "$1" in
    --baseline) baseline=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --family) family=$2; shift 2 ;;
    --threshold) threshold=$2; shift 2 ;;
    --samples) samples=$2; shift 2 ;;
    --markdown) markdown=$2; shift 2 ;;
    --confirm) confirm=(--confirm); shift ;;
    --gate-mismatched) gate=(--gate-mismatched); shift ;;
    --no-record) record=0; shift ;;
    --db) db=(--db "$2"); shift 2 ;;
    --) shift; jmh=("$@"); break ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "ci-benchmark.sh: unknown argument '$1' (--help lists the flags)" >&2; exit 2 ;;
  esac
done
if [ -z "$baseline" ]; then
  # The pointer file names the baseline run (docs/results.md); checked here, before the suite runs.
  pointer=results/baseline
  if [ ! -f "$pointer" ]; then
    echo "ci-benchmark.sh: $pointer: no such file (it names the baseline run in results/runs/; or give --baseline DIR)" >&2
    exit 2
  fi
  name=$(grep -v '^[[:space:]]*$' "$pointer" | head -n 1 | tr -d '[:space:]')
  baseline="results/runs/$name"
  if [ -z "$name" ] || [ ! -d "$baseline" ]; then
    echo "ci-benchmark.sh: $pointer: names '$name', but $baseline is not a folder" >&2
    exit 2
  fi
fi
if [ ! -d "$baseline" ]; then
  echo "ci-benchmark.sh: --baseline $baseline: no such folder" >&2
  exit 2
fi

jar=benchmarks/target/benchmarks.jar
if [ ! -f "$jar" ] || [ -n "$(find engine/src benchmarks/src pom.xml engine/pom.xml benchmarks/pom.xml -newer "$jar" -print -quit)" ]; then
  mvn -B -q -DskipTests package
fi

if [ -z "$out" ]; then
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo nogit)
  out="results/runs/$(date -u +%Y%m%d-%H%M%S)-$commit-ci"
fi

# 1. The suite, quick profile with enough samples for an interval per row.
suite=(--quick --out "$out" -i "$samples")
if [ -n "$family" ]; then suite+=(--family "$family"); fi
echo "== suite: java -jar $jar ${suite[*]} ${jmh[*]:-}"
set +e
java -jar "$jar" "${suite[@]}" "${jmh[@]}"
code=$?
set -e
if [ "$code" -ne 0 ]; then
  echo "ci-benchmark.sh: the suite failed (exit $code); nothing compared or recorded" >&2
  exit "$code"
fi

# 2. Compare against the baseline; the gate. With --markdown the one comparison is written as
#    Markdown (to the log and FILE), so the comment shows the verdicts the gate used.
cmp=(compare --fail-on-regression --threshold "$threshold" "${gate[@]}" "${confirm[@]}")
if [ -n "$markdown" ]; then cmp+=(--format markdown); fi
cmp+=("$baseline" "$out")
echo "== compare: java -jar $jar ${cmp[*]}"
set +e
if [ -n "$markdown" ]; then
  java -jar "$jar" "${cmp[@]}" | tee "$markdown"
  verdict=${PIPESTATUS[0]}
else
  java -jar "$jar" "${cmp[@]}"
  verdict=$?
fi
set -e

# 3. Record the run in the history database (the record subcommand, when the jar has it).
recorded=0
if [ "$record" -eq 1 ]; then
  if java -jar "$jar" --help | grep -qE '^  record '; then
    echo "== record: java -jar $jar record $out ${db[*]:-}"
    set +e
    java -jar "$jar" record "$out" "${db[@]}"
    recorded=$?
    set -e
    if [ "$recorded" -ne 0 ]; then
      echo "ci-benchmark.sh: record failed (exit $recorded)" >&2
    fi
  else
    echo "ci-benchmark.sh: this benchmarks.jar has no record command; the run is kept in $out but not recorded" >&2
  fi
fi

# 4. One exit code: the gate's verdict first, then record's failure.
if [ "$verdict" -ne 0 ]; then
  exit "$verdict"
fi
exit "$recorded"

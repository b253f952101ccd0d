#!/usr/bin/env bash
# Runs the NumPy and PyTorch peers of the JMH suite for every precision and BLAS thread
# count and merges their results into one JMH-format CSV. See --help.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PY="${PEERS_PYTHON:-/usr/bin/python3}"   # Debian's python3: numpy/torch come from apt

usage() {
    cat <<EOF
Usage: scripts/peers/run-peers.sh [--quick] [--out DIR] [--force] [--no-install] [--help]

Times NumPy (backprop gradient, SGD epoch, classic central-difference gradient per
parameter) and PyTorch CPU (backprop gradient, SGD epoch) on the 784-50-10 MLP, in float
and double, with 1 and 2 BLAS threads (one subprocess each), and writes
  DIR/peers.csv       JMH CSV format (avgt), benchmarks peers.numpy.* / peers.torch.*
  DIR/peers-env.csv   date, versions, BLAS library and OpenBLAS core type, CPU, threads
DIR defaults to the newest of your own runs in results/runs/ (the suite's latest run;
the committed runs are changed only with an explicit --out). Existing files are not overwritten
unless --force is given (the new results are then written to temp files and renamed).

  --quick       smoke run: short warm-up, 3 samples, 50 FD parameters, MNIST-10k only
  --out DIR     write peers.csv and peers-env.csv into DIR
  --force       replace existing DIR/peers.csv and DIR/peers-env.csv
  --no-install  never call apt-get; peers whose packages are missing are skipped
  --help        this text

Missing Debian packages (python3-numpy, libopenblas0-pthread, python3-threadpoolctl,
python3-torch, dataset-fashion-mnist) are installed with apt-get when running as root
with apt-get available; otherwise the affected peer or data set is skipped with a note.
OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are dropped inside each peer process (recorded in
peers-env.csv), and OMP_WAIT_POLICY defaults to PASSIVE there (libgomp's spinning workers
otherwise starve OpenBLAS's threads: torch at 2 threads ran ~20x slower). Interpreter: \$PEERS_PYTHON, default /usr/bin/python3.
EOF
}

# latest_own_run: the default DIR (runs.sh, shared with the other peers runner)
. "$HERE/runs.sh"

QUICK=0
OUT=""
FORCE=0
INSTALL=1
while [ $# -gt 0 ]; do
    case "$1" in
        --help|-h) usage; exit 0 ;;
        --quick) QUICK=1 ;;
        --force) FORCE=1 ;;
        --no-install) INSTALL=0 ;;
        --out)
            if [ $# -lt 2 ] || [ -z "$2" ]; then echo "run-peers.sh: --out needs a directory" >&2; exit 2; fi
            OUT="$2"; shift ;;
        --out=*) OUT="${1#--out=}"
            if [ -z "$OUT" ]; then echo "run-peers.sh: --out needs a directory" >&2; exit 2; fi ;;
        *) echo "run-peers.sh: unknown flag '$1' (see --help)" >&2; exit 2 ;;
    esac
    shift
done
if [ -z "$OUT" ]; then
    if ! OUT=$(latest_own_run); then
        echo "run-peers.sh: no run of yours in $REPO/results/runs/ to add the peers to: run the suite first, or give --out DIR" >&2
        exit 2
    fi
fi

CSV="$OUT/peers.csv"
ENVCSV="$OUT/peers-env.csv"
if [ "$FORCE" -eq 0 ]; then
    for f in "$CSV" "$ENVCSV"; do
        if [ -e "$f" ]; then echo "run-peers.sh: $f exists (use --force to replace it)" >&2; exit 1; fi
    done
fi

note() { echo "run-peers: $*" >&2; }
NOTES=()

if [ ! -x "$PY" ]; then
    note "$PY not found; nothing to run"
    exit 1
fi

can_apt() { [ "$INSTALL" -eq 1 ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; }
APT_UPDATED=0
apt_install() {
    # apt-get may be busy (other builds on this machine): wait for its locks.
    if [ "$APT_UPDATED" -eq 0 ]; then
        local i
        for i in 1 2 3 4 5 6 7 8 9 10; do
            if apt-get update -qq >/dev/null 2>&1; then break; fi
            note "apt-get update failed or locked, retrying ($i)"; sleep 10
        done
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=600 "$@" >&2
}
has_module() { "$PY" -c "import $1" >/dev/null 2>&1; }
has_openblas() {
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PY" - <<'EOF' >/dev/null 2>&1
import numpy, threadpoolctl, sys
sys.exit(0 if any(i.get("internal_api") == "openblas" for i in threadpoolctl.threadpool_info()) else 1)
EOF
}

# ---- what is missing ------------------------------------------------------------------
want=()
has_module numpy || want+=(python3-numpy)
has_module threadpoolctl || want+=(python3-threadpoolctl)
has_module torch || want+=(python3-torch)
[ -d /usr/share/datasets/fashion-mnist ] || want+=(dataset-fashion-mnist)
# Debian's numpy links libblas.so.3, which is the slow reference BLAS unless OpenBLAS is in.
if ! dpkg -s libopenblas0-pthread >/dev/null 2>&1 && ! dpkg -s libopenblas0-openmp >/dev/null 2>&1 \
        && ! dpkg -s libopenblas0-serial >/dev/null 2>&1; then
    want+=(libopenblas0-pthread)
fi
if [ ${#want[@]} -gt 0 ]; then
    if can_apt; then
        note "installing ${want[*]}"
        for p in "${want[@]}"; do
            apt_install "$p" || note "could not install $p"
        done
    else
        note "missing ${want[*]} (not root, no apt-get or --no-install): skipping what needs them"
    fi
fi

PEERS=()
if has_module numpy; then PEERS+=(numpy); else NOTES+=("skipped.numpy=python3-numpy not installed"); note "numpy missing: skipping the numpy peer"; fi
if has_module torch && has_module numpy; then PEERS+=(torch); else NOTES+=("skipped.torch=python3-torch not installed"); note "torch missing: skipping the torch peer"; fi
[ -d /usr/share/datasets/fashion-mnist ] || NOTES+=("skipped.fashion-mnist=dataset-fashion-mnist not installed")
if [ ${#PEERS[@]} -eq 0 ]; then note "no peer can run"; exit 1; fi
has_module threadpoolctl || NOTES+=("threadpoolctl=not installed: BLAS core type and thread counts unverified")
if has_module threadpoolctl && ! has_openblas; then NOTES+=("blas.warning=numpy is not using OpenBLAS"); note "warning: numpy is not using OpenBLAS"; fi

# ---- run ------------------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/peers.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
QFLAG=()
[ "$QUICK" -eq 1 ] && QFLAG=(--quick)
PARTS=()
START=$(date +%s)
for peer in "${PEERS[@]}"; do
    for prec in float double; do
        for t in 1 2; do
            part="$WORK/$peer-$prec-$t.json"
            note "$peer $prec threads=$t"
            if "$PY" "$HERE/peer_$peer.py" --precision "$prec" --threads "$t" --json "$part" "${QFLAG[@]}"; then
                PARTS+=("$part")
            else
                note "$peer $prec threads=$t FAILED (left out of the CSV)"
                NOTES+=("failed.$peer.$prec.threads$t=exit status $?")
            fi
        done
    done
done
[ ${#PARTS[@]} -gt 0 ] || { note "every peer run failed"; exit 1; }

ARGS=(merge --csv "$CSV" --env "$ENVCSV")
[ "$FORCE" -eq 1 ] && ARGS+=(--force)
ARGS+=(--note "runner.date=$(date -u +%Y-%m-%dT%H:%M:%SZ)")
ARGS+=(--note "runner.host=$(hostname 2>/dev/null || echo unknown)")
ARGS+=(--note "runner.os=$(uname -s) $(uname -r)")
ARGS+=(--note "runner.mode=$([ "$QUICK" -eq 1 ] && echo quick || echo full)")
ARGS+=(--note "runner.seconds=$(( $(date +%s) - START ))")
ARGS+=(--note "runner.OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}")
ARGS+=(--note "runner.OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE:-unset}")
ARGS+=(--note "git.commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)")
for n in "${NOTES[@]+"${NOTES[@]}"}"; do ARGS+=(--note "$n"); done
"$PY" "$HERE/common.py" "${ARGS[@]}" "${PARTS[@]}"
note "wrote $CSV and $ENVCSV"

#!/usr/bin/env bash
# Builds and runs the Java peers (DL4J, PyTorch through DJL) with JMH at 1 and 2 threads and adds
# their rows to the peers file. See --help.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
MODULE="$REPO/peers-java"

usage() {
    cat <<EOF
Usage: scripts/peers/run-java-peers.sh [--quick] [--out DIR] [--force] [--peers LIST] [--help]

Builds the peers-java module (mvn -Ppeers-java -pl peers-java -am package -DskipTests; the first
build downloads ~0.6 GB of native jars from Maven Central) and times, with JMH (2 forks of 3
warm-up + 5 measured 1 s iterations), on the suite's 784-50-10 network at batch 100:
  peers.dl4j.BackpropGradient, peers.djl.BackpropGradient     one gradient (us/op), float and double
  peers.dl4j.Epoch, peers.djl.Epoch                           one SGD epoch (ms/op) over mnist-10k and,
                                                              if installed, fashion-mnist
  peers.dl4j.GradientCheckPerParameter                        one parameter of DL4J's GradientCheckUtil
                                                              loop (us/op, double as DL4J demands)
once with 1 and once with 2 threads (OMP/OpenBLAS/MKL variables set for the JMH forks, ND4J's and
PyTorch's own thread settings pinned in each fork). Each peer first checks its gradient against the
engine's double reference (relative error < 1e-4; a failed check stops the run, exit 1); a peer
whose native library does not load is skipped with a one-line reason. The rows are added to
  DIR/peers.csv       JMH CSV, beside the NumPy / PyTorch rows of scripts/peers/run-peers.sh
  DIR/peers-env.csv   versions, native builds, thread settings and checks, scopes dl4j/threads=N, djl/threads=N
DIR defaults to the newest of your own runs in results/runs/ (the suite's latest run; the
committed runs are changed only with an explicit --out). Run scripts/peers/run-peers.sh first (it writes a fresh peers.csv);
existing rows of the peers run are replaced only with --force; all other rows are kept.

  --quick       smoke run: 1 fork, 1 warm-up + 2 measured iterations of 0.2 s, mnist-10k only
  --out DIR     write into DIR/peers.csv and DIR/peers-env.csv
  --force       replace the rows of the peers run (--peers) already in DIR/peers.csv (the other
                Java peer's rows and env scopes are kept)
  --peers LIST  comma-separated subset of dl4j,djl (default both)
  --help        this text

OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are dropped for the peers (as run-peers.sh does; recorded in
the env file) and OMP_WAIT_POLICY defaults to PASSIVE. The ND4J native build is linux-x86_64-avx512
when the CPU has AVX-512F, else linux-x86_64-avx2 (override: ND4J_EXTENSION=avx2). DJL runs offline
and unpacks PyTorch 2.7.1 from the pytorch-native-cpu jar into peers-java/target/djl-cache.
EOF
}

# latest_own_run: the default DIR (runs.sh, shared with the other peers runner)
. "$HERE/runs.sh"

QUICK=0
OUT=""
FORCE=0
PEERS_ARG="dl4j,djl"
while [ $# -gt 0 ]; do
    case "$1" in
        --help|-h) usage; exit 0 ;;
        --quick) QUICK=1 ;;
        --force) FORCE=1 ;;
        --out)
            if [ $# -lt 2 ] || [ -z "$2" ]; then echo "run-java-peers.sh: --out needs a directory" >&2; exit 2; fi
            OUT="$2"; shift ;;
        --out=*) OUT="${1#--out=}"
            if [ -z "$OUT" ]; then echo "run-java-peers.sh: --out needs a directory" >&2; exit 2; fi ;;
        --peers)
            if [ $# -lt 2 ] || [ -z "$2" ]; then echo "run-java-peers.sh: --peers needs dl4j, djl or dl4j,djl" >&2; exit 2; fi
            PEERS_ARG="$2"; shift ;;
        *) echo "run-java-peers.sh: unknown flag '$1' (see --help)" >&2; exit 2 ;;
    esac
    shift
done
if [ -z "$OUT" ]; then
    if ! OUT=$(latest_own_run); then
        echo "run-java-peers.sh: no run of yours in $REPO/results/runs/ to add the peers to: run the suite first, or give --out DIR" >&2
        exit 2
    fi
fi

PEERS=()
IFS=',' read -r -a REQUESTED <<< "$PEERS_ARG"
for p in "${REQUESTED[@]}"; do
    case "$p" in
        dl4j|djl) PEERS+=("$p") ;;
        *) echo "run-java-peers.sh: --peers: unknown peer '$p' (expected dl4j, djl)" >&2; exit 2 ;;
    esac
done

note() { echo "run-java-peers: $*" >&2; }

CSV="$OUT/peers.csv"
SELECTED="$(printf '%s' "$PEERS_ARG" | sed 's/,/\\|/g')"
if [ "$FORCE" -eq 0 ] && [ -f "$CSV" ] && grep -q "^\"peers\.\($SELECTED\)\." "$CSV"; then
    note "$CSV already holds rows of $PEERS_ARG (use --force to replace them)"
    exit 1
fi
mkdir -p "$OUT"

if [ -n "${ND4J_EXTENSION:-}" ]; then
    EXT="$ND4J_EXTENSION"
elif grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
    EXT=avx512
else
    EXT=avx2
fi
case "$EXT" in avx2|avx512) ;; *) note "ND4J_EXTENSION must be avx2 or avx512, got '$EXT'"; exit 2 ;; esac

# ---- build ------------------------------------------------------------------------------
note "building peers-java (nd4j linux-x86_64-$EXT)"
if ! (cd "$REPO" && mvn -B -q -Ppeers-java -pl peers-java -am package -DskipTests -Dnd4j.extension="$EXT" >&2); then
    note "the peers-java build failed (see above)"
    exit 3
fi
CP="$MODULE/target/classes:$(cat "$MODULE/target/classpath.txt")"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JVM_FLAGS=(-Duser.language=en "-Djavacpp.platform.extension=-$EXT" -Dai.djl.offline=true
           "-DENGINE_CACHE_DIR=$MODULE/target/djl-cache")
# JMH's -jvmArgsAppend replaces the @Fork value, so it carries the heap too.
FORK_FLAGS="-Xmx3g ${JVM_FLAGS[*]}"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/java-peers.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

JMH_TIMING=()
# The epoch states default to both data sets (the gradient states have mnist-10k only): -p narrows all.
DATASETS=()
if [ "$QUICK" -eq 1 ]; then
    JMH_TIMING=(-f 1 -wi 1 -i 2 -w 200ms -r 200ms)
    DATASETS=(-p dataset=mnist-10k)
fi
NOTES=(--note "runner.mode=$([ "$QUICK" -eq 1 ] && echo quick || echo full)"
       --note "runner.OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
       --note "runner.OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE:-unset}"
       --note "runner.nd4j.extension=linux-x86_64-$EXT"
       --note "git.commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)")
if [ ! -d /usr/share/datasets/fashion-mnist ]; then
    DATASETS=(-p dataset=mnist-10k)
    NOTES+=(--note "skipped.fashion-mnist=/usr/share/datasets/fashion-mnist not installed (apt-get install dataset-fashion-mnist)")
fi

# ---- run --------------------------------------------------------------------------------
declare -A SKIPPED=()
MERGE=()
START=$(date +%s)
for t in 1 2; do
    RUNNABLE=()
    for peer in "${PEERS[@]}"; do
        [ -n "${SKIPPED[$peer]:-}" ] && continue
        desc="$WORK/$peer-$t.tsv"
        set +e
        env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS="$t" OPENBLAS_NUM_THREADS="$t" MKL_NUM_THREADS="$t" \
            OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}" \
            "$JAVA" "${JVM_FLAGS[@]}" -cp "$CP" io.fdbench.peers.JavaPeers describe "$peer" --threads "$t" --out "$desc" \
            2> "$WORK/$peer-$t.err"
        rc=$?
        set -e
        if [ "$rc" -eq 0 ]; then
            RUNNABLE+=("$peer")
            MERGE+=(--env "$desc")
        elif [ "$rc" -eq 1 ] || [ "$rc" -eq 2 ]; then
            # The peer loaded but its gradient check (or its setup) failed: no rows from a wrong gradient.
            note "$(grep '^java-peers: ' "$WORK/$peer-$t.err" | tail -1 | sed 's/^java-peers: //')"
            note "$peer at $t thread(s) failed its check; nothing written"
            exit 1
        else
            reason="$(grep '^java-peers: ' "$WORK/$peer-$t.err" | tail -1 | sed 's/^java-peers: //')"
            [ -n "$reason" ] || reason="$(tail -1 "$WORK/$peer-$t.err") (exit $rc)"
            note "$peer skipped: $reason"
            SKIPPED[$peer]="$reason"
            NOTES+=(--note "skipped.$peer=$reason")
        fi
    done
    [ ${#RUNNABLE[@]} -gt 0 ] || continue
    classes=()
    for p in "${RUNNABLE[@]}"; do
        if [ "$p" = dl4j ]; then classes+=(Dl4j); else classes+=(Djl); fi
    done
    include="io\\.fdbench\\.peers\\.($(IFS='|'; echo "${classes[*]}"))Benchmark\\..*"
    csv="$WORK/jmh-$t.csv"
    note "JMH: ${RUNNABLE[*]} at $t thread(s)"
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS="$t" OPENBLAS_NUM_THREADS="$t" MKL_NUM_THREADS="$t" \
        OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}" \
        "$JAVA" "${JVM_FLAGS[@]}" -cp "$CP" org.openjdk.jmh.Main "$include" -p "threads=$t" "${DATASETS[@]}" \
        "${JMH_TIMING[@]}" -jvmArgsAppend "$FORK_FLAGS" -rf csv -rff "$csv" -foe true >&2 \
        || { note "JMH failed at $t thread(s) (see above)"; exit 1; }
    MERGE+=(--jmh "$csv")
done
if ! printf '%s\n' "${MERGE[@]}" | grep -q -- '^--jmh$'; then
    note "no Java peer could run"
    exit 3
fi

ARGS=(merge --out "$OUT" "${NOTES[@]}" --note "runner.seconds=$(( $(date +%s) - START ))")
[ "$FORCE" -eq 1 ] && ARGS+=(--force)
"$JAVA" -Duser.language=en -cp "$CP" io.fdbench.peers.JavaPeers "${ARGS[@]}" "${MERGE[@]}"
note "wrote $CSV and $OUT/peers-env.csv"

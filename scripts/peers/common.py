"""Shared helpers for the NumPy / PyTorch peers of the fdbench JMH suite.

Nothing here imports numpy at module level, so the BLAS environment of a peer
process can still be set up (thread counts, OpenBLAS core type) before numpy or
torch is first imported.

Contents:
  * BLAS environment set-up for a peer subprocess (``configure_blas_env``);
  * IDX (MNIST format) reading with gzip + numpy.frombuffer (``read_idx``,
    ``load_dataset``);
  * JMH-like timing: warm-up, >= N samples of >= ~0.2 s, mean and a 99.9 %
    Student-t confidence half-width (``measure``, ``score_error``);
  * JMH's CSV format, written atomically (``write_jmh_csv``), and a small
    ``merge`` command used by run-peers.sh.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import platform
import struct
import sys
import time
from dataclasses import asdict, dataclass, field
from typing import Callable, Dict, Iterable, List, Optional, Sequence

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
MNIST_10K_DIR = os.path.join(REPO, "engine", "src", "main", "resources", "io", "fdbench",
                             "engine", "data", "mnist-10k")
FASHION_DIR = "/usr/share/datasets/fashion-mnist"

# Network of the issue: 784-50-10, sigmoid hidden layer, softmax + mean cross-entropy.
MODEL = "784-50-10"
LAYERS = (784, 50, 10)
INIT_SIGMA = 0.01
FD_STEP = 1e-4
BATCH = 100
LEARNING_RATE = 0.1
SEED = 20240611

# Labels of the Java suite's Precision enum (Precision.label()), so rows join with JMH's.
PRECISIONS = ("float", "double")

# Environment variables that pin OpenBLAS to a core type / cache size; they slow down a
# current numpy, so a peer process drops them before loading BLAS (and reports them).
BLAS_PIN_VARS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
REPORTED_VARS = THREAD_VARS + ("OMP_WAIT_POLICY",)

JMH_HEADER_FIXED = ("Benchmark", "Mode", "Threads", "Samples", "Score", "Score Error (99.9%)", "Unit")


# --------------------------------------------------------------------------- environment

def early_threads(argv: Sequence[str]) -> int:
    """--threads N from a peer's argv, read before argparse (and before numpy loads)."""
    for i, a in enumerate(argv):
        if a == "--threads" and i + 1 < len(argv):
            return int(argv[i + 1])
        if a.startswith("--threads="):
            return int(a.split("=", 1)[1])
    return 1


def configure_blas_env(threads: int, keep_pinning: bool = False) -> Dict[str, Optional[str]]:
    """Set the BLAS/OpenMP thread count variables and (unless keep_pinning) drop the
    OpenBLAS core-type pinning, in this process's environment. Must run before numpy or
    torch is imported. Returns the values the pinning variables had before."""
    before = {k: os.environ.get(k) for k in BLAS_PIN_VARS}
    for k in THREAD_VARS:
        os.environ[k] = str(threads)
    # libgomp's default is to spin after each parallel region; torch's OpenMP workers then
    # starve OpenBLAS's pthreads on a 2-core machine (measured: 2 threads ~20x slower than
    # 1). Sleep instead, unless the caller chose a policy.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    if not keep_pinning:
        for k in BLAS_PIN_VARS:
            os.environ.pop(k, None)
    return before


def blas_info() -> List[dict]:
    """threadpoolctl's view of the loaded BLAS / OpenMP libraries ([] if unavailable)."""
    try:
        import threadpoolctl  # type: ignore
    except ImportError:
        return []
    try:
        return threadpoolctl.threadpool_info()
    except Exception:  # pragma: no cover - defensive, threadpoolctl is best effort
        return []


def describe_blas(expected_threads: int) -> Dict[str, str]:
    """BLAS library, version, core type and thread count, verified against the request."""
    out: Dict[str, str] = {}
    infos = blas_info()
    if not infos:
        out["blas.threadpoolctl"] = "unavailable"
        return out
    blas = [i for i in infos if i.get("user_api") == "blas"]
    for n, i in enumerate(blas):
        p = "blas" if n == 0 else "blas%d" % n
        out[p + ".library"] = str(i.get("internal_api"))
        out[p + ".version"] = str(i.get("version"))
        out[p + ".coretype"] = str(i.get("architecture", "n/a"))
        out[p + ".threading"] = str(i.get("threading_layer", "n/a"))
        out[p + ".num_threads"] = str(i.get("num_threads"))
        out[p + ".file"] = str(i.get("filepath"))
        if i.get("num_threads") != expected_threads:
            out[p + ".thread_mismatch"] = "asked %d, library reports %s" % (expected_threads, i.get("num_threads"))
    if not blas:
        out["blas.library"] = "none detected by threadpoolctl"
    omp = [i for i in infos if i.get("user_api") == "openmp"]
    if omp:
        out["openmp.library"] = str(omp[0].get("prefix"))
        out["openmp.num_threads"] = str(omp[0].get("num_threads"))
    return out


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def base_env(peer: str, precision: str, threads: int, pinned_before: Dict[str, Optional[str]]) -> Dict[str, str]:
    env = {
        "peer": peer,
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "python": platform.python_version(),
        "python.executable": sys.executable,
        "cpu": cpu_model(),
        "cpus.online": str(os.cpu_count()),
        "precision": precision,
        "threads.requested": str(threads),
    }
    for k, v in pinned_before.items():
        env["env.%s.inherited" % k] = "unset" if v is None else v
        env["env.%s.in_peer" % k] = os.environ.get(k, "unset")
    for k in REPORTED_VARS:
        env["env.%s" % k] = os.environ.get(k, "unset")
    return env


# --------------------------------------------------------------------------- data

def read_idx(path: str):
    """Read a gzip'ed IDX file: big-endian magic 0x00000803 (images) or 0x00000801
    (labels), the dimensions, then unsigned bytes. Returns a uint8 numpy array."""
    import numpy as np
    with gzip.open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 4:
        raise ValueError("%s: too short for an IDX header" % path)
    zero, dtype_code, ndim = struct.unpack(">HBB", raw[:4])
    if zero != 0 or dtype_code != 0x08:
        raise ValueError("%s: magic 0x%08x is not an unsigned-byte IDX file" % (path, struct.unpack(">I", raw[:4])[0]))
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    offset = 4 + 4 * ndim
    count = 1
    for d in dims:
        count *= d
    if len(raw) - offset != count:
        raise ValueError("%s: %d data bytes, header says %d" % (path, len(raw) - offset, count))
    return np.frombuffer(raw, dtype=np.uint8, offset=offset).reshape(dims)


def load_dataset(directory: str, dtype, split: str = "train", limit: Optional[int] = None, seed: int = SEED):
    """Images scaled to [0,1] as [rows x 784] of dtype, labels as int64; rows shuffled with
    a fixed seed (an epoch then walks contiguous batches)."""
    import numpy as np
    prefix = "train" if split == "train" else "t10k"
    images = read_idx(os.path.join(directory, "%s-images-idx3-ubyte.gz" % prefix))
    labels = read_idx(os.path.join(directory, "%s-labels-idx1-ubyte.gz" % prefix))
    if images.ndim != 3 or labels.ndim != 1 or images.shape[0] != labels.shape[0]:
        raise ValueError("%s: images %s and labels %s do not match" % (directory, images.shape, labels.shape))
    if limit is not None:
        images, labels = images[:limit], labels[:limit]
    x = images.reshape(images.shape[0], -1).astype(dtype) / dtype(255)
    y = labels.astype(np.int64)
    order = np.random.default_rng(seed).permutation(x.shape[0])
    return np.ascontiguousarray(x[order]), np.ascontiguousarray(y[order])


def datasets_available() -> Dict[str, str]:
    out = {"mnist-10k": MNIST_10K_DIR}
    if os.path.isdir(FASHION_DIR):
        out["fashion-mnist"] = FASHION_DIR
    return out


# --------------------------------------------------------------------------- statistics

def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction for the regularized incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 400):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def _betainc(a: float, b: float, x: float) -> float:
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    lbt = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1.0 - x)
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(lbt) * _betacf(a, b, x) / a
    return 1.0 - math.exp(lbt) * _betacf(b, a, 1.0 - x) / b


def student_t_cdf(t: float, df: float) -> float:
    x = df / (df + t * t)
    tail = 0.5 * _betainc(df / 2.0, 0.5, x)
    return 1.0 - tail if t >= 0 else tail


def student_t_quantile(p: float, df: float) -> float:
    """Inverse CDF of Student's t by bisection (p in (0.5, 1))."""
    lo, hi = 0.0, 1.0
    while student_t_cdf(hi, df) < p:
        hi *= 2.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if student_t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def mean(xs: Sequence[float]) -> float:
    return sum(xs) / len(xs) if xs else float("nan")


def score_error(xs: Sequence[float], confidence: float = 0.999) -> float:
    """JMH's "Score Error": half-width of the Student-t confidence interval of the mean,
    t(1 - (1-confidence)/2, n-1) * s / sqrt(n); NaN when there are 2 samples or fewer."""
    n = len(xs)
    if n <= 2:
        return float("nan")
    m = mean(xs)
    var = sum((x - m) ** 2 for x in xs) / (n - 1)
    t = student_t_quantile(1.0 - (1.0 - confidence) / 2.0, n - 1)
    return t * math.sqrt(var) / math.sqrt(n)


# --------------------------------------------------------------------------- timing

@dataclass
class Timing:
    """Quick and full timing plans. Each sample runs the operation `ops` times in a row,
    `ops` chosen during warm-up so that a sample lasts >= min_sample_s (where one op is
    shorter than that); long ops get fewer samples so that the samples fit in
    max_total_s, but never fewer than min_samples."""
    warmup_s: float = 1.0
    min_warmup_ops: int = 2
    min_sample_s: float = 0.2
    samples: int = 10
    min_samples: int = 5
    max_total_s: float = 20.0

    @staticmethod
    def quick() -> "Timing":
        return Timing(warmup_s=0.1, min_warmup_ops=1, min_sample_s=0.05, samples=3, min_samples=3, max_total_s=2.0)


@dataclass
class Measurement:
    benchmark: str
    unit: str
    params: Dict[str, str]
    samples: List[float] = field(default_factory=list)  # per-op time of each sample, in unit
    ops_per_sample: int = 1

    @property
    def score(self) -> float:
        return mean(self.samples)

    @property
    def error(self) -> float:
        return score_error(self.samples)


UNIT_SCALE = {"s/op": 1.0, "ms/op": 1e3, "us/op": 1e6, "ns/op": 1e9}


def measure(benchmark: str, unit: str, params: Dict[str, str], op: Callable[[], object],
            plan: Timing, ops_per_call: int = 1, log=None) -> Measurement:
    """Time op() the JMH way (avgt): warm-up, then samples of back-to-back calls.
    One call of op() performs ops_per_call operations (e.g. 200 FD parameters)."""
    clock = time.perf_counter
    scale = UNIT_SCALE[unit]
    # Warm-up; also estimates the time per call.
    t0 = clock()
    calls = 0
    while calls < plan.min_warmup_ops or clock() - t0 < plan.warmup_s:
        op()
        calls += 1
    per_call = max((clock() - t0) / calls, 1e-9)
    reps = max(1, int(math.ceil(plan.min_sample_s / per_call)))
    sample_s = reps * per_call
    n = min(plan.samples, max(plan.min_samples, int(plan.max_total_s // sample_s)))
    m = Measurement(benchmark, unit, dict(params), ops_per_sample=reps * ops_per_call)
    for _ in range(n):
        s = clock()
        for _ in range(reps):
            op()
        e = clock() - s
        m.samples.append(e / (reps * ops_per_call) * scale)
    if log:
        log("%-45s %s  %.3f ± %s %s  (%d samples x %d ops)" % (
            benchmark, " ".join("%s=%s" % kv for kv in sorted(params.items())), m.score,
            "NaN" if math.isnan(m.error) else "%.3f" % m.error, unit, len(m.samples), m.ops_per_sample))
    return m


# --------------------------------------------------------------------------- CSV (JMH format)

def _jmh_emit(v: str) -> str:
    """JMH's XSVResultFormat.emit: quote only when the value holds the delimiter, a
    space, a quote or a line break (quotes doubled)."""
    if any(c in v for c in (",", " ", "\n", "\r", '"')):
        return '"' + v.replace('"', '""') + '"'
    return v


def _jmh_number(d: float) -> str:
    # Java's String.format("%f", d): six decimals, "NaN" / "Infinity" for the specials.
    if math.isnan(d):
        return "NaN"
    if math.isinf(d):
        return "Infinity" if d > 0 else "-Infinity"
    return "%.6f" % d


def jmh_csv_text(rows: Iterable[dict]) -> str:
    """JMH's CSV result format: the fixed columns, then "Param: k" for every parameter
    key in alphabetical order; Benchmark, Mode and Unit always quoted; numbers and
    parameter values bare (quoted only if they need it); CRLF line ends."""
    rows = list(rows)
    keys = sorted({k for r in rows for k in r["params"]})
    out = [",".join(['"%s"' % h for h in JMH_HEADER_FIXED] + ['"Param: %s"' % k for k in keys])]
    for r in rows:
        fields = ['"%s"' % r["benchmark"], '"%s"' % r.get("mode", "avgt"),
                  _jmh_emit(str(int(r.get("threads", 1)))), _jmh_emit(str(int(r["samples"]))),
                  _jmh_emit(_jmh_number(float(r["score"]))), _jmh_emit(_jmh_number(float(r["error"]))),
                  '"%s"' % r["unit"]]
        for k in keys:
            v = r["params"].get(k)
            fields.append("" if v is None else _jmh_emit(str(v)))
        out.append(",".join(fields))
    return "".join(line + "\r\n" for line in out)


def atomic_write(path: str, text: str, force: bool) -> None:
    """Write to a temp file beside path, then rename; refuse to replace an existing file
    unless force."""
    if os.path.exists(path) and not force:
        raise FileExistsError("%s exists (use --force to overwrite)" % path)
    d = os.path.dirname(os.path.abspath(path))
    os.makedirs(d, exist_ok=True)
    tmp = "%s.%d.tmp" % (path, os.getpid())
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.replace(tmp, path)


def measurement_row(m: Measurement) -> dict:
    return {"benchmark": m.benchmark, "mode": "avgt", "threads": 1, "samples": len(m.samples),
            "score": m.score, "error": m.error, "unit": m.unit, "params": m.params,
            "raw": m.samples}


def write_partial(path: str, rows: List[dict], env: Dict[str, str]) -> None:
    """A peer's result for run-peers.sh to merge: JSON with rows and env."""
    atomic_write(path, json.dumps({"rows": rows, "env": env}, indent=1), force=True)


def env_csv_text(envs: List[Dict[str, str]], extra: Dict[str, str]) -> str:
    """The sibling environment file: "Scope","Key","Value" (all quoted, CRLF)."""
    def q(s: str) -> str:
        return '"' + str(s).replace('"', '""') + '"'
    lines = [",".join(q(h) for h in ("Scope", "Key", "Value"))]
    for k, v in extra.items():
        lines.append(",".join((q("run"), q(k), q(v))))
    for e in envs:
        scope = "%s/%s/threads=%s" % (e.get("peer"), e.get("precision"), e.get("threads.requested"))
        for k, v in e.items():
            lines.append(",".join((q(scope), q(k), q(v))))
    return "".join(line + "\r\n" for line in lines)


def merge(partials: List[str], out_csv: str, out_env: str, force: bool, extra: Dict[str, str]) -> int:
    rows: List[dict] = []
    envs: List[Dict[str, str]] = []
    for p in partials:
        with open(p, encoding="utf-8") as f:
            data = json.load(f)
        rows.extend(data["rows"])
        envs.append(data["env"])
    if not rows:
        print("merge: no results to write", file=sys.stderr)
        return 1
    for path in (out_csv, out_env):
        if os.path.exists(path) and not force:
            print("merge: %s exists (use --force to overwrite)" % path, file=sys.stderr)
            return 1
    atomic_write(out_csv, jmh_csv_text(rows), force)
    atomic_write(out_env, env_csv_text(envs, extra), force)
    return 0


def _main(argv: List[str]) -> int:
    import argparse
    ap = argparse.ArgumentParser(prog="common.py", description="merge peer results into JMH CSV")
    sub = ap.add_subparsers(dest="cmd", required=True)
    mp = sub.add_parser("merge")
    mp.add_argument("--csv", required=True)
    mp.add_argument("--env", required=True)
    mp.add_argument("--force", action="store_true")
    mp.add_argument("--note", action="append", default=[], help="KEY=VALUE for the env file's run scope")
    mp.add_argument("partials", nargs="*")
    a = ap.parse_args(argv)
    extra = {}
    for n in a.note:
        k, _, v = n.partition("=")
        extra[k] = v
    return merge(a.partials, a.csv, a.env, a.force, extra)


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))

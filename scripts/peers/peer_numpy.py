#!/usr/bin/env python3
"""NumPy peer of the fdbench JMH suite: the 784-50-10 sigmoid / softmax-cross-entropy MLP.

Times, like the Java benchmarks (mode avgt):
  peers.numpy.BackpropGradient                   one backprop gradient at batch 100 (us/op)
  peers.numpy.Epoch                              one epoch of mini-batch SGD at batch 100 over
                                                 mnist-10k (8,000 digits) and, when installed,
                                                 fashion-mnist (60,000 images) (ms/op)
  peers.numpy.CentralDifferenceFullPerParameter  one parameter of the classic element-by-element
                                                 central-difference gradient, h = 1e-4, each
                                                 loss a full forward pass over the batch (us/op)

Run one precision and one BLAS thread count per process (the thread count is fixed when
BLAS loads); run-peers.sh does that for every combination. Before timing, the backprop
gradient is checked against the classic numerical gradient (float64) and, in float32,
against the float64 backprop gradient: a wrong gradient is never timed.

Usage: /usr/bin/python3 peer_numpy.py --precision float|double --threads N --json FILE [--quick]
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402  (no numpy import inside)


if __name__ == "__main__":
    # Thread counts and the OpenBLAS core type are read when BLAS loads: set them first.
    _PINNED_BEFORE = common.configure_blas_env(common.early_threads(sys.argv[1:]),
                                               keep_pinning="--keep-blas-env" in sys.argv)
else:
    _PINNED_BEFORE = {k: os.environ.get(k) for k in common.BLAS_PIN_VARS}

import numpy as np  # noqa: E402

DTYPES = {"float": np.float32, "double": np.float64}


# --------------------------------------------------------------------------- the network

class MLP:
    """Weights per layer W [in x out] row-major and bias b [out]; W ~ N(0, sigma^2), b = 0."""

    def __init__(self, layers=common.LAYERS, dtype=np.float64, seed=common.SEED, sigma=common.INIT_SIGMA):
        rng = np.random.default_rng(seed)
        self.dtype = dtype
        self.params = []  # [W1, b1, W2, b2]
        for fan_in, fan_out in zip(layers[:-1], layers[1:]):
            self.params.append(np.ascontiguousarray(rng.normal(0.0, sigma, size=(fan_in, fan_out)).astype(dtype)))
            self.params.append(np.zeros(fan_out, dtype=dtype))

    def copy(self, dtype=None):
        other = MLP.__new__(MLP)
        other.dtype = dtype or self.dtype
        other.params = [np.array(p, dtype=other.dtype, copy=True) for p in self.params]
        return other

    def loss(self, x, y):
        """Mean softmax cross-entropy of the batch."""
        W1, b1, W2, b2 = self.params
        z1 = sigmoid(x @ W1 + b1)
        a2 = z1 @ W2 + b2
        a2 = a2 - a2.max(axis=1, keepdims=True)
        lse = np.log(np.exp(a2).sum(axis=1))
        return (lse - a2[np.arange(a2.shape[0]), y]).mean()

    def gradient(self, x, y):
        """Backprop: (loss, [dW1, db1, dW2, db2])."""
        W1, b1, W2, b2 = self.params
        n = x.shape[0]
        z1 = sigmoid(x @ W1 + b1)
        a2 = z1 @ W2 + b2
        a2 = a2 - a2.max(axis=1, keepdims=True)
        e = np.exp(a2)
        s = e.sum(axis=1, keepdims=True)
        rows = np.arange(n)
        loss = (np.log(s[:, 0]) - a2[rows, y]).mean()
        dy = e / s
        dy[rows, y] -= 1
        dy /= n
        dW2 = z1.T @ dy
        db2 = dy.sum(axis=0)
        dz1 = dy @ W2.T
        da1 = dz1 * z1 * (1 - z1)
        dW1 = x.T @ da1
        db1 = da1.sum(axis=0)
        return loss, [dW1, db1, dW2, db2]

    def sgd_step(self, x, y, lr):
        _, grads = self.gradient(x, y)
        for p, g in zip(self.params, grads):
            p -= lr * g

    def epoch(self, x, y, batch=common.BATCH, lr=common.LEARNING_RATE):
        """One pass of mini-batch SGD over contiguous batches of the (pre-shuffled) set."""
        lr = self.dtype(lr)
        for i in range(0, x.shape[0] - batch + 1, batch):
            self.sgd_step(x[i:i + batch], y[i:i + batch], lr)


def sigmoid(a):
    return 1 / (1 + np.exp(-a))


def numerical_gradient(f, x, indices=None, h=common.FD_STEP):
    """The textbook element-by-element central difference on parameter array x, in place:
    for each index: tmp = x[idx]; x[idx] = tmp + h; f1 = f(); x[idx] = tmp - h; f2 = f();
    grad[idx] = (f1 - f2) / 2h; x[idx] = tmp. indices=None walks every element (nditer),
    otherwise only the given multi-indices (the rest of grad stays 0)."""
    grad = np.zeros_like(x)
    if indices is None:
        it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
        indices = []
        while not it.finished:
            indices.append(it.multi_index)
            it.iternext()
    for idx in indices:
        tmp = x[idx]
        x[idx] = tmp + h
        f1 = f()
        x[idx] = tmp - h
        f2 = f()
        grad[idx] = (f1 - f2) / (2 * h)
        x[idx] = tmp
    return grad


def fd_sample(model, count, seed=common.SEED):
    """A fixed seeded sample of `count` parameters over all layers, uniform over the
    flattened parameter vector: [(param index, multi-index)] grouped by parameter."""
    sizes = [p.size for p in model.params]
    flat = np.sort(np.random.default_rng(seed + 1).choice(sum(sizes), size=count, replace=False))
    out = []
    start = 0
    for k, p in enumerate(model.params):
        sel = flat[(flat >= start) & (flat < start + p.size)] - start
        if sel.size:
            out.append((k, [np.unravel_index(int(i), p.shape) for i in sel]))
        start += p.size
    return out


def fd_classic_sampled(model, x, y, sample, h=common.FD_STEP):
    """The classic loop over the sampled parameters (each loss a full forward pass)."""
    f = lambda: model.loss(x, y)  # noqa: E731  (the textbook's loss closure)
    return [numerical_gradient(f, model.params[k], idxs, h) for k, idxs in sample]


# --------------------------------------------------------------------------- self-check

def check_gradient(x, y, per_layer=4, seed=common.SEED, tol=1e-5):
    """Backprop vs the classic numerical gradient in float64 on a few seeded parameters of
    every layer (chosen among entries with a non-negligible gradient). Returns the largest
    relative error; raises AssertionError above tol."""
    model = MLP(dtype=np.float64, seed=seed)
    x = x.astype(np.float64)
    _, grads = model.gradient(x, y)
    rng = np.random.default_rng(seed + 2)
    worst = 0.0
    for k, g in enumerate(grads):
        flat = np.abs(g).ravel()
        cand = np.flatnonzero(flat >= 1e-2 * flat.max())
        pick = rng.choice(cand, size=min(per_layer, cand.size), replace=False)
        idxs = [np.unravel_index(int(i), g.shape) for i in pick]
        fd = numerical_gradient(lambda: model.loss(x, y), model.params[k], idxs)
        for idx in idxs:
            a, b = float(g[idx]), float(fd[idx])
            rel = abs(a - b) / max(abs(a), abs(b), 1e-30)
            worst = max(worst, rel)
            if rel > tol:
                raise AssertionError("backprop vs central difference: param %d %s: %.6e vs %.6e (rel %.2e)"
                                     % (k, idx, a, b, rel))
    return worst


def check_precision(x, y, dtype, seed=common.SEED, tol=1e-4):
    """The backprop gradient in dtype against the float64 one (same weights): relative
    error of the whole gradient vector."""
    ref = MLP(dtype=np.float64, seed=seed)
    low = ref.copy(dtype)
    _, g64 = ref.gradient(x.astype(np.float64), y)
    _, glo = low.gradient(x.astype(dtype), y)
    num = np.sqrt(sum(float(np.sum((a.astype(np.float64) - b) ** 2)) for a, b in zip(glo, g64)))
    den = np.sqrt(sum(float(np.sum(b ** 2)) for b in g64))
    rel = num / den
    if rel > tol:
        raise AssertionError("%s backprop gradient differs from float64 by %.2e" % (np.dtype(dtype).name, rel))
    return rel


# --------------------------------------------------------------------------- benchmarks

def run(precision, threads, quick=False, log=None, datasets=None, fd_params=None, plan=None):
    """All numpy benchmarks for one precision (BLAS threads are the process's). Returns
    (rows, env)."""
    dtype = DTYPES[precision]
    plan = plan or (common.Timing.quick() if quick else common.Timing())
    fd_params = fd_params or (50 if quick else 200)
    avail = common.datasets_available()
    if datasets is None:
        datasets = ["mnist-10k"] if quick else list(avail)
    params = lambda ds: {"batch": str(common.BATCH), "dataset": ds, "model": common.MODEL,  # noqa: E731
                         "precision": precision, "threads": str(threads)}
    env = common.base_env("numpy", precision, threads, _PINNED_BEFORE)
    env["numpy.version"] = np.__version__
    env.update(common.describe_blas(threads))

    x, y = common.load_dataset(avail["mnist-10k"], dtype)
    xb, yb = x[:common.BATCH], y[:common.BATCH]

    # Correctness first.
    env["check.backprop_vs_fd.max_rel_err(float64)"] = "%.3e" % check_gradient(xb, yb)
    if dtype != np.float64:
        env["check.%s_vs_float64.rel_err" % precision] = "%.3e" % check_precision(xb, yb, dtype)
    if log:
        log("numpy %s threads=%d: gradient checks passed" % (precision, threads))

    results = []
    model = MLP(dtype=dtype)
    results.append(common.measure("peers.numpy.BackpropGradient", "us/op", params("mnist-10k"),
                                  lambda: model.gradient(xb, yb), plan, log=log))

    for ds in datasets:
        if ds not in avail:
            env["skipped.%s" % ds] = "data not installed"
            continue
        dx, dy_ = (x, y) if ds == "mnist-10k" else common.load_dataset(avail[ds], dtype)
        trainer = MLP(dtype=dtype)
        results.append(common.measure("peers.numpy.Epoch", "ms/op", params(ds),
                                      lambda: trainer.epoch(dx, dy_), plan, log=log))
        env["epoch.%s.rows" % ds] = str(dx.shape[0])
        env["epoch.%s.final_loss" % ds] = "%.4f" % float(trainer.loss(dx[:1000], dy_[:1000]))

    fd_model = MLP(dtype=dtype)
    sample = fd_sample(fd_model, fd_params)
    results.append(common.measure("peers.numpy.CentralDifferenceFullPerParameter", "us/op", params("mnist-10k"),
                                  lambda: fd_classic_sampled(fd_model, xb, yb, sample), plan,
                                  ops_per_call=fd_params, log=log))
    env["fd.sampled_parameters"] = str(sum(len(i) for _, i in sample))
    env["fd.h"] = repr(common.FD_STEP)
    env["timing"] = "quick" if quick else "full"
    return [common.measurement_row(m) for m in results], env


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--precision", choices=common.PRECISIONS, required=True)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--json", required=True, help="where to write this peer's rows (JSON)")
    ap.add_argument("--quick", action="store_true", help="short timing, mnist-10k only, 50 FD parameters")
    ap.add_argument("--keep-blas-env", action="store_true",
                    help="do not unset OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE")
    a = ap.parse_args(argv)
    log = lambda s: print(s, file=sys.stderr, flush=True)  # noqa: E731
    rows, env = run(a.precision, a.threads, quick=a.quick, log=log)
    common.write_partial(a.json, rows, env)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

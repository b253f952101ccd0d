#!/usr/bin/env python3
"""PyTorch (CPU) peer of the fdbench JMH suite: the same 784-50-10 MLP as peer_numpy.py,
with the gradient from autograd.

Times (mode avgt):
  peers.torch.BackpropGradient  one forward + backward at batch 100 (us/op)
  peers.torch.Epoch             one epoch of mini-batch SGD at batch 100 over mnist-10k and,
                                when installed, fashion-mnist (ms/op)

Same weights as the numpy peer (drawn by numpy with the same seed, then copied). Before
timing, the torch gradient is checked against the numpy backprop gradient in the same
precision (and that one, in turn, against the classic numerical gradient).

Usage: /usr/bin/python3 peer_torch.py --precision float|double --threads N --json FILE [--quick]
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

if __name__ == "__main__":
    # Thread counts and the OpenBLAS core type are read when BLAS / torch load: set them first.
    _PINNED_BEFORE = common.configure_blas_env(common.early_threads(sys.argv[1:]),
                                               keep_pinning="--keep-blas-env" in sys.argv)
else:
    _PINNED_BEFORE = {k: os.environ.get(k) for k in common.BLAS_PIN_VARS}

import numpy as np  # noqa: E402
import peer_numpy  # noqa: E402
import torch  # noqa: E402

TORCH_DTYPES = {"float": torch.float32, "double": torch.float64}


class TorchMLP:
    """The network as leaf tensors [W1, b1, W2, b2] (W [in x out], b [out])."""

    def __init__(self, np_model):
        self.params = [torch.tensor(np.array(p), requires_grad=True) for p in np_model.params]

    def forward_loss(self, x, y):
        W1, b1, W2, b2 = self.params
        z1 = torch.sigmoid(torch.addmm(b1, x, W1))
        logits = torch.addmm(b2, z1, W2)
        return torch.nn.functional.cross_entropy(logits, y)  # softmax + mean cross-entropy

    def gradient(self, x, y):
        for p in self.params:
            p.grad = None
        loss = self.forward_loss(x, y)
        loss.backward()
        return loss, [p.grad for p in self.params]

    def epoch(self, x, y, batch=common.BATCH, lr=common.LEARNING_RATE):
        for i in range(0, x.shape[0] - batch + 1, batch):
            _, grads = self.gradient(x[i:i + batch], y[i:i + batch])
            with torch.no_grad():
                for p, g in zip(self.params, grads):
                    p.sub_(g, alpha=lr)


def check_against_numpy(xb, yb, dtype):
    """Relative difference of the torch and numpy backprop gradients (same weights, same
    precision); raises AssertionError if it is not at rounding level."""
    np_model = peer_numpy.MLP(dtype=dtype)
    np_loss, np_grads = np_model.gradient(xb, yb)
    tm = TorchMLP(np_model)
    t_loss, t_grads = tm.gradient(torch.from_numpy(xb), torch.from_numpy(yb))
    num = np.sqrt(sum(float(np.sum((g.detach().numpy().astype(np.float64) - n) ** 2))
                      for g, n in zip(t_grads, np_grads)))
    den = np.sqrt(sum(float(np.sum(n.astype(np.float64) ** 2)) for n in np_grads))
    rel = num / den
    tol = 1e-4 if dtype == np.float32 else 1e-10
    if rel > tol or abs(float(t_loss) - float(np_loss)) > tol * abs(float(np_loss)):
        raise AssertionError("torch vs numpy gradient: rel %.2e, loss %r vs %r" % (rel, float(t_loss), float(np_loss)))
    return rel


def run(precision, threads, quick=False, log=None, datasets=None, plan=None):
    dtype = peer_numpy.DTYPES[precision]
    torch.set_num_threads(threads)
    plan = plan or (common.Timing.quick() if quick else common.Timing())
    avail = common.datasets_available()
    if datasets is None:
        datasets = ["mnist-10k"] if quick else list(avail)
    params = lambda ds: {"batch": str(common.BATCH), "dataset": ds, "model": common.MODEL,  # noqa: E731
                         "precision": precision, "threads": str(threads)}
    env = common.base_env("torch", precision, threads, _PINNED_BEFORE)
    env["torch.version"] = torch.__version__
    env["numpy.version"] = np.__version__
    env["torch.num_threads"] = str(torch.get_num_threads())
    env["torch.num_interop_threads"] = str(torch.get_num_interop_threads())
    env["torch.parallel_info"] = " | ".join(l.strip() for l in torch.__config__.parallel_info().splitlines() if l.strip())
    if torch.get_num_threads() != threads:
        env["torch.thread_mismatch"] = "asked %d, torch uses %d" % (threads, torch.get_num_threads())
    env.update(common.describe_blas(threads))

    x, y = common.load_dataset(avail["mnist-10k"], dtype)
    xb, yb = x[:common.BATCH], y[:common.BATCH]
    env["check.numpy_backprop_vs_fd.max_rel_err(float64)"] = "%.3e" % peer_numpy.check_gradient(xb, yb)
    env["check.torch_vs_numpy.rel_err"] = "%.3e" % check_against_numpy(xb, yb, dtype)
    if log:
        log("torch %s threads=%d: gradient checks passed" % (precision, threads))

    results = []
    model = TorchMLP(peer_numpy.MLP(dtype=dtype))
    txb, tyb = torch.from_numpy(xb), torch.from_numpy(yb)
    results.append(common.measure("peers.torch.BackpropGradient", "us/op", params("mnist-10k"),
                                  lambda: model.gradient(txb, tyb), plan, log=log))
    for ds in datasets:
        if ds not in avail:
            env["skipped.%s" % ds] = "data not installed"
            continue
        dx, dy_ = (x, y) if ds == "mnist-10k" else common.load_dataset(avail[ds], dtype)
        tx, ty = torch.from_numpy(dx), torch.from_numpy(dy_)
        trainer = TorchMLP(peer_numpy.MLP(dtype=dtype))
        results.append(common.measure("peers.torch.Epoch", "ms/op", params(ds),
                                      lambda: trainer.epoch(tx, ty), plan, log=log))
        with torch.no_grad():
            env["epoch.%s.final_loss" % ds] = "%.4f" % float(trainer.forward_loss(tx[:1000], ty[:1000]))
    env["timing"] = "quick" if quick else "full"
    return [common.measurement_row(m) for m in results], env


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--precision", choices=common.PRECISIONS, required=True)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--json", required=True)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--keep-blas-env", action="store_true")
    a = ap.parse_args(argv)
    log = lambda s: print(s, file=sys.stderr, flush=True)  # noqa: E731
    rows, env = run(a.precision, a.threads, quick=a.quick, log=log)
    common.write_partial(a.json, rows, env)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

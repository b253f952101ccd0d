"""Tests of the peers: gradient agreement and the JMH CSV format on a tiny run.

    cd scripts/peers && /usr/bin/python3 -m unittest test_peers
    /usr/bin/python3 -m unittest discover -s scripts/peers      (from the repository root)

Skips cleanly when numpy (or, for the torch test, torch) is absent. Leaves the process
environment (OPENBLAS_CORETYPE etc.) untouched: everything runs in-process.
"""

import csv
import io
import math
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import common  # noqa: E402

try:
    import numpy as np  # noqa: F401
    HAVE_NUMPY = True
except ImportError:  # pragma: no cover - depends on the machine
    HAVE_NUMPY = False

try:
    import torch  # noqa: F401
    HAVE_TORCH = HAVE_NUMPY
except ImportError:  # pragma: no cover
    HAVE_TORCH = False

HEADER = ('"Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit",'
          '"Param: batch","Param: dataset","Param: model","Param: precision","Param: threads"')

TINY = common.Timing(warmup_s=0.0, min_warmup_ops=1, min_sample_s=0.0, samples=3, min_samples=3, max_total_s=1.0)


class StatisticsTest(unittest.TestCase):
    def test_student_t_quantiles(self):
        # Reference values of t(0.9995, df).
        for df, t in ((1, 636.6192), (2, 31.5991), (4, 8.6103), (9, 4.7809), (30, 3.6460)):
            self.assertAlmostEqual(common.student_t_quantile(0.9995, df), t, places=3)

    def test_score_error_like_jmh(self):
        self.assertTrue(math.isnan(common.score_error([1.0, 2.0])))
        xs = [10.0, 11.0, 12.0, 13.0, 14.0]
        sd = math.sqrt(sum((x - 12.0) ** 2 for x in xs) / 4)
        self.assertAlmostEqual(common.score_error(xs), 8.6103 * sd / math.sqrt(5), places=3)


class CsvFormatTest(unittest.TestCase):
    ROWS = [
        {"benchmark": "peers.numpy.BackpropGradient", "threads": 1, "samples": 5, "score": 123.4567891,
         "error": 1.5, "unit": "us/op",
         "params": {"threads": "1", "precision": "float", "model": "784-50-10", "dataset": "mnist-10k",
                    "batch": "100"}},
        {"benchmark": "peers.numpy.Epoch", "threads": 1, "samples": 2, "score": 50.0, "error": float("nan"),
         "unit": "ms/op",
         "params": {"threads": "2", "precision": "double", "model": "784-50-10", "dataset": "fashion-mnist",
                    "batch": "100"}},
    ]

    def test_jmh_layout(self):
        text = common.jmh_csv_text(self.ROWS)
        lines = text.split("\r\n")
        self.assertEqual(lines[0], HEADER)
        self.assertEqual(lines[-1], "")  # ends with CRLF
        self.assertNotIn("\n", text.replace("\r\n", ""))
        self.assertEqual(lines[1], '"peers.numpy.BackpropGradient","avgt",1,5,123.456789,1.500000,"us/op",'
                                   '100,mnist-10k,784-50-10,float,1')
        self.assertEqual(lines[2], '"peers.numpy.Epoch","avgt",1,2,50.000000,NaN,"ms/op",'
                                   '100,fashion-mnist,784-50-10,double,2')

    def test_quoting_of_params_that_need_it(self):
        row = dict(self.ROWS[0], params={"note": 'a b', "q": 'say "hi"', "c": "x,y"})
        line = common.jmh_csv_text([row]).split("\r\n")[1]
        self.assertTrue(line.endswith(',"x,y","a b","say ""hi"""'))

    def test_atomic_write_refuses_overwrite(self):
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "peers.csv")
            common.atomic_write(p, "a\r\n", force=False)
            with self.assertRaises(FileExistsError):
                common.atomic_write(p, "b\r\n", force=False)
            common.atomic_write(p, "c\r\n", force=True)
            with open(p, newline="") as f:
                self.assertEqual(f.read(), "c\r\n")
            self.assertEqual(os.listdir(d), ["peers.csv"])


@unittest.skipUnless(HAVE_NUMPY, "numpy is not installed")
class NumpyPeerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import peer_numpy
        cls.pn = peer_numpy
        x, y = common.load_dataset(common.MNIST_10K_DIR, np.float64, limit=200)
        cls.x, cls.y = x[:common.BATCH], y[:common.BATCH]

    def test_idx_reader(self):
        images = common.read_idx(os.path.join(common.MNIST_10K_DIR, "train-images-idx3-ubyte.gz"))
        labels = common.read_idx(os.path.join(common.MNIST_10K_DIR, "train-labels-idx1-ubyte.gz"))
        self.assertEqual(images.shape, (8000, 28, 28))
        self.assertEqual(labels.shape, (8000,))
        self.assertLessEqual(int(labels.max()), 9)
        x, _ = common.load_dataset(common.MNIST_10K_DIR, np.float32, limit=10)
        self.assertEqual(x.dtype, np.float32)
        self.assertTrue(0.0 <= float(x.min()) and float(x.max()) <= 1.0)

    def test_backprop_matches_classic_numerical_gradient(self):
        worst = self.pn.check_gradient(self.x, self.y, per_layer=3)
        self.assertLess(worst, 1e-5)

    def test_float32_backprop_matches_float64(self):
        self.assertLess(self.pn.check_precision(self.x, self.y, np.float32), 1e-4)

    def test_full_numerical_gradient_of_small_net(self):
        # Every element of a 6-4-3 net, against backprop.
        m = self.pn.MLP(layers=(6, 4, 3), dtype=np.float64, sigma=0.5)
        rng = np.random.default_rng(1)
        x, y = rng.random((5, 6)), rng.integers(0, 3, 5)
        _, grads = m.gradient(x, y)
        for p, g in zip(m.params, grads):
            fd = self.pn.numerical_gradient(lambda: m.loss(x, y), p)
            np.testing.assert_allclose(fd, g, rtol=1e-6, atol=1e-9)

    def test_classic_loop_restores_parameters(self):
        m = self.pn.MLP(dtype=np.float32)
        before = [p.copy() for p in m.params]
        sample = self.pn.fd_sample(m, 20)
        self.assertEqual(sum(len(i) for _, i in sample), 20)
        self.pn.fd_classic_sampled(m, self.x.astype(np.float32), self.y, sample)
        for a, b in zip(before, m.params):
            np.testing.assert_array_equal(a, b)

    def test_tiny_run_writes_jmh_csv(self):
        rows, env = self.pn.run("float", 1, datasets=["mnist-10k"], fd_params=4, plan=TINY)
        names = [r["benchmark"] for r in rows]
        self.assertEqual(names, ["peers.numpy.BackpropGradient", "peers.numpy.Epoch",
                                 "peers.numpy.CentralDifferenceFullPerParameter"])
        self.assertIn("numpy.version", env)
        with tempfile.TemporaryDirectory() as d:
            part = os.path.join(d, "part.json")
            common.write_partial(part, rows, env)
            out, out_env = os.path.join(d, "peers.csv"), os.path.join(d, "peers-env.csv")
            self.assertEqual(common.merge([part], out, out_env, False, {"runner.mode": "test"}), 0)
            self.assertEqual(common.merge([part], out, out_env, False, {}), 1)  # refuses to overwrite
            with open(out, "rb") as f:
                raw = f.read()
        text = raw.decode("utf-8")
        self.assertTrue(text.startswith(HEADER + "\r\n"))
        self.assertEqual(text.count("\r\n"), 4)
        self.assertNotIn(b"\n", raw.replace(b"\r\n", b""))
        recs = list(csv.reader(io.StringIO(text, newline="")))
        self.assertEqual(len(recs), 4)
        for line, rec in zip(text.split("\r\n")[1:], recs[1:]):
            self.assertTrue(line.startswith('"peers.numpy.'))
            self.assertIn(',"avgt",1,3,', line)
            self.assertEqual(rec[1], "avgt")
            self.assertEqual(rec[3], "3")
            self.assertGreater(float(rec[4]), 0.0)
            self.assertRegex(rec[4], r"^\d+\.\d{6}$")
            self.assertIn(rec[6], ("us/op", "ms/op"))
            self.assertEqual(rec[7:], ["100", "mnist-10k", "784-50-10", "float", "1"])


@unittest.skipUnless(HAVE_TORCH, "torch is not installed")
class TorchPeerTest(unittest.TestCase):
    def test_torch_gradient_equals_numpy(self):
        import peer_torch
        x, y = common.load_dataset(common.MNIST_10K_DIR, np.float64, limit=common.BATCH)
        self.assertLess(peer_torch.check_against_numpy(x, y, np.float64), 1e-10)
        self.assertLess(peer_torch.check_against_numpy(x.astype(np.float32), y, np.float32), 1e-4)


class RunnerCliTest(unittest.TestCase):
    SCRIPT = os.path.join(HERE, "run-peers.sh")

    def run_script(self, *args):
        return subprocess.run(["bash", self.SCRIPT, *args], capture_output=True, text=True, timeout=60)

    def test_help(self):
        r = self.run_script("--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("--quick", r.stdout)

    def test_bad_flag(self):
        r = self.run_script("--bogus")
        self.assertEqual(r.returncode, 2)
        self.assertEqual(len(r.stderr.strip().splitlines()), 1)
        self.assertIn("--bogus", r.stderr)

    def test_out_needs_a_value(self):
        r = self.run_script("--out")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--out", r.stderr)


if __name__ == "__main__":
    unittest.main()

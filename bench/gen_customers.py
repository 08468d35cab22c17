#!/usr/bin/python3
"""Generate realistic, overlapping customer-like numeric data for benchmarks.

    gen_customers.py OUT.csv --rows 1000000 --cols 16 --clusters 8 --seed 1

A mixture of `clusters` Gaussians with random anisotropic covariances and centres close enough that
the groups overlap (k-means needs tens of Lloyd iterations, as on real customers, unlike the
well-separated blobs that converge in two). Columns: customer_id, then f1..fCOLS. Also writes
OUT.labels (the generating component per row) for sanity checks.
"""
import argparse
import numpy as np

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--rows", type=int, default=100000)
    ap.add_argument("--cols", type=int, default=16)
    ap.add_argument("--clusters", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--spread", type=float, default=2.2, help="distance scale between centres (lower = more overlap)")
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    centres = rng.normal(0, a.spread, size=(a.clusters, a.cols))
    weights = rng.dirichlet(np.full(a.clusters, 3.0))
    comp = rng.choice(a.clusters, size=a.rows, p=weights)
    x = np.empty((a.rows, a.cols))
    for c in range(a.clusters):
        idx = np.nonzero(comp == c)[0]
        q, _ = np.linalg.qr(rng.normal(size=(a.cols, a.cols)))
        scales = rng.uniform(0.5, 1.6, size=a.cols)
        x[idx] = centres[c] + (rng.normal(size=(idx.size, a.cols)) * scales) @ q.T
    with open(a.out, "w") as f:
        f.write("customer_id," + ",".join(f"f{j+1}" for j in range(a.cols)) + "\n")
        block = 100000
        for s in range(0, a.rows, block):
            e = min(s + block, a.rows)
            ids = np.arange(s + 1, e + 1).reshape(-1, 1)
            np.savetxt(f, np.hstack([ids, x[s:e]]), delimiter=",",
                       fmt=["%d"] + ["%.6f"] * a.cols)
    np.savetxt(a.out + ".labels", comp, fmt="%d")

if __name__ == "__main__":
    main()

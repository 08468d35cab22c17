#!/usr/bin/python3
"""scikit-learn's KMeans on the same data as bench-kmeans: prints JSON with the fit time.

    peer_kmeans.py DATA.csv [--k 8] [--n-init 1] [--seed 0] [--max-iter 300] [--minibatch]

Run with `source bench/peer-env.sh` (Debian's python3, 2 threads). The data are read with pandas
and standardised with StandardScaler (load_seconds), then only KMeans.fit is timed (fit_seconds).
"""
import argparse
import json
import time

t_start = time.perf_counter()
import numpy as np
import pandas as pd
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.preprocessing import StandardScaler


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--k", type=int, default=8)
    ap.add_argument("--n-init", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-iter", type=int, default=300)
    ap.add_argument("--minibatch", action="store_true")
    ap.add_argument("--batch-size", type=int, default=1024)
    a = ap.parse_args()
    t0 = time.perf_counter()
    x = pd.read_csv(a.data).iloc[:, 1:].to_numpy(dtype=np.float64)
    x = StandardScaler().fit_transform(x)
    t1 = time.perf_counter()
    if a.minibatch:
        model = MiniBatchKMeans(a.k, n_init=a.n_init, random_state=a.seed, max_iter=a.max_iter,
                                batch_size=a.batch_size)
    else:
        model = KMeans(a.k, init="k-means++", n_init=a.n_init, random_state=a.seed,
                       max_iter=a.max_iter, algorithm="lloyd")
    model.fit(x)
    t2 = time.perf_counter()
    if a.minibatch:
        inertia = float(model.inertia_)
    else:
        inertia = float(model.inertia_)
    print(json.dumps({
        "tool": "sklearn-minibatch" if a.minibatch else "sklearn",
        "rows": int(x.shape[0]), "cols": int(x.shape[1]), "k": a.k, "n_init": a.n_init,
        "import_seconds": t0 - t_start, "load_seconds": t1 - t0, "fit_seconds": t2 - t1,
        "n_iter": int(model.n_iter_) if not a.minibatch else int(model.n_steps_),
        "inertia": inertia,
        "sizes": np.bincount(model.labels_, minlength=a.k).tolist(),
    }))


if __name__ == "__main__":
    main()

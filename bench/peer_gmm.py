#!/usr/bin/python3
"""scikit-learn's GaussianMixture on the same data as bench-gmm: prints JSON with the fit time.

    peer_gmm.py DATA.csv [--k 8] [--covariance full] [--n-init 1] [--seed 0] [--max-iter 100] [--tol 1e-3]

Run with `source bench/peer-env.sh` (Debian's python3, 2 threads). The data are read with pandas
and standardised with StandardScaler (load_seconds), then only GaussianMixture.fit is timed.
"""
import argparse
import json
import time

t_start = time.perf_counter()
import numpy as np
import pandas as pd
from sklearn.mixture import GaussianMixture
from sklearn.preprocessing import StandardScaler


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--k", type=int, default=8)
    ap.add_argument("--covariance", default="full")
    ap.add_argument("--n-init", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-iter", type=int, default=100)
    ap.add_argument("--tol", type=float, default=1e-3)
    a = ap.parse_args()
    t0 = time.perf_counter()
    x = pd.read_csv(a.data).iloc[:, 1:].to_numpy(dtype=np.float64)
    x = StandardScaler().fit_transform(x)
    t1 = time.perf_counter()
    model = GaussianMixture(a.k, covariance_type=a.covariance, n_init=a.n_init, random_state=a.seed,
                            max_iter=a.max_iter, reg_covar=1e-6, tol=a.tol)
    model.fit(x)
    t2 = time.perf_counter()
    labels = model.predict(x)
    print(json.dumps({
        "tool": "sklearn", "covariance": a.covariance,
        "rows": int(x.shape[0]), "cols": int(x.shape[1]), "k": a.k, "n_init": a.n_init,
        "import_seconds": t0 - t_start, "load_seconds": t1 - t0, "fit_seconds": t2 - t1,
        "n_iter": int(model.n_iter_), "converged": bool(model.converged_),
        "lower_bound": float(model.lower_bound_),
        "bic": float(model.bic(x)), "aic": float(model.aic(x)),
        "sizes": np.bincount(labels, minlength=a.k).tolist(),
    }))


if __name__ == "__main__":
    main()

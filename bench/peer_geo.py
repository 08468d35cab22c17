#!/usr/bin/python3
"""The peers of bench-geo: scikit-learn and fastcluster, timed in-process on the same data.

    peer_geo.py dbscan FILE.csv --eps 1.6 --min-samples 32 [--algorithm brute|kd_tree|ball_tree|auto]
    peer_geo.py kdist FILE.csv --min-samples 32
    peer_geo.py ward FILE.csv [--linkage ward|average|complete|single] [--k 8]
    peer_geo.py silhouette FILE.csv          (labels from FILE.csv.labels)
    peer_geo.py pca FILE.csv

The data is standardised with StandardScaler outside the timed region, as bench-geo does. Prints
one JSON object with the fit's wall time ("seconds") and the same summary fields as bench-geo.
Threads: run under bench/peer-env.sh (2 threads); DBSCAN gets n_jobs=2 (its neighbour search
is otherwise single-threaded).
"""
import argparse
import json
import os
import resource
import time

import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler


def cpu_now():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("command", choices=["dbscan", "kdist", "ward", "silhouette", "pca"])
    ap.add_argument("file")
    ap.add_argument("--eps", type=float, default=0.5)
    ap.add_argument("--min-samples", type=int, default=5)
    ap.add_argument("--algorithm", default="auto")
    ap.add_argument("--linkage", default="ward")
    ap.add_argument("--k", type=int, default=8)
    ap.add_argument("--repeat", type=int, default=1)
    a = ap.parse_args()

    x = pd.read_csv(a.file).iloc[:, 1:].to_numpy(dtype=np.float64)
    x = StandardScaler().fit_transform(x)
    n_jobs = int(os.environ.get("OMP_NUM_THREADS", "2"))
    out = {"algorithm": a.command, "rows": x.shape[0], "cols": x.shape[1], "threads": n_jobs}
    times, cpus = [], []

    for _ in range(max(a.repeat, 1)):
        if a.command == "dbscan":
            from sklearn.cluster import DBSCAN
            c0, t0 = cpu_now(), time.perf_counter()
            model = DBSCAN(eps=a.eps, min_samples=a.min_samples, algorithm=a.algorithm, n_jobs=n_jobs).fit(x)
            times.append(time.perf_counter() - t0)
            cpus.append(cpu_now() - c0)
            labels = model.labels_
            out.update(clusters=int(labels.max() + 1), noise=int((labels < 0).sum()),
                       core_points=int(len(model.core_sample_indices_)),
                       sizes=[int(s) for s in np.bincount(labels[labels >= 0])])
        elif a.command == "kdist":
            from sklearn.neighbors import NearestNeighbors
            rng = np.random.default_rng(1)
            sample = x[rng.choice(x.shape[0], min(5000, x.shape[0]), replace=False)]
            c0, t0 = cpu_now(), time.perf_counter()
            dist, _ = NearestNeighbors(n_neighbors=a.min_samples, n_jobs=n_jobs).fit(x).kneighbors(sample)
            times.append(time.perf_counter() - t0)
            cpus.append(cpu_now() - c0)
            out.update(median_k_distance=float(np.median(dist[:, -1])))
        elif a.command == "ward":
            import fastcluster
            from scipy.cluster.hierarchy import fcluster
            c0, t0 = cpu_now(), time.perf_counter()
            if a.linkage == "ward":
                z = fastcluster.linkage_vector(x, method="ward")
            elif a.linkage == "single":
                z = fastcluster.linkage_vector(x, method="single")
            else:
                z = fastcluster.linkage(x, method=a.linkage)
            times.append(time.perf_counter() - t0)
            cpus.append(cpu_now() - c0)
            labels = fcluster(z, a.k, criterion="maxclust")
            out.update(two_stage=False, last_heights=[float(h) for h in z[-5:, 2]],
                       sizes=sorted((int(s) for s in np.bincount(labels)[1:]), reverse=True))
        elif a.command == "silhouette":
            from sklearn.metrics import silhouette_score
            labels = np.loadtxt(a.file + ".labels", dtype=np.int64)[: x.shape[0]]
            c0, t0 = cpu_now(), time.perf_counter()
            s = silhouette_score(x, labels, n_jobs=n_jobs)
            times.append(time.perf_counter() - t0)
            cpus.append(cpu_now() - c0)
            out.update(silhouette=float(s), sampled=False)
        elif a.command == "pca":
            from sklearn.decomposition import PCA
            c0, t0 = cpu_now(), time.perf_counter()
            pca = PCA().fit(x)
            times.append(time.perf_counter() - t0)
            cpus.append(cpu_now() - c0)
            out.update(explained_variance_ratio_0=float(pca.explained_variance_ratio_[0]))

    out["seconds"] = float(np.median(times))
    out["cpu_seconds"] = float(np.median(cpus))
    print(json.dumps(out))


if __name__ == "__main__":
    main()

#!/bin/bash
# DBSCAN on 100,000 × 16 customers (min_samples 32, eps 1.6: 8 clusters and ~7% noise), ours
# against scikit-learn 1.2's DBSCAN (n_jobs=2). With 16 columns scikit-learn's "auto" picks brute
# force, its fastest choice here (kd_tree ~29 s, ball_tree ~34 s on this machine).
set -euo pipefail
source "$(dirname "$0")/geo-common.sh"
geo_data 100000
geo_compare dbscan "$data" --eps 1.6 --min-samples 32 -- --algorithm auto

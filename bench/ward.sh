#!/bin/bash
# Ward hierarchical clustering of 20,000 × 16 customers, ours (nearest-neighbour chain on
# centroids) against fastcluster.linkage_vector (the same algorithm, O(n·d) memory), then a cut
# into 8 clusters. scikit-learn and scipy.linkage would need the 1.6 GB distance matrix.
set -euo pipefail
source "$(dirname "$0")/geo-common.sh"
geo_data 20000
geo_compare ward "$data" --k 8

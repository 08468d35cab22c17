#!/bin/bash
# Exact silhouette of 20,000 × 16 customers labelled with their generating component, ours
# against scikit-learn's silhouette_score (n_jobs=2).
set -euo pipefail
source "$(dirname "$0")/geo-common.sh"
geo_data 20000
geo_compare silhouette "$data"

# Sourced by the benchmark scripts: run peers as a pip user on this machine would.
export PEER_PYTHON=/usr/bin/python3
export OPENBLAS_CORETYPE=SkylakeX      # OpenBLAS 0.3.21 misdetects this CPU (4x slower gemm otherwise)
export OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 MKL_NUM_THREADS=2
export SG_THREADS=2

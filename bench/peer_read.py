#!/usr/bin/python3
"""Peer for bench/import.sh: read a CSV with pandas as a pip user would.

    peer_read.py FILE.csv

Prints the shape and the time read_csv itself took (the whole process is timed from outside).
"""
import sys
import time

import pandas as pd


def main():
    start = time.perf_counter()
    frame = pd.read_csv(sys.argv[1])
    took = time.perf_counter() - start
    print(f"pandas {pd.__version__}: {frame.shape[0]} rows x {frame.shape[1]} columns, read_csv {took:.3f} s")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""The peer of `segmenta-cli derive`: the same customer features with a pandas groupby, in one run.

    peer_derive.py TRANSACTIONS.csv

Reads the columns it needs (InvoiceNo, StockCode, Quantity, InvoiceDate, UnitPrice, CustomerID, Country) and
computes, per customer, what sg-derive.h defines: recency, frequency (distinct orders with a purchase),
monetary (purchase total), average order value, tenure, mean inter-purchase interval, orders in the last
30/90/365 days, spend trend, distinct categories, share of returns, favourite category and channel.
Prints the time to read and the time to compute, the customer count and the monetary total (to check that
both tools agree).
"""
import sys
import time

import numpy as np
import pandas as pd


def main():
    path = sys.argv[1]
    t0 = time.perf_counter()
    df = pd.read_csv(path, usecols=["InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice",
                                    "CustomerID", "Country"],
                     dtype={"InvoiceNo": str, "StockCode": str, "Country": str})
    df["InvoiceDate"] = pd.to_datetime(df["InvoiceDate"], format="%Y-%m-%d %H:%M:%S")
    t1 = time.perf_counter()

    ref_day = df["InvoiceDate"].max().normalize()
    df["amount"] = df["UnitPrice"] * df["Quantity"]
    d = df[df["CustomerID"].notna() & df["InvoiceDate"].notna() & df["amount"].notna() & (df["amount"] != 0)]
    day = d["InvoiceDate"].dt.normalize()
    d = d[day <= ref_day]
    ret = (d["amount"] < 0) | (d["Quantity"] < 0)
    lines = d.groupby("CustomerID").size()
    returns = ret.groupby(d["CustomerID"]).sum()

    p = d[~ret].copy()
    p["days_ago"] = (ref_day - p["InvoiceDate"].dt.normalize()).dt.days
    g = p.groupby("CustomerID")
    out = pd.DataFrame({
        "first": g["InvoiceDate"].min(),
        "last": g["InvoiceDate"].max(),
        "monetary": g["amount"].sum(),
        "n_categories": g["StockCode"].nunique(),
    })
    recent = p["amount"].where(p["days_ago"] < 90, 0.0).groupby(p["CustomerID"]).sum()
    before = p["amount"].where((p["days_ago"] >= 90) & (p["days_ago"] < 180), 0.0).groupby(p["CustomerID"]).sum()

    orders = p.groupby(["CustomerID", "InvoiceNo"], sort=False)["InvoiceDate"].min().reset_index()
    orders["days_ago"] = (ref_day - orders["InvoiceDate"].dt.normalize()).dt.days
    og = orders.groupby("CustomerID")
    out["frequency"] = og.size()
    first_order = og["InvoiceDate"].min()
    last_order = og["InvoiceDate"].max()
    for n in (30, 90, 365):
        out[f"orders_{n}d"] = (orders["days_ago"] < n).groupby(orders["CustomerID"]).sum()

    out["recency_days"] = (ref_day - out["last"].dt.normalize()).dt.days
    out["tenure_days"] = (ref_day - out["first"].dt.normalize()).dt.days
    out["avg_order_value"] = out["monetary"] / out["frequency"]
    span = (last_order - first_order).dt.total_seconds() / 86400
    out["interpurchase_days"] = (span / (out["frequency"] - 1)).where(out["frequency"] > 1)
    total = recent + before
    out["spend_trend"] = ((recent - before) / total).where(total > 0, 0.0)
    out["return_share"] = (returns / lines).reindex(out.index)

    for col, name in (("StockCode", "favourite_category"), ("Country", "favourite_channel")):
        counts = p.groupby(["CustomerID", col], sort=False).size().reset_index(name="n")
        counts = counts.sort_values(["CustomerID", "n"], ascending=[True, False], kind="stable")
        out[name] = counts.drop_duplicates("CustomerID").set_index("CustomerID")[col]

    out = out.drop(columns=["first", "last"]).sort_index()
    t2 = time.perf_counter()
    print(f"read {t1 - t0:.3f} s, features {t2 - t1:.3f} s, total {t2 - t0:.3f} s")
    print(f"customers {len(out)}, monetary total {out['monetary'].sum():.2f}")


if __name__ == "__main__":
    main()

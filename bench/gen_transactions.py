#!/usr/bin/python3
"""Generate a transaction log shaped like UCI Online Retail, for the derive benchmark.

    gen_transactions.py OUT.csv --rows 5000000 --customers 100000 --seed 1

Columns as the real file: InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country.
Shape taken from the real data: multi-line invoices (about 20 lines on average, geometric), invoice numbers
rising with time over 2010-12-01..2011-12-09 in shop hours, customers with very skewed order counts
(log-normal weights), about 25 % of invoices without a customer id (guests), about 2 % cancellations
("C" invoices with negative quantities), a few zero prices, a popularity-skewed catalogue of stock codes with
per-item log-normal prices, and one country per customer (mostly the United Kingdom). CustomerID is written
as a float ("12345.0") as in the pandas-exported sample.
"""
import argparse
import numpy as np
import pandas as pd

COUNTRIES = ["United Kingdom", "Germany", "France", "EIRE", "Spain", "Netherlands", "Belgium", "Switzerland",
             "Portugal", "Australia", "Norway", "Italy", "Channel Islands", "Finland", "Cyprus", "Sweden",
             "Austria", "Denmark", "Japan", "Poland", "USA", "Israel", "Unspecified", "Singapore", "Iceland",
             "Canada", "Greece", "Malta", "United Arab Emirates", "European Community", "RSA", "Lebanon",
             "Lithuania", "Brazil", "Czech Republic", "Bahrain", "Saudi Arabia"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--rows", type=int, default=5_000_000)
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--items", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)

    # invoices and their line counts
    n_inv = int(a.rows / 20 * 1.2) + 10
    lines = np.minimum(rng.geometric(1 / 20, size=n_inv), 500)
    cum = np.cumsum(lines)
    n_inv = int(np.searchsorted(cum, a.rows) + 1)
    lines = lines[:n_inv]
    lines[-1] -= int(cum[n_inv - 1] - a.rows)
    n = int(lines.sum())

    # invoice times: sorted, shop hours 8:00-20:00, numbers rising with time
    start = np.datetime64("2010-12-01T00:00:00")
    days = rng.integers(0, 374, size=n_inv)
    minutes = rng.integers(8 * 60, 20 * 60, size=n_inv)
    t = np.sort(days * 86400 + minutes * 60)
    inv_time = start + t.astype("timedelta64[s]")
    inv_no = 536365 + np.arange(n_inv)

    # customers: skewed order counts; guests; cancellations
    weights = rng.lognormal(0, 1.6, size=a.customers)
    weights /= weights.sum()
    inv_cust = rng.choice(a.customers, size=n_inv, p=weights).astype(float) + 12346
    guest = rng.random(n_inv) < 0.25
    inv_cust[guest] = np.nan
    cancel = (rng.random(n_inv) < 0.02) & ~guest
    cust_country = np.where(rng.random(a.customers) < 0.9, 0, rng.integers(1, len(COUNTRIES), size=a.customers))

    # items: popularity (Zipf-like), codes such as 85123A, prices
    pop = 1.0 / np.arange(1, a.items + 1) ** 0.9
    pop /= pop.sum()
    codes = np.array([f"{c}{s}" for c, s in zip(rng.integers(10000, 90000, size=a.items),
                                                  rng.choice(["", "", "", "A", "B", "C"], size=a.items))])
    codes[0], codes[1] = "POST", "M"
    item_price = np.round(rng.lognormal(0.9, 0.8, size=a.items), 2)

    # lines
    inv_of_line = np.repeat(np.arange(n_inv), lines)
    item = rng.choice(a.items, size=n, p=pop)
    qty = np.minimum(rng.geometric(0.25, size=n) * rng.choice([1, 1, 1, 2, 6, 12], size=n), 5000)
    qty = np.where(cancel[inv_of_line], -qty, qty)
    price = item_price[item]
    price = np.where(rng.random(n) < 0.005, 0.0, price)
    cust = inv_cust[inv_of_line]
    country_idx = np.where(np.isnan(cust), 0, cust_country[np.nan_to_num(cust - 12346).astype(int)])

    inv_str = np.char.add(np.where(cancel, "C", ""), inv_no.astype(str))
    df = pd.DataFrame({
        "InvoiceNo": inv_str[inv_of_line],
        "StockCode": codes[item],
        "Description": np.char.add("ITEM ", codes[item]),
        "Quantity": qty,
        "InvoiceDate": pd.Series(inv_time[inv_of_line]).dt.strftime("%Y-%m-%d %H:%M:%S"),
        "UnitPrice": price,
        "CustomerID": cust,
        "Country": np.array(COUNTRIES)[country_idx],
    })
    df.to_csv(a.out, index=False)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
# generate.py — writes the demo data: customers.csv and transactions.csv of a fictional online shop
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Standard library only, seeded: the same files on every run. The customers fall into behaviour groups
# (loyal big spenders, bargain hunters, occasional regulars, holiday gift buyers, new customers, lapsed
# customers) that are not written anywhere in the files; segmenting the per-customer figures should
# find them again. All names, emails and purchases are made up.
#
#   /usr/bin/python3 data/demo/generate.py [OUTPUT_DIR]    (default: beside this script)

import csv
import datetime as dt
import os
import random
import sys

SEED = 20261031
FIRST_DAY = dt.date(2024, 11, 1)
LAST_DAY = dt.date(2026, 10, 31)       # the data is "as of" this day
N_CUSTOMERS = 2000

FIRST_NAMES = ["Ava", "Ben", "Chloe", "Daniel", "Elena", "Finn", "Grace", "Hugo", "Isla", "Jonas", "Katie",
               "Liam", "Maya", "Noah", "Olivia", "Pablo", "Quinn", "Rosa", "Sam", "Tara", "Umar", "Vera",
               "Will", "Xenia", "Yusuf", "Zoe", "Amira", "Bruno", "Clara", "Diego", "Emma", "Felix", "Giulia",
               "Hannah", "Ines", "Jack", "Lena", "Marco", "Nora", "Oscar", "Priya", "Ruben", "Sofia", "Theo",
               "Lucía", "Mathis", "Søren", "Zoë", "Björn", "Aoife"]
LAST_NAMES = ["Smith", "Jones", "Müller", "Schmidt", "Martin", "Bernard", "García", "López", "de Vries",
              "Jansen", "Murphy", "Kelly", "Rossi", "Bianchi", "Andersson", "Johansson", "Brown", "Taylor",
              "Wilson", "Evans", "Fischer", "Weber", "Dubois", "Moreau", "Fernández", "Romero", "Bakker",
              "Visser", "Byrne", "Ricci", "Nilsson", "Walsh", "Clarke", "Wright", "Hall", "Becker",
              "Lefebvre", "Navarro", "Meijer", "Lindqvist"]
COUNTRIES = [("United Kingdom", 34), ("Germany", 18), ("France", 14), ("Spain", 10), ("Netherlands", 8),
             ("Ireland", 6), ("Italy", 6), ("Sweden", 4)]
CATEGORIES = {            # name: (typical unit price, spread)
    "Home": (24.0, 0.6), "Kitchen": (18.0, 0.7), "Garden": (32.0, 0.7), "Fashion": (35.0, 0.5),
    "Beauty": (15.0, 0.5), "Electronics": (89.0, 0.8), "Toys": (22.0, 0.6), "Books": (12.0, 0.4),
    "Sports": (41.0, 0.6),
}

# Behaviour groups: share, age range, orders per year, lines per order, price factor, preferred channels,
# category weights, return rate, when they were active.
GROUPS = {
    "loyal": dict(share=0.12, age=(34, 62), orders=(9, 15), lines=(1, 3), price=(1.3, 2.2),
                  channels={"App": 5, "Web": 3, "Store": 1}, return_rate=0.02,
                  categories={"Home": 3, "Kitchen": 3, "Electronics": 2, "Garden": 2, "Books": 1}),
    "bargain": dict(share=0.22, age=(19, 36), orders=(5, 9), lines=(1, 2), price=(0.45, 0.75),
                    channels={"App": 6, "Web": 3, "Store": 1}, return_rate=0.09,
                    categories={"Fashion": 5, "Beauty": 4, "Toys": 2, "Sports": 1}),
    "regular": dict(share=0.24, age=(28, 58), orders=(2, 4), lines=(1, 2), price=(0.9, 1.2),
                    channels={"Web": 5, "Store": 3, "App": 2}, return_rate=0.04,
                    categories={c: 1 for c in CATEGORIES}),
    "gifts": dict(share=0.09, age=(40, 72), orders=(1, 3), lines=(2, 4), price=(1.4, 2.4),
                  channels={"Web": 4, "Store": 4, "App": 1}, return_rate=0.05,
                  categories={"Toys": 4, "Electronics": 3, "Books": 3, "Beauty": 2}),
    "new": dict(share=0.13, age=(20, 45), orders=(4, 10), lines=(1, 2), price=(0.8, 1.2),
                channels={"App": 4, "Web": 4, "Store": 1}, return_rate=0.05,
                categories={c: 1 for c in CATEGORIES}),
    "lapsed": dict(share=0.20, age=(25, 65), orders=(1, 3), lines=(1, 2), price=(0.7, 1.1),
                   channels={"Web": 5, "Store": 3, "App": 1}, return_rate=0.06,
                   categories={c: 1 for c in CATEGORIES}),
}


def weighted(rng, weights):
    names = list(weights)
    return rng.choices(names, weights=[weights[n] for n in names])[0]


def day_between(rng, start, end):
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def ascii_part(text):
    table = str.maketrans("áéíóúüöäøåçñëïÁÉÍÓÚÜÖÄØÅÇÑ", "aeiouuoaoacneiAEIOUUOAOACN")
    return "".join(ch for ch in text.translate(table).lower() if ch.isalnum())


def make_customers(rng):
    names = list(GROUPS)
    group_of = rng.choices(names, weights=[GROUPS[g]["share"] for g in names], k=N_CUSTOMERS)
    customers = []
    emails = set()
    for i, group in enumerate(group_of, start=1):
        g = GROUPS[group]
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        base = f"{ascii_part(first)}.{ascii_part(last)}"
        email = f"{base}@example.com"
        n = 2
        while email in emails:
            email = f"{base}{n}@example.com"
            n += 1
        emails.add(email)
        if group == "new":
            signup = day_between(rng, LAST_DAY - dt.timedelta(days=100), LAST_DAY - dt.timedelta(days=5))
        elif group == "lapsed":
            signup = day_between(rng, dt.date(2021, 1, 1), FIRST_DAY + dt.timedelta(days=120))
        else:
            signup = day_between(rng, dt.date(2019, 1, 1), FIRST_DAY + dt.timedelta(days=200))
        gender = rng.choices(["female", "male", "non-binary", ""], weights=[52, 44, 2, 2])[0]
        age = str(rng.randint(*g["age"])) if rng.random() > 0.03 else ""
        customers.append(dict(
            customer_id=f"C{i:05d}", name=f"{first} {last}", email=email,
            country=rng.choices([c for c, _ in COUNTRIES], weights=[w for _, w in COUNTRIES])[0],
            gender=gender, age=age, signup_date=signup.isoformat(),
            channel=weighted(rng, {"Search": 4, "Social": 3, "Referral": 2, "Newsletter": 1}),
            newsletter="yes" if rng.random() < (0.7 if group in ("loyal", "bargain") else 0.35) else "no",
            _group=group, _signup=signup))
    return customers


def order_days(rng, customer):
    """The days a customer ordered on, by their group's rhythm."""
    g = GROUPS[customer["_group"]]
    group = customer["_group"]
    start = max(customer["_signup"], FIRST_DAY)
    end = LAST_DAY
    if group == "lapsed":
        end = min(end, FIRST_DAY + dt.timedelta(days=rng.randint(90, 330)))
    years = max((end - start).days, 1) / 365.0
    n = max(1, round(rng.uniform(*g["orders"]) * years)) if group != "gifts" else rng.randint(2, 6)
    if group == "gifts":
        # around the holidays, and the odd birthday
        days = []
        for _ in range(n):
            year = rng.choice([2024, 2025]) if rng.random() < 0.8 else 2026
            if year == 2024:
                day = day_between(rng, dt.date(2024, 11, 15), dt.date(2024, 12, 23))
            elif year == 2025 and rng.random() < 0.85:
                day = day_between(rng, dt.date(2025, 11, 15), dt.date(2025, 12, 23))
            else:
                day = day_between(rng, dt.date(2026, 2, 1), LAST_DAY)
            days.append(day)
        return sorted(days)
    return sorted(day_between(rng, start, end) for _ in range(n))


def make_transactions(rng, customers):
    hours = list(range(24))
    hour_weights = [1, 1, 1, 1, 1, 1, 2, 4, 6, 7, 8, 8, 9, 8, 8, 8, 8, 9, 10, 11, 12, 10, 6, 3]
    orders = []
    for c in customers:
        for day in order_days(rng, c):
            hour = rng.choices(hours, weights=hour_weights)[0]
            orders.append((dt.datetime.combine(day, dt.time(hour, rng.randrange(60))), c))
    orders.sort(key=lambda o: (o[0], o[1]["customer_id"]))
    rows = []
    for number, (when, c) in enumerate(orders, start=1):
        g = GROUPS[c["_group"]]
        invoice = f"INV{number:06d}"
        channel = weighted(rng, g["channels"])
        price_factor = rng.uniform(*g["price"])
        lines = []
        for _ in range(rng.randint(*g["lines"])):
            category = weighted(rng, g["categories"])
            base, spread = CATEGORIES[category]
            price = max(0.99, round(base * price_factor * rng.lognormvariate(0, spread) - 0.01, 2))
            quantity = rng.choices([1, 2, 3, 4, 6], weights=[60, 22, 9, 6, 3])[0]
            lines.append(dict(invoice=invoice, customer_id=c["customer_id"],
                              date=when.strftime("%Y-%m-%d %H:%M"), category=category, quantity=quantity,
                              unit_price=f"{price:.2f}", channel=channel))
        rows.extend(lines)
        # Returns: a credit note a few days later for one line of the order.
        if rng.random() < g["return_rate"]:
            line = rng.choice(lines)
            back = when + dt.timedelta(days=rng.randint(3, 25), hours=rng.randint(0, 8))
            if back.date() <= LAST_DAY:
                rows.append(dict(line, invoice="R" + invoice[3:], date=back.strftime("%Y-%m-%d %H:%M"),
                                 quantity=-line["quantity"]))
    rows.sort(key=lambda r: (r["date"], r["invoice"]))
    return rows


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    rng = random.Random(SEED)
    customers = make_customers(rng)
    transactions = make_transactions(rng, customers)

    fields = ["customer_id", "name", "email", "country", "gender", "age", "signup_date", "channel",
              "newsletter"]
    with open(os.path.join(out, "customers.csv"), "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(customers)
    fields = ["invoice", "customer_id", "date", "category", "quantity", "unit_price", "channel"]
    with open(os.path.join(out, "transactions.csv"), "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(transactions)
    print(f"{len(customers)} customers, {len(transactions)} transaction rows")


if __name__ == "__main__":
    main()

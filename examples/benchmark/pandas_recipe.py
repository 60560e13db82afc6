"""The four screening rules the way a pandas user computes them, for the
timing comparison in run.sh: read_csv, describe, and DataFrame.corr (which
uses every pair of answers, like pairwise deletion).

    python3 examples/benchmark/pandas_recipe.py DATA_FOLDER
"""
import sys

import pandas as pd

folder = sys.argv[1]
scales, items = {}, []
for line in open(f"{folder}/bank.yaml", encoding="utf-8"):
    if line.startswith("  - {id: "):
        fields = dict(f.split(": ", 1) for f in line.strip()[3:-1].split(", ")[:2])
        items.append((fields["id"], fields["scale"]))
lo = pd.Series({i: 1 for i, _ in items})
hi = pd.Series({i: 5 if s == "likert5" else 10 for i, s in items})
missing = {i: [9] for i, s in items if s == "likert5"}
ids = [i for i, _ in items]

prev = pd.read_csv(f"{folder}/previous.csv", usecols=ids, na_values=missing, keep_default_na=True)
cur = pd.read_csv(f"{folder}/current.csv", usecols=ids, na_values=missing, keep_default_na=True)
dp, dc = prev.describe(), cur.describe()
r = cur.corr()

rng = hi - lo
stable = (dc.loc["mean"] - dp.loc["mean"]).abs() < 0.10 * rng
ceiling = dc.loc["mean"] > lo + 0.80 * rng
low_spread = dc.loc["std"] < 0.20 * rng
for i in ids:
    r.loc[i, i] = 0
redundant = (r.abs() > 0.50).any()
print(f"pandas: stable {stable.sum()}, ceiling {ceiling.sum()}, low_spread {low_spread.sum()}, redundant {redundant.sum()}")

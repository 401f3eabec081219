"""Backprop's defaults against scikit-learn's pipeline as a user would build it, on two vega-datasets tables, same rows.

Usage: /usr/bin/python3 bench/yardsticks/vega_pipeline.py BACKPROP VEGA_DATA [SEEDS]
  BACKPROP: the CLI (e.g. src/Backprop.Cli/bin/Release/net10.0/Backprop.Cli); VEGA_DATA: the data/ folder of the npm
  package vega-datasets 3.2.1 (`npm pack vega-datasets@3.2.1 && tar xzf vega-datasets-3.2.1.tgz` gives package/data);
  SEEDS: default 1,2,3,4,5. The data are not part of this repo.
Tables:
  seattle-weather.csv -> weather (5 classes, skewed: rain 641, sun 640, fog 101, drizzle 53, snow 26 of 1461 days);
    features: date (a date column), precipitation, temp_max, temp_min, wind. Stratified 80/20 split.
  cars.json -> Miles_per_Gallon (regression, R^2); features: Cylinders, Displacement, Horsepower (6 missing),
    Weight_in_lbs, Acceleration, Year (a date, 1970-01-01 ...), Origin (text). The 8 rows without a Miles_per_Gallon are
    dropped, and Name (311 distinct car names) is dropped from both. Plain 80/20 split.
  cars.json -> Origin (3 classes, skewed: USA 254, Japan 79, Europe 73 of 406); features: the numbers above with
    Miles_per_Gallon (8 missing) and Horsepower (6 missing), Year (a date); Name dropped. Stratified 80/20 split.
For each seed: train_test_split(random_state=seed) written to two CSVs (a missing cell empty);
`backprop train --data train.csv --target T --test test.csv --seed S` (every other option its default) and `backprop
evaluate`; then ColumnTransformer(SimpleImputer+StandardScaler on numbers, OneHotEncoder(handle_unknown="ignore") on
text) + MLPClassifier/MLPRegressor(hidden_layer_sizes=(64,), random_state=seed) on the same rows. A date is given to
scikit-learn as the four numbers Backprop derives from it (year, month, day of week with Monday 0, day of year), which
then go through the same SimpleImputer+StandardScaler. On cars scikit-learn also runs with the target standardised
(TransformedTargetRegressor(transformer=StandardScaler())), a step a user may not think of. On both classification
tables Backprop also runs with --class-weight balanced.
A yardstick only: scikit-learn is never a dependency of Backprop.
"""
import os, re, subprocess, sys, tempfile, warnings
import pandas as pd
from sklearn.compose import ColumnTransformer, TransformedTargetRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.metrics import accuracy_score, f1_score, r2_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

warnings.filterwarnings("ignore", category=ConvergenceWarning)
cli, folder = sys.argv[1], sys.argv[2]
seeds = [int(s) for s in (sys.argv[3] if len(sys.argv) > 3 else "1,2,3,4,5").split(",")]


def date_parts(frame, dates):
    """The four numbers Backprop derives from a date: year, month, day of week (Monday 0), day of year."""
    frame = frame.copy()
    for c in dates:
        d = pd.to_datetime(frame[c])
        frame[c + "_year"], frame[c + "_month"] = d.dt.year, d.dt.month
        frame[c + "_dow"], frame[c + "_doy"] = d.dt.dayofweek, d.dt.dayofyear
    return frame.drop(columns=dates)


def backprop(tmp, seed, train, test, target, extra=()):
    tr, te, model = (os.path.join(tmp, f"{n}{seed}") for n in ("train.csv", "test.csv", "m.safetensors"))
    train.to_csv(tr, index=False); test.to_csv(te, index=False)
    subprocess.run([cli, "train", "--data", tr, "--target", target, "--test", te, "--seed", str(seed), "--out", model, *extra],
                   check=True, capture_output=True)
    return subprocess.run([cli, "evaluate", "--model", model, "--data", te], check=True, capture_output=True, text=True).stdout


def sklearn(seed, train, test, target, numbers, text, dates, classify, scale_target=False):
    X_train, X_test = date_parts(train.drop(columns=[target]), dates), date_parts(test.drop(columns=[target]), dates)
    nums = numbers + [c + p for c in dates for p in ("_year", "_month", "_dow", "_doy")]
    pre = ColumnTransformer([("num", make_pipeline(SimpleImputer(), StandardScaler()), nums)]
                            + ([("cat", OneHotEncoder(handle_unknown="ignore"), text)] if text else []))
    for c in text: X_train[c], X_test[c] = X_train[c].fillna("(missing)"), X_test[c].fillna("(missing)")
    mlp = (MLPClassifier if classify else MLPRegressor)(hidden_layer_sizes=(64,), random_state=seed)
    if scale_target: mlp = TransformedTargetRegressor(mlp, transformer=StandardScaler())
    return Pipeline([("pre", pre), ("mlp", mlp)]).fit(X_train, train[target]).predict(X_test)


def classify(tmp, name, data, target, numbers, text, dates):
    rows = []
    for seed in seeds:
        train, test = train_test_split(data, test_size=0.2, stratify=data[target], random_state=seed)
        out = backprop(tmp, seed, train, test, target)
        bal = backprop(tmp, seed, train, test, target, ("--class-weight", "balanced"))
        pred = sklearn(seed, train, test, target, numbers, text, dates, True)
        rows.append((seed, float(re.search(r"acc (\S+)", out).group(1)), f1(out),
                     accuracy_score(test[target], pred), f1_score(test[target], pred, average="macro"),
                     float(re.search(r"acc (\S+)", bal).group(1)), f1(bal)))
    print(f"{name} -> {target} ({len(test)} test rows)")
    print("seed  backprop acc  backprop macro-F1  sklearn acc  sklearn macro-F1  balanced acc  balanced macro-F1")
    for r in rows: print(f"{r[0]:>4}  " + "  ".join(f"{v:.4f}" for v in r[1:]))
    print("mean  " + "  ".join(f"{sum(r[i] for r in rows) / len(rows):.4f}" for i in range(1, 7)))


def f1(out):
    return float(re.search(r"macro avg\s+\S+\s+\S+\s+(\S+)", out).group(1))


def cars(tmp):
    data = pd.read_json(os.path.join(folder, "cars.json")).drop(columns=["Name"]).dropna(subset=["Miles_per_Gallon"])
    target = "Miles_per_Gallon"
    rows = []
    for seed in seeds:
        train, test = train_test_split(data, test_size=0.2, random_state=seed)
        out = backprop(tmp, seed, train, test, target)
        args = (seed, train, test, target, ["Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration"], ["Origin"], ["Year"], False)
        rows.append((seed, float(re.search(r"r2 (\S+)", out).group(1)), r2_score(test[target], sklearn(*args)),
                     r2_score(test[target], sklearn(*args, scale_target=True))))
    print(f"cars -> Miles_per_Gallon ({len(test)} test rows)")
    print("seed  backprop R2  sklearn R2  sklearn R2 (target standardised)")
    for r in rows: print(f"{r[0]:>4}  " + "  ".join(f"{v:.4f}" for v in r[1:]))
    print("mean  " + "  ".join(f"{sum(r[i] for r in rows) / len(rows):.4f}" for i in (1, 2, 3)))


with tempfile.TemporaryDirectory() as tmp:
    classify(tmp, "seattle-weather", pd.read_csv(os.path.join(folder, "seattle-weather.csv")), "weather",
             ["precipitation", "temp_max", "temp_min", "wind"], [], ["date"])
    classify(tmp, "cars", pd.read_json(os.path.join(folder, "cars.json")).drop(columns=["Name"]), "Origin",
             ["Miles_per_Gallon", "Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration"], [], ["Year"])
    cars(tmp)

#!/usr/bin/python3
"""Yardstick, not a dependency: `backprop train` with its defaults against scikit-learn's MLP defaults.

For each built-in data set and seed: one split of the repository's data/ file (stratified by class for
classification, 80% train / 20% test; optdigits uses its own .tra/.tes), written as two CSV files that both
tools read. Ours: `Backprop.Cli.dll train --data TRAIN --test TEST --seed S` and only the column options
(with its defaults it trains on all of TRAIN, no validation split, and stops early on the training loss, as
scikit-learn does: Adam 0.001, weight decay 1e-4, cosine schedule, Glorot-uniform weights). scikit-learn:
StandardScaler + MLPClassifier/MLPRegressor(hidden_layer_sizes=(64,), random_state=S), every other setting
its default (scikit-learn scales nothing itself; our CLI standardises features by default, and for regression
also the target, which scikit-learn's MLPRegressor does not: a third column gives scikit-learn that too).
MNIST: neither tool scales the [0, 1] pixels (`--scale none`, our `--data mnist` default). Scores: test
accuracy or R^2.
Times: ours is the `elapsed` our CLI prints (loading, split, fit and test; no .NET start-up); scikit-learn's
is the pipeline's fit().

Run from the repository root after `dotnet build src/Backprop.Cli -c Release`:
    /usr/bin/python3 bench/yardsticks/sklearn_defaults.py [--seeds 5] [--only iris,wine] [--letters-seeds N] [--mnist-seeds N]
        [--ours-args "--init he_normal"] [--ours-only]
"""
import argparse, csv, gzip, os, re, statistics, subprocess, sys, tempfile, time, warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import accuracy_score, r2_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.compose import TransformedTargetRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

CLI = "src/Backprop.Cli/bin/Release/net10.0/Backprop.Cli.dll"


def rows(path, sep=","):
    with open(path) as f:
        if sep == "ws":
            return [l.split() for l in f if l.strip()]
        return [r for r in csv.reader(f, delimiter=sep) if r]


def iris():
    r = rows("data/iris/iris.data")
    return np.array([x[:4] for x in r], float), [x[4] for x in r]


def wine():
    r = rows("data/wine/wine.data")
    return np.array([x[1:] for x in r], float), [x[0] for x in r]


def breast_cancer():
    r = rows("data/breast-cancer-wisconsin-diagnostic/wdbc.data")
    return np.array([x[2:] for x in r], float), [x[1] for x in r]


def optdigits_file(name):
    r = rows(f"data/optdigits/{name}")
    return np.array([x[:64] for x in r], float), [x[64] for x in r]


def letters():
    r = rows("data/letter-recognition/letter-recognition.data")
    return np.array([x[1:] for x in r], float), [x[0] for x in r]


def auto_mpg():
    # whitespace-separated, the quoted car name last (may contain spaces): keep the first 8 fields; drop '?' rows
    r = [x[:8] for x in rows("data/auto-mpg/auto-mpg.data", "ws")]
    r = [x for x in r if "?" not in x]
    return np.array([x[1:] for x in r], float), np.array([x[0] for x in r], float)


def wine_quality_red():
    r = rows("data/wine-quality/winequality-red.csv", ";")[1:]
    return np.array([x[:-1] for x in r], float), np.array([x[-1] for x in r], float)


def mnist():
    # the built-in MNIST (t10k): pixels mapped to [0, 1], as our loader does
    with gzip.open("data/mnist/t10k-images-idx3-ubyte.gz") as f:
        x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784) / 255.0
    with gzip.open("data/mnist/t10k-labels-idx1-ubyte.gz") as f:
        y = np.frombuffer(f.read(), np.uint8, offset=8)
    return x, [str(v) for v in y]


# For MNIST our default scaling is `none` (--data mnist), so both tools get the [0, 1] pixels unscaled.
UNSCALED = {"mnist"}

SETS = [  # name, loader, classification?
    ("iris", iris, True), ("wine", wine, True), ("breast-cancer", breast_cancer, True),
    ("optdigits", None, True), ("auto-mpg", auto_mpg, False), ("wine-quality-red", wine_quality_red, False),
    ("letters", letters, True), ("mnist", mnist, True),
]


def write(path, x, y):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([f"x{i}" for i in range(x.shape[1])] + ["target"])
        for xi, yi in zip(x, y):
            w.writerow([repr(float(v)) for v in xi] + [yi])


def ours(train, test, seed, classification, scale=True, extra=()):
    task = "classification" if classification else "regression"
    cmd = ["dotnet", CLI, "train", "--data", train, "--test", test, "--seed", str(seed),
           "--header", "--target", "target", "--task", task] + ([] if scale else ["--scale", "none"]) + list(extra)
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"ours failed: {' '.join(cmd)}\n{out.stderr}")
    last = [l for l in out.stdout.splitlines() if l.startswith("test ")][-1]
    score = float(re.search(r"\b(acc|r2) (-?[0-9.]+)", last).group(2))
    secs = float(re.search(r"elapsed ([0-9.]+) s", last).group(1))
    return score, secs


def theirs(xtr, ytr, xte, yte, seed, classification, scale_target=False, scale=True):
    mlp = (MLPClassifier if classification else MLPRegressor)(hidden_layer_sizes=(64,), random_state=seed)
    model = make_pipeline(StandardScaler(), mlp) if scale else mlp
    if scale_target:  # as our CLI does for regression: fit on standardised targets, map predictions back
        model = TransformedTargetRegressor(regressor=model, transformer=StandardScaler())
    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(xtr, ytr)
    secs = time.perf_counter() - t
    p = model.predict(xte)
    return (accuracy_score(yte, p) if classification else r2_score(yte, p)), secs


def ms(v):
    return f"{statistics.mean(v):.3f} ± {statistics.stdev(v) if len(v) > 1 else 0:.3f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--letters-seeds", type=int, default=None)
    ap.add_argument("--mnist-seeds", type=int, default=None)
    ap.add_argument("--only", default="")
    ap.add_argument("--ours-args", default="", help="options added to ours, to measure a candidate default")
    ap.add_argument("--ours-only", action="store_true", help="skip scikit-learn (its columns print as 0)")
    a = ap.parse_args()
    only = set(filter(None, a.only.split(",")))
    print("| data set | seeds | metric | ours | scikit-learn | scikit-learn, target standardised | ours s | scikit-learn fit s |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for name, load, cls in SETS:
            if only and name not in only:
                continue
            n = {"letters": a.letters_seeds, "mnist": a.mnist_seeds}.get(name) or a.seeds
            r = {"os": [], "ts": [], "ot": [], "tt": [], "ys": []}
            for seed in range(1, n + 1):
                if name == "optdigits":
                    (xtr, ytr), (xte, yte) = optdigits_file("optdigits.tra"), optdigits_file("optdigits.tes")
                else:
                    x, y = load()
                    xtr, xte, ytr, yte = train_test_split(x, y, test_size=0.2, random_state=seed,
                                                          stratify=y if cls else None)
                tr, te = os.path.join(tmp, f"{name}-train.csv"), os.path.join(tmp, f"{name}-test.csv")
                write(tr, xtr, ytr)
                write(te, xte, yte)
                s, t = ours(tr, te, seed, cls, name not in UNSCALED, a.ours_args.split())
                r["os"].append(s); r["ot"].append(t)
                s, t = (0.0, 0.0) if a.ours_only else theirs(xtr, ytr, xte, yte, seed, cls, scale=name not in UNSCALED)
                r["ts"].append(s); r["tt"].append(t)
                if not cls and not a.ours_only:
                    r["ys"].append(theirs(xtr, ytr, xte, yte, seed, cls, scale_target=True)[0])
                print(f"  {name} seed {seed}: ours {r['os'][-1]:.4f} {r['ot'][-1]:.2f} s, "
                      f"scikit-learn {r['ts'][-1]:.4f} {r['tt'][-1]:.2f} s"
                      + (f", target standardised {r['ys'][-1]:.4f}" if r["ys"] else ""), file=sys.stderr, flush=True)
            print(f"| {name} | {n} | {'accuracy' if cls else 'R²'} | {ms(r['os'])} | {ms(r['ts'])} "
                  f"| {ms(r['ys']) if r['ys'] else '—'} | {ms(r['ot'])} | {ms(r['tt'])} |", flush=True)


if __name__ == "__main__":
    main()

"""Backprop's default training on penguins against scikit-learn's pipeline as a user would build it, on the same rows.

Usage: /usr/bin/python3 bench/yardsticks/penguins_pipeline.py BACKPROP [SEEDS]
  BACKPROP: the CLI (e.g. src/Backprop.Cli/bin/Release/net10.0/Backprop.Cli); SEEDS: default 1,2,3,4,5.
For each seed: a stratified 80/20 split of data/penguins/penguins.csv (train_test_split, random_state=seed), written to two CSVs;
`backprop train --data train.csv --target Species --test test.csv --seed S` (every other option its default) and `backprop evaluate`
on the test file; then ColumnTransformer(SimpleImputer+StandardScaler on numbers, OneHotEncoder(handle_unknown="ignore") on text)
+ MLPClassifier(hidden_layer_sizes=(64,), random_state=seed) on the same rows. Prints accuracy and macro-F1 per seed and their means.
A yardstick only: scikit-learn is never a dependency of Backprop.
"""
import os, re, subprocess, sys, tempfile, warnings
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

warnings.filterwarnings("ignore", category=ConvergenceWarning)
cli = sys.argv[1]
seeds = [int(s) for s in (sys.argv[2] if len(sys.argv) > 2 else "1,2,3,4,5").split(",")]
data = pd.read_csv(os.path.join(os.path.dirname(__file__), "..", "..", "data", "penguins", "penguins.csv"), keep_default_na=False, na_values=[""])
target, text = "Species", ["Island", "Sex"]
numbers = [c for c in data.columns if c not in text + [target]]
rows = []
with tempfile.TemporaryDirectory() as tmp:
    for seed in seeds:
        train, test = train_test_split(data, test_size=0.2, stratify=data[target], random_state=seed)
        tr, te, model = (os.path.join(tmp, f"{n}{seed}") for n in ("train.csv", "test.csv", "m.safetensors"))
        train.to_csv(tr, index=False); test.to_csv(te, index=False)
        subprocess.run([cli, "train", "--data", tr, "--target", target, "--test", te, "--seed", str(seed), "--out", model], check=True, capture_output=True)
        out = subprocess.run([cli, "evaluate", "--model", model, "--data", te], check=True, capture_output=True, text=True).stdout
        ours_acc = float(re.search(r"acc (\S+)", out).group(1))
        ours_f1 = float(re.search(r"macro avg\s+\S+\s+\S+\s+(\S+)", out).group(1))
        pre = ColumnTransformer([("num", make_pipeline(SimpleImputer(), StandardScaler()), numbers),
                                 ("cat", OneHotEncoder(handle_unknown="ignore"), text)])
        X_train, X_test = train.drop(columns=[target]), test.drop(columns=[target])
        for c in text: X_train[c], X_test[c] = X_train[c].fillna("(missing)"), X_test[c].fillna("(missing)")
        sk = Pipeline([("pre", pre), ("mlp", MLPClassifier(hidden_layer_sizes=(64,), random_state=seed))]).fit(X_train, train[target])
        pred = sk.predict(X_test)
        rows.append((seed, ours_acc, ours_f1, accuracy_score(test[target], pred), f1_score(test[target], pred, average="macro")))
print("seed  backprop acc  backprop macro-F1  sklearn acc  sklearn macro-F1")
for r in rows: print(f"{r[0]:>4}  {r[1]:.4f}        {r[2]:.4f}             {r[3]:.4f}       {r[4]:.4f}")
mean = [sum(r[i] for r in rows) / len(rows) for i in range(1, 5)]
print(f"mean  {mean[0]:.4f}        {mean[1]:.4f}             {mean[2]:.4f}       {mean[3]:.4f}")

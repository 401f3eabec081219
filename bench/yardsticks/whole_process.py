#!/usr/bin/python3
"""Yardstick, not a dependency: whole-process wall time of `backprop train` with its defaults against a Python process that
imports scikit-learn, reads the same CSV files and fits MLPClassifier/MLPRegressor(hidden_layer_sizes=(64,)) with a
StandardScaler (the settings of sklearn_defaults.py), on the same 5 seeded splits. Medians of 5.

Run from the repository root after `dotnet build src/Backprop.Cli -c Release`:
    /usr/bin/python3 bench/yardsticks/whole_process.py iris,wine,breast-cancer,auto-mpg,wine-quality-red
The native tool instead (after `bash .ci/aot`): BACKPROP=artifacts/aot/backprop /usr/bin/python3 bench/yardsticks/whole_process.py iris
"""
import os, subprocess, sys, tempfile, time, statistics
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sklearn_defaults as sd
CLI = sd.CLI
# The command timed: the framework-dependent build run by dotnet, or the executable BACKPROP names (the native tool).
COMMAND = [os.environ["BACKPROP"]] if os.environ.get("BACKPROP") else ["dotnet", CLI]
TMP = tempfile.mkdtemp()
code = """
import sys, csv, warnings, numpy as np
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
def read(p):
    r = list(csv.reader(open(p)))[1:]
    return np.array([x[:-1] for x in r], float), [x[-1] for x in r]
xtr, ytr = read(sys.argv[1]); xte, yte = read(sys.argv[2])
cls = sys.argv[3] == '1'
if not cls: ytr = np.array(ytr, float); yte = np.array(yte, float)
m = make_pipeline(StandardScaler(), (MLPClassifier if cls else MLPRegressor)(hidden_layer_sizes=(64,), random_state=int(sys.argv[4])))
with warnings.catch_warnings():
    warnings.simplefilter('ignore'); m.fit(xtr, ytr)
print(m.score(xte, yte))
"""
for name, load, cls in sd.SETS:
    if name not in sys.argv[1].split(","): continue
    o, t = [], []
    for seed in range(1, 6):
        x, y = load(); xtr, xte, ytr, yte = sd.train_test_split(x, y, test_size=0.2, random_state=seed, stratify=y if cls else None)
        sd.write(os.path.join(TMP, "tr.csv"), xtr, ytr); sd.write(os.path.join(TMP, "te.csv"), xte, yte)
        a = time.perf_counter(); subprocess.run([*COMMAND, "train", "--data", os.path.join(TMP, "tr.csv"), "--test", os.path.join(TMP, "te.csv"), "--seed", str(seed), "--header", "--target", "target", "--task", "classification" if cls else "regression"], capture_output=True, check=True); o.append(time.perf_counter()-a)
        a = time.perf_counter(); subprocess.run(["/usr/bin/python3", "-c", code, os.path.join(TMP, "tr.csv"), os.path.join(TMP, "te.csv"), "1" if cls else "0", str(seed)], capture_output=True, check=True); t.append(time.perf_counter()-a)
    print(f"{name}: whole process ours {statistics.median(o):.2f} s, scikit-learn {statistics.median(t):.2f} s (medians of 5)", flush=True)

"""W12's yardstick: pandas.read_csv on the bench's 1M-row, 17-column CSV (16 numeric features + an integer class label).

    python3 bench/yardsticks/read_csv.py [FILE] [--repeat 3]

FILE defaults to $TMPDIR/backprop-bench/w12.csv, the file `Backprop.Bench standard W12` writes (and reuses). When it is missing,
this script writes one in the same format (header f0..f15,label; features normal, 6 decimals; label 0..2): the bench's own file is
the one to time, so that both read the same bytes. Prints "read_csv <median seconds> s", the median processor seconds, each run's time and the load average.
"""
import os
import statistics
import sys
import tempfile
import time

ROWS, FEATURES = 1_000_000, 16


def default_path():
    return os.path.join(tempfile.gettempdir(), "backprop-bench", "w12.csv")


def generate(path):
    import numpy as np
    rng = np.random.default_rng(12)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    partial = path + ".partial"
    with open(partial, "w", newline="\n") as f:
        f.write(",".join([f"f{j}" for j in range(FEATURES)] + ["label"]) + "\n")
        for start in range(0, ROWS, 100_000):
            x = rng.standard_normal((100_000, FEATURES))
            y = rng.integers(0, 3, 100_000)
            f.writelines(",".join(f"{v:.6f}" for v in row) + f",{label}\n" for row, label in zip(x, y))
    os.replace(partial, path)


def main(argv):
    repeat = 3
    if "--repeat" in argv:
        i = argv.index("--repeat")
        repeat = int(argv[i + 1])
        del argv[i:i + 2]
    path = argv[0] if argv else default_path()
    if not os.path.exists(path):
        generate(path)
    import pandas as pd
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        frame = pd.read_csv(path)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        assert frame.shape == (ROWS, FEATURES + 1), frame.shape
    print(f"read_csv {statistics.median(times):.3f} s  cpu {statistics.median(cpu):.3f} s  (runs: {', '.join(f'{t:.3f}' for t in times)}; load average {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main(sys.argv[1:])

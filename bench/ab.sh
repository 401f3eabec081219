#!/usr/bin/env bash
# A/B comparison of two builds of Backprop.Bench, alternated so that a change in machine load hits both alike.
#   bench/ab.sh OLD_DIR NEW_DIR [ROUNDS] [WORKLOAD ...]
# OLD_DIR, NEW_DIR: copies of bench/Backprop.Bench/bin/Release/net10.0 (copy each build's output aside first).
# ROUNDS (default 5): each round runs `standard WORKLOAD ...` once per build, the order swapped every other round.
# WORKLOADS default to W5 (which also prints W5ort); W5calls adds percentiles of single calls (W5p10, W5p50, W5p90). Environment (THREADS, BENCH_CPU, ...) passes through.
# Prints every round's lines with the 1-minute load average, then per line ID the median of each build and new/old.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: bench/ab.sh OLD_DIR NEW_DIR [ROUNDS] [WORKLOAD ...]" >&2; exit 2; }
old=$1 new=$2; shift 2
rounds=5
if [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then rounds=$1; shift; fi
workloads=("$@"); [ ${#workloads[@]} -gt 0 ] || workloads=(W5)
for d in "$old" "$new"; do [ -f "$d/Backprop.Bench.dll" ] || { echo "ab.sh: no Backprop.Bench.dll in $d" >&2; exit 2; }; done
results=$(mktemp); trap 'rm -f "$results"' EXIT

run() { # build-label dir round
    local load; load=$(cut -d' ' -f1 /proc/loadavg)
    dotnet "$2/Backprop.Bench.dll" standard "${workloads[@]}" | while read -r id value unit; do
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$3" "$1" "$id" "$value" "$unit" "$load"
    done | tee -a "$results"
}

for ((r = 1; r <= rounds; r++)); do
    if ((r % 2)); then run old "$old" "$r"; run new "$new" "$r"; else run new "$new" "$r"; run old "$old" "$r"; fi
done

echo "loads (1-minute average at each run's start): $(cut -f6 "$results" | sort -n | uniq | tr '\n' ' ')"
awk -F'\t' '
    { v[$3 SUBSEP $2] = v[$3 SUBSEP $2] " " $4; unit[$3] = $5; if (!($3 in seen)) { seen[$3] = 1; order[++n] = $3 } }
    function median(list,   a, k, i, j, t) {
        k = split(list, a, " ")
        for (i = 2; i <= k; i++) for (j = i; j > 1 && a[j-1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
        return k % 2 ? a[(k+1)/2] : (a[k/2] + a[k/2+1]) / 2
    }
    END {
        printf "%-10s %12s %12s %8s  %s\n", "workload", "old median", "new median", "new/old", "unit"
        for (i = 1; i <= n; i++) {
            id = order[i]; o = median(v[id SUBSEP "old"]); w = median(v[id SUBSEP "new"])
            printf "%-10s %12s %12s %8.3f  %s\n", id, o, w, o + 0 ? w / o : 0, unit[id]
        }
    }' "$results"

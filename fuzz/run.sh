#!/usr/bin/env bash
# Coverage-guided fuzzing of one reader with afl-fuzz and SharpFuzz (docs/fuzzing.md).
# Usage: fuzz/run.sh model|csv|idx|spec|parquet|playground [SECONDS]   (default 600 s; 0 = until Ctrl+C)
# Needs afl-fuzz (apt-get install afl++) and sharpfuzz (dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0).
# Environment: FUZZ_OUT (findings, default /tmp/fuzz-out/TARGET), FUZZ_BIN (published harness, default /tmp/fuzz-bin).
set -euo pipefail

target=${1:?usage: fuzz/run.sh model|csv|idx|spec|parquet|playground [SECONDS]}
seconds=${2:-600}
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=$root/fuzz/corpus/$target
out=${FUZZ_OUT:-/tmp/fuzz-out/$target}
bin=${FUZZ_BIN:-/tmp/fuzz-bin}
[[ -d $corpus ]] || { echo "no corpus for target '$target' ($corpus)" >&2; exit 2; }
export PATH=$PATH:$HOME/.dotnet/tools
command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install -y afl++" >&2; exit 2; }
command -v sharpfuzz >/dev/null || { echo "sharpfuzz not found: dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0" >&2; exit 2; }

# A fresh publish each time: sharpfuzz rewrites the assemblies in place and refuses to instrument one twice.
rm -rf "$bin"
dotnet publish "$root/fuzz/Backprop.Fuzz" -c Release -o "$bin" -v quiet -nologo
sharpfuzz "$bin/Backprop.dll"
# The CSV tokenizer lives in Sylvan.Data.Csv: instrument it too, so afl-fuzz sees paths through it.
[[ $target == csv ]] && sharpfuzz "$bin/Sylvan.Data.Csv.dll"
# The Parquet target: our footer, page and column checks live in Backprop.Parquet (Parquet.Net itself is left uninstrumented).
[[ $target == parquet ]] && sharpfuzz "$bin/Backprop.Parquet.dll"
# The playground target: the settings, session, upload and inspector code live in Backprop.Playground (the CSV reader in Backprop).
[[ $target == playground ]] && sharpfuzz "$bin/Backprop.Playground.dll"

dict=()
[[ -f $root/fuzz/dict/$target.dict ]] && dict=(-x "$root/fuzz/dict/$target.dict")
duration=()
[[ $seconds != 0 ]] && duration=(-V "$seconds")

export AFL_SKIP_BIN_CHECK=1                      # the target is dotnet, not an afl-instrumented binary
export AFL_SKIP_CPUFREQ=1                        # shared machines cannot set the CPU governor
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1   # core_pattern may pipe cores elsewhere
export AFL_NO_AFFINITY=1                         # do not pin to a core other jobs share
export AFL_AUTORESUME=1                          # an existing output directory is resumed: its queue goes on
[[ -t 1 ]] || export AFL_NO_UI=1                 # plain status lines when not on a terminal
mkdir -p "$(dirname "$out")"
exec afl-fuzz -i "$corpus" -o "$out" -t 5000 -m none "${duration[@]}" "${dict[@]}" -- dotnet "$bin/Backprop.Fuzz.dll" "$target"

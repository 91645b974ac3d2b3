#!/usr/bin/env bash
# Speed benchmark: gotolint against ripgrep on the same tree, in one run.
#
#   scripts/bench.sh [CORPUS_DIR] [RESULTS_DIR]
#
# Builds the benchmark corpus with ../shared/bench/make-corpus.sh (or reuses
# it), plants known violations, then times with ../shared/bench/measure.py:
#   rg        rg -c -F -i with gotolint's prefilter literals, whole tree
#   gotolint  gotolint check --format sarif -o FILE, all rules, whole tree
#   rg-20 / gotolint-20   the same on the 20-file pre-commit set
# and prints median wall time, CPU time, peak RSS and the ratio to ripgrep.
# Timings are for reading, never for asserting.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="${BENCH:-$(cd "$here/../shared/bench" && pwd)}"
CORPUS="${1:-$HOME/gotolint-bench/corpus}"
RESULTS="${2:-$HOME/gotolint-bench/results}"
RUNS="${RUNS:-5}"

command -v rg >/dev/null || { echo "ripgrep (rg) is needed: apt-get install ripgrep" >&2; exit 2; }
(cd "$here" && cargo build --release --locked --quiet)
GOTOLINT="$here/target/release/gotolint"

[ -d "$CORPUS/python" ] || "$BENCH/make-corpus.sh" "$CORPUS"
"$BENCH/plant.sh" "$CORPUS" >/dev/null

mkdir -p "$RESULTS"
rm -f "$RESULTS/results.jsonl"
M() { python3 "$BENCH/measure.py" --out "$RESULTS/results.jsonl" --cwd "$CORPUS" "$@"; }

# the literals gotolint's prefilter looks for (GoTo words and rule triggers)
mapfile -t WORDS < <("$GOTOLINT" rules --format json | python3 -c '
import json, sys
words = set(json.load(sys.stdin)[0]["prefilter"])
print("\n".join(sorted(words)))')
LITS=()
for w in "${WORDS[@]}"; do LITS+=(-e "$w"); done

M --name rg       --runs "$RUNS" --warmup 2 -- rg -c -F -i "${LITS[@]}" .
M --name gotolint --runs "$RUNS" --warmup 1 -- "$GOTOLINT" check --format sarif --output "$RESULTS/gotolint.sarif" .

mapfile -t PRE < <(grep -v -e '^#' -e '^$' "$BENCH/precommit-files.txt")
M --name rg-20       --runs 10 --warmup 2 -- rg -c -F -i "${LITS[@]}" "${PRE[@]}"
M --name gotolint-20 --runs 10 --warmup 2 -- "$GOTOLINT" check --format json "${PRE[@]}"

python3 - "$RESULTS/results.jsonl" <<'PY'
import json, statistics, sys, collections
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    r = json.loads(line); runs[r["name"]].append(r)
med = lambda n, k="wall_s": statistics.median(r[k] for r in runs[n])
for tool, base in (("gotolint", "rg"), ("gotolint-20", "rg-20")):
    if tool in runs and base in runs:
        print(f"{tool}: {med(tool):.3f} s wall, {med(tool, 'user_s') + med(tool, 'sys_s'):.2f} s CPU, "
              f"peak RSS {max(r['maxrss_mb'] for r in runs[tool]):.0f} MB; "
              f"{base}: {med(base):.3f} s wall, peak RSS {max(r['maxrss_mb'] for r in runs[base]):.0f} MB; "
              f"ratio {med(tool) / med(base):.2f}")
PY

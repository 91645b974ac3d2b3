#!/usr/bin/env bash
# The wheel built by maturin installs into a fresh virtual environment and
# the gotolint it carries runs: version, rules, and a scan of the fixtures
# that finds what the fixtures plant. Needs python3 with venv/pip and the
# wheel in target/wheels (or GOTOLINT_WHEEL_DIR).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
wheels="${GOTOLINT_WHEEL_DIR:-$repo/target/wheels}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$repo/Cargo.toml" | head -n 1)"
wheel="$(ls "$wheels"/gotolint-"$version"-*.whl 2>/dev/null | head -n 1)"
[ -n "$wheel" ] || { echo "FAIL: no gotolint $version wheel in $wheels"; exit 1; }
echo "wheel: $(basename "$wheel"), $(( $(stat -c %s "$wheel") / 1024 )) KiB"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --no-index "$wheel"
bin="$work/venv/bin/gotolint"
[ -x "$bin" ] || { echo "FAIL: the wheel installed no gotolint command"; exit 1; }
echo "binary: $(( $(stat -c %s "$bin") / 1024 )) KiB"
"$bin" --version | grep -q "gotolint $version" || { echo "FAIL: wrong version"; exit 1; }
"$bin" rules | grep -q "^GT011" || { echo "FAIL: rules"; exit 1; }
passed=2

status=0
(cd "$repo/fixtures" && "$bin" check --format json --output "$work/fixtures.json" .) || status=$?
[ "$status" = 1 ] || { echo "FAIL: a scan of the fixtures exited $status, not 1"; exit 1; }
python3 - "$work/fixtures.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
codes = {f["code"] for f in report["findings"]}
missing = {"GT001", "GT002", "GT011", "GT014"} - codes
if missing or report["summary"]["files_analysed"] < 10:
    print("FAIL: the fixtures scan is short of", sorted(missing), report["summary"])
    sys.exit(1)
print(f'ok: {len(report["findings"])} findings in {report["summary"]["files_analysed"]} analysed files')
PY
passed=$((passed + 1))
echo "wheel: $passed passed, 0 failed"

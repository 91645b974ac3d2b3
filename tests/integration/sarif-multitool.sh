#!/usr/bin/env bash
# Microsoft's SARIF multitool validates gotolint's SARIF of every fixture
# with the SARIF and GitHub rules; any error or warning fails. The tool
# exits 0 even when it finds problems, so its output file is read.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm install --silent --no-audit --no-fund @microsoft/sarif-multitool@5.7.0 >/dev/null)
tool="$(find "$work/node_modules/@microsoft" -name Sarif.Multitool -type f | head -n 1)"
[ -n "$tool" ] || { echo "FAIL: multitool binary not found"; exit 1; }
chmod +x "$tool"

bin="${GOTOLINT:-$repo/target/debug/gotolint}"
(cd "$repo/fixtures" && "$bin" check --format sarif --output "$work/fixtures.sarif" . || true)
DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$tool" validate --rule-kind "Sarif;Gh" \
  --output "$work/validation.sarif" "$work/fixtures.sarif" >/dev/null
python3 - "$work/validation.sarif" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
problems = [r for run in log["runs"] for r in run.get("results", [])
            if r.get("level", "warning") in ("error", "warning")]
for r in problems:
    print(r.get("level", "warning"), r["ruleId"], json.dumps(r["message"]))
print(f"sarif-multitool: {1 if not problems else 0} passed, {1 if problems else 0} failed")
sys.exit(1 if problems else 0)
PY

#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium, driven through the
# DevTools protocol by html-browser.mjs, opens the report of the fixtures
# and the merged report of the audit test tree (one run per repository),
# checks charts, table, filters, sorting, console and network, and saves
# screenshots under target/html-browser/. Skips (exit 0) with a message
# when Chromium or Node is not installed. Needs target/debug/gotolint.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
gotolint="$repo/target/debug/gotolint"
chromium="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$chromium" ] || ! command -v node >/dev/null; then
  echo "html-browser: skipped: chromium or node is not installed"
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
shots="$repo/target/html-browser"
mkdir -p "$shots"
passed=0

findings() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["findings"])' "$1"; }

browse() {
  node --experimental-websocket --no-warnings "$repo/tests/integration/html-browser.mjs" \
    "$chromium" "$1" "$2" "$3"
}

# the fixtures, as one run
(cd "$repo/fixtures" && "$gotolint" check --exit-zero --format html -o "$work/fixtures.html" . \
  && "$gotolint" check --exit-zero --format json -o "$work/fixtures.json" .)
browse "$work/fixtures.html" "$(findings "$work/fixtures.json")" "$shots/fixtures.png"
passed=$((passed + 1))

# the audit tree: one run per repository, merged
cp -r "$repo/tests/data/audit" "$work/checkouts"
mkdir "$work/reports"
for dir in "$work"/checkouts/*/; do
  name="$(basename "$dir")"
  mkdir -p "$dir/.git"
  (cd "$dir" && "$gotolint" check --exit-zero --format json --project-name "$name" -o "$work/reports/$name.json" .)
done
"$gotolint" merge --exit-zero --format html -o "$work/merged.html" "$work"/reports/*.json
"$gotolint" merge --exit-zero --format json -o "$work/merged.json" "$work"/reports/*.json
browse "$work/merged.html" "$(findings "$work/merged.json")" "$shots/merged.png"
passed=$((passed + 1))

echo "html-browser: $passed passed, 0 failed"

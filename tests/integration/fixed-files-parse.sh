#!/usr/bin/env bash
# Every fixture file that parses before `--fix --unsafe-fixes` still parses
# after it, checked by the language's own tool where it is installed:
# python3 -m py_compile, node --check, php -l, ruby -c, gofmt -e, bash -n,
# rustfmt. A missing tool skips that language with a message. Needs
# target/debug/gotolint.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
gotolint="$repo/target/debug/gotolint"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$repo/fixtures" "$work/before"
cp -r "$repo/fixtures" "$work/after"
(cd "$work/after" && "$gotolint" check --fix --unsafe-fixes --exit-zero --quiet . >/dev/null)

checker() {
  case "$1" in
    *.py) command -v python3 >/dev/null && echo "python3 -m py_compile" ;;
    *.js | *.mjs | *.cjs) command -v node >/dev/null && echo "node --check" ;;
    *.php) command -v php >/dev/null && echo "php -l" ;;
    *.rb) command -v ruby >/dev/null && echo "ruby -c" ;;
    *.go) command -v gofmt >/dev/null && echo "gofmt -e -l" ;;
    *.sh | *.bash) echo "bash -n" ;;
    *.rs) command -v rustfmt >/dev/null && echo "rustfmt --edition 2021 --emit stdout" ;;
  esac
  return 0
}

checked=0
changed=0
failed=0
declare -A missing=()
while IFS= read -r -d '' f; do
  rel="${f#"$work/after/"}"
  if cmp -s "$f" "$work/before/$rel"; then
    continue
  fi
  changed=$((changed + 1))
  tool="$(checker "$rel")"
  if [ -z "$tool" ]; then
    missing["${rel##*.}"]=1
    continue
  fi
  # a fixture that does not parse as written (on purpose) is not held to it
  if ! (cd "$work/before" && $tool "$rel") >/dev/null 2>&1; then
    continue
  fi
  if (cd "$work/after" && $tool "$rel") >/dev/null 2>"$work/err"; then
    checked=$((checked + 1))
  else
    echo "fixed-files-parse: $rel no longer parses after the fixes:" >&2
    cat "$work/err" >&2
    failed=$((failed + 1))
  fi
done < <(find "$work/after" -type f -print0 | sort -z)

for ext in "${!missing[@]}"; do
  echo "fixed-files-parse: no checker for .$ext files here (skipped)"
done
echo "fixed-files-parse: $changed fixed files, $checked checked with their language's tool, $failed failed"
[ "$failed" -eq 0 ] && [ "$checked" -gt 0 ]

#!/usr/bin/env bash
# Compare two gotolint binaries on the same trees: every finding
# (`check --format json --select ALL`) and, for each source file under the
# given paths that either binary parses, the canonical model (`dump-model`).
# Used to show that a refactor changed shape only.
#
#   scripts/equivalence.sh OLD_BINARY NEW_BINARY PATH...
#
# Exit 0 when both agree everywhere; otherwise the differing reports are
# left in a temporary folder that is named on stderr.
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: $0 OLD_BINARY NEW_BINARY PATH..." >&2
  exit 2
fi
old=$1 new=$2
shift 2
out=$(mktemp -d)
status=0

for bin in old new; do
  exe=${!bin}
  "$exe" check --format json --select ALL --exit-zero --threads 2 "$@" \
    | python3 -c 'import json,sys; r=json.load(sys.stdin); r.pop("summary",None); json.dump(r,sys.stdout,indent=1,sort_keys=True)' \
    > "$out/findings.$bin.json"
done
if cmp -s "$out/findings.old.json" "$out/findings.new.json"; then
  echo "findings: equal ($(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$out/findings.old.json") findings)"
else
  echo "findings: DIFFER (diff -u $out/findings.old.json $out/findings.new.json)" >&2
  status=1
fi

# models of every source file that contains a GoTo word (the others are
# never parsed by a scan)
models=0 differ=0
while IFS= read -r -d '' file; do
  case "$file" in
    *.js|*.mjs|*.cjs|*.jsx|*.ts|*.mts|*.cts|*.tsx|*.py|*.pyi|*.rs|*.php|*.cs|*.java|*.go|*.rb|*.sh|*.bash|*.ps1|*.psm1|*.psd1) ;;
    *) continue ;;
  esac
  grep -qiE 'getgo|logmein|citrixonline|jive\.com|goto|oauth' "$file" 2>/dev/null || continue
  # a scan skips files over 2 MiB (its default size limit)
  [ "$(wc -c < "$file")" -le 2097152 ] || continue
  models=$((models + 1))
  a=$("$old" dump-model "$file" 2>&1 || true)
  b=$("$new" dump-model "$file" 2>&1 || true)
  if [ "$a" != "$b" ]; then
    differ=$((differ + 1))
    name=$(printf '%s' "$file" | tr '/' '_')
    printf '%s\n' "$a" > "$out/model.old.$name"
    printf '%s\n' "$b" > "$out/model.new.$name"
    echo "model differs: $file" >&2
  fi
done < <(find "$@" -type f -print0)
echo "models: $models compared, $differ differ"
[ "$differ" -eq 0 ] || status=1
[ "$status" -eq 0 ] && rm -rf "$out" || echo "reports kept in $out" >&2
exit "$status"

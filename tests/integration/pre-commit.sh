#!/usr/bin/env bash
# The real pre-commit framework runs gotolint's hook from this repository:
# a staged file with a finding makes the hook fail and print it; a clean
# file passes. Needs git, python3 with venv/pip, cargo.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet pre-commit
export PATH="$work/venv/bin:$PATH"
export PRE_COMMIT_HOME="$work/cache"
# the hook's build reuses this checkout's compiled dependencies
export CARGO_TARGET_DIR="$repo/target/pre-commit"

rev="$(git -C "$repo" rev-parse HEAD)"
mkdir "$work/project" && cd "$work/project"
git init -q
git config user.email ci@example.invalid
git config user.name ci
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: gotolint
YAML
git add .pre-commit-config.yaml

cat > auth.py <<'PY'
TOKEN_URL = "https://api.getgo.com/oauth/v2/token"
PY
git add auth.py
if out="$(pre-commit run 2>&1)"; then
  echo "FAIL: the hook passed on a file with a finding"; echo "$out"; exit 1
fi
grep -q "GT002" <<<"$out" || { echo "FAIL: the hook did not print the finding"; echo "$out"; exit 1; }
echo "ok: a staged file with a finding fails the hook"

git rm -q --cached auth.py && rm auth.py
cat > auth.py <<'PY'
TOKEN_URL = "https://authentication.logmeininc.com/oauth/token"
PY
git add auth.py
out="$(pre-commit run 2>&1)" || { echo "FAIL: the hook failed on a clean file"; echo "$out"; exit 1; }
echo "ok: a clean staged file passes the hook"
echo "pre-commit: 2 passed, 0 failed"

#!/usr/bin/env bash
# The real pre-commit framework installs gotolint's hook the way users get
# it: from the hook repository (the `pre-commit-hook/` folder, published as
# gotolint-pre-commit), whose only dependency is the `gotolint` wheel. The
# built wheel is offered to pip from a local folder (PIP_FIND_LINKS), as
# the package index would offer it; every other package comes from the
# index. `cargo` and `rustc` are replaced by stubs that fail, so the hook
# installs without compiling anything. Then a staged file with a finding
# makes the hook fail and print it; a clean file passes.
# Needs git, python3 with venv/pip, and the wheel in target/wheels
# (`maturin build --release --out target/wheels`) or GOTOLINT_WHEEL_DIR.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
wheels="${GOTOLINT_WHEEL_DIR:-$repo/target/wheels}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$repo/Cargo.toml" | head -n 1)"
ls "$wheels"/gotolint-"$version"-*.whl >/dev/null 2>&1 || {
  echo "FAIL: no gotolint $version wheel in $wheels"; exit 1; }

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet pre-commit
export PRE_COMMIT_HOME="$work/cache"
export PIP_FIND_LINKS="$wheels${PIP_FIND_LINKS:+ $PIP_FIND_LINKS}"
# no compiler: any attempt to build gotolint from source fails loudly
mkdir "$work/no-compiler"
for tool in cargo rustc maturin; do
  printf '#!/bin/sh\necho "compiler run: %s $*" >&2\nexit 97\n' "$tool" >"$work/no-compiler/$tool"
  chmod +x "$work/no-compiler/$tool"
done
export PATH="$work/no-compiler:$work/venv/bin:$PATH"

# the hook repository as it is published: the folder's files, tagged
hook="$work/gotolint-pre-commit"
cp -R "$repo/pre-commit-hook" "$hook"
git -C "$hook" init -q
git -C "$hook" add -A
git -C "$hook" -c user.email=ci@example.invalid -c user.name=ci commit -q -m "gotolint-pre-commit $version"
git -C "$hook" tag "v$version"

mkdir "$work/project" && cd "$work/project"
git init -q
git config user.email ci@example.invalid
git config user.name ci
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $hook
    rev: v$version
    hooks:
      - id: gotolint
YAML
git add .pre-commit-config.yaml

started=$(date +%s)
if ! out="$(pre-commit install-hooks 2>&1)"; then
  echo "FAIL: the hook did not install"; echo "$out"; exit 1
fi
echo "ok: the hook installed in $(( $(date +%s) - started )) s without a compiler"
if grep -q "compiler run" <<<"$out"; then
  echo "FAIL: installing the hook ran a compiler"; echo "$out"; exit 1
fi

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
echo "pre-commit: 3 passed, 0 failed"

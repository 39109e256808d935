#!/bin/sh
# Proves the built Linux app works on its own, as a patient would get it (run by `make dist-check`):
#   1. the tarball, unpacked in a temporary folder, runs with an environment emptied of this
#      machine's Python (env -i with only PATH=/usr/bin:/bin and HOME): --smoke, plans, import,
#      export to PDF with Korean text (read back: the fonts travel too); then check-protected.sh:
#      protected data and plan files, with the SQLCipher and cryptography in the bundle;
#   2. install.sh into a temporary HOME, the launcher and the menu entry, then uninstall.sh
#      leaves nothing behind but the plans;
#   3. the .deb: dpkg-deb --info and its contents, lintian where installed, and its app runs;
#   4. sizes and start-up against the source install, printed for the README.
# Fails on the first error.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dev=$root/.venv/bin/python
version=$("$dev" -c "import planner; print(planner.__version__)")
tarball=$root/dist/patient-journey-planner-$version-linux-$(uname -m).tar.gz
deb=$(ls "$root"/dist/patient-journey-planner_"$version"_*.deb)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
step() { echo "dist-check: $*"; }
# The bundled app with nothing of this machine's Python around it.
bare() { env -i PATH=/usr/bin:/bin HOME="$work/home" QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 "$@"; }

mkdir -p "$work/home" "$work/unpacked"
tar -C "$work/unpacked" -xzf "$tarball"
top=$work/unpacked/patient-journey-planner-$version-linux-$(uname -m)
app=$top/patient-journey-planner/planner

step "tarball: every file of resources/ (catalogue, icons, style, user guide) is in the bundle"
bundled=$(find "$top" -type d -path '*/planner/resources' | head -n 1)
[ -n "$bundled" ]
(cd "$root/resources" && find . -type f ! -path '*__pycache__*' ! -name '*.pyc') | while read -r file; do
    [ -f "$bundled/$file" ] || { echo "dist-check: the bundle lacks resources/$file" >&2; exit 1; }
done

step "tarball: --version, --smoke, import, plans, export --pdf"
bare "$app" --version | grep -qx "planner $version"
bare "$app" --smoke
"$dev" packaging/sample_plan.py "$work/sample.json"
bare "$app" import "$work/sample.json"
plan=$("$dev" -c "import sys; sys.path.insert(0, 'packaging'); from sample_plan import PLAN_NAME; print(PLAN_NAME)")
bare "$app" plans | grep -q "^$plan	"
bare "$app" export "$plan" --pdf "$work/itinerary.pdf" --paper a4 >/dev/null
bare "$app" export "$plan" --json "$work/again.json" --ics "$work/plan.ics" >/dev/null
"$dev" - "$work/itinerary.pdf" "$plan" <<'PY'
import sys
from pypdf import PdfReader
text = "".join("".join(page.extract_text().split()) for page in PdfReader(sys.argv[1]).pages)
assert "".join(sys.argv[2].split()) in text, f"the Korean plan name is not in the printed PDF: {text[:200]!r}"
PY
[ -d "$work/home/.local/share/PatientJourneyPlanner" ]

step "tarball: SQLCipher and cryptography are in the bundle, and protect the data and plan files"
find "$top" -name '_sqlite3*' -path '*sqlcipher3*' | grep -q . || { echo "the bundle lacks sqlcipher3" >&2; exit 1; }
find "$top" -name '_rust*' -path '*cryptography*' | grep -q . || { echo "the bundle lacks cryptography" >&2; exit 1; }
sh packaging/check-protected.sh "$app" "$work/sample.json" "$plan" "$work/protected"

step "install.sh into an empty HOME, the launcher, the menu entry, uninstall.sh"
home=$work/install-home
mkdir -p "$home"
before=$(cd "$home" && find . | sort)
env -i PATH=/usr/bin:/bin HOME="$home" sh "$top/install.sh" >/dev/null
env -i PATH=/usr/bin:/bin HOME="$home" QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 "$home/.local/bin/planner" --smoke
entry=$home/.local/share/applications/org.patientjourneyplanner.Planner.desktop
exec_path=$(sed -n 's/^Exec="\{0,1\}\([^" ]*\)"\{0,1\}.*/\1/p' "$entry")
[ -x "$exec_path" ] || { echo "the menu entry starts $exec_path, which is not there" >&2; exit 1; }
env -i PATH=/usr/bin:/bin HOME="$home" QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 "$exec_path" --smoke
[ -f "$home/.local/share/icons/hicolor/256x256/apps/org.patientjourneyplanner.Planner.png" ]
if command -v desktop-file-validate >/dev/null 2>&1; then desktop-file-validate "$entry"; fi
env -i PATH=/usr/bin:/bin HOME="$home" sh "$home/.local/lib/patient-journey-planner/uninstall.sh" >/dev/null
[ -d "$home/.local/share/PatientJourneyPlanner" ] || { echo "uninstall.sh removed the plans" >&2; exit 1; }
after=$(cd "$home" && find . -path ./.local/share/PatientJourneyPlanner -prune -o -print | sort)
after=$(printf '%s\n' "$after" | grep -v '^\./\.local/share/PatientJourneyPlanner$' || true)
leftover=$(printf '%s\n' "$after" | grep -vxF "$before" | grep -vx './.local' | grep -vx './.local/share' || true)
[ -z "$leftover" ] || { echo "uninstall.sh left behind:" >&2; echo "$leftover" >&2; exit 1; }

step ".deb: dpkg-deb --info, contents, lintian, the packaged app runs"
dpkg-deb --info "$deb" >/dev/null
contents=$(dpkg-deb --contents "$deb")
for path in ./usr/bin/planner ./usr/lib/patient-journey-planner/planner \
    ./usr/share/applications/org.patientjourneyplanner.Planner.desktop \
    ./usr/share/metainfo/org.patientjourneyplanner.Planner.metainfo.xml \
    ./usr/share/icons/hicolor/scalable/apps/org.patientjourneyplanner.Planner.svg \
    ./usr/share/doc/patient-journey-planner/copyright; do
    printf '%s\n' "$contents" | grep -q " $path" || { echo "the .deb lacks $path" >&2; exit 1; }
done
if command -v lintian >/dev/null 2>&1; then
    report=$(lintian --fail-on error,warning "$deb" 2>&1) || { echo "$report" >&2; exit 1; }
fi
dpkg-deb -x "$deb" "$work/deb-root"
bare "$work/deb-root/usr/lib/patient-journey-planner/planner" --data-dir "$work/deb-data" --smoke

step "sizes and start-up"
download=$(du -m "$tarball" | cut -f1)
unpacked=$(du -sm "$top/patient-journey-planner" | cut -f1)
echo "dist-check: download $download MB (target at most 80), unpacked $unpacked MB (target at most 200)"
"$dev" packaging/startup_compare.py "$app" "$root/.venv/bin/planner"
[ "$download" -le 80 ] && [ "$unpacked" -le 200 ]
step "all passed"

#!/bin/sh
# Builds the one-folder app with PyInstaller (packaging/planner.spec), then packs it for Linux:
#   dist/patient-journey-planner-VERSION-linux-ARCH.tar.gz   app folder + install.sh + uninstall.sh
#   dist/patient-journey-planner_VERSION_DEBARCH.deb         the same app, installed system-wide
# Run through `make dist`, which first installs the pinned build tools.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
python=${PYTHON:-.venv/bin/python}
app_id=org.patientjourneyplanner.Planner
version=$("$python" -c "import planner; print(planner.__version__)")
arch=$(uname -m)
name=patient-journey-planner-$version-linux-$arch
build=build/dist
rm -rf "$build" && mkdir -p "$build" dist

"$python" -m PyInstaller --noconfirm --log-level ERROR --distpath "$build/pyinstaller" \
    --workpath "$build/work" packaging/planner.spec

# The XDG tree the desktop needs: menu entry, AppStream data, icons (SVG and PNG sizes).
share=$build/share
mkdir -p "$share/applications" "$share/metainfo" "$share/icons/hicolor/scalable/apps"
cp "packaging/linux/$app_id.desktop" "$share/applications/"
cp "packaging/linux/$app_id.metainfo.xml" "$share/metainfo/"
cp resources/icons/patient-journey-planner.svg "$share/icons/hicolor/scalable/apps/$app_id.svg"
for png in resources/icons/hicolor/*/apps/$app_id.png; do
    size=$(basename "$(dirname "$(dirname "$png")")")
    mkdir -p "$share/icons/hicolor/$size/apps"
    cp "$png" "$share/icons/hicolor/$size/apps/"
done

# The tarball: one top folder a person unpacks and runs install.sh in.
top=$build/$name
mkdir -p "$top"
cp -R "$build/pyinstaller/patient-journey-planner" "$top/"
cp -R "$share" "$top/share"
cp packaging/linux/install.sh packaging/linux/uninstall.sh "$top/"
cp packaging/linux/README.txt "$top/README.txt"
tar -C "$build" --owner=0 --group=0 --numeric-owner -czf "dist/$name.tar.gz" "$name"

# The .deb: the app in /usr/lib, `planner` in /usr/bin, the rest where Debian expects it.
sh packaging/linux/build-deb.sh "$build" "$version"
echo "Built dist/$name.tar.gz and $(ls dist/*_"$version"_*.deb)"

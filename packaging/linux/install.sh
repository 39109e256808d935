#!/bin/sh
# Installs Patient Journey Planner for you alone, without root:
#   the app in ~/.local/lib/patient-journey-planner, the `planner` command in ~/.local/bin,
#   its menu entry, icons and AppStream data in ~/.local/share.
# Running it again replaces an earlier install. Your plans are not touched: they live in
# ~/.local/share/PatientJourneyPlanner, which neither this script nor uninstall.sh changes.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
app_id=org.patientjourneyplanner.Planner
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
lib=$HOME/.local/lib/patient-journey-planner
bin=$HOME/.local/bin
manifest=$lib/installed-files.txt

if [ ! -x "$here/patient-journey-planner/planner" ]; then
    echo "install.sh: run it from the unpacked download (the folder patient-journey-planner is missing)" >&2
    exit 1
fi
if [ -f "$manifest" ]; then
    sh "$lib/uninstall.sh" --quiet
fi

mkdir -p "$lib" "$bin" "$data_home"
cp -R "$here/patient-journey-planner" "$lib/app"
cp "$here/uninstall.sh" "$lib/uninstall.sh"
ln -sf "$lib/app/planner" "$bin/planner"
: >"$manifest"
echo "$bin/planner" >>"$manifest"

# The menu entry, icons and AppStream data: every file under share/ goes to the same place in
# the data folder, and is listed so that uninstall.sh removes exactly these.
(cd "$here/share" && find . -type f) | while read -r file; do
    file=${file#./}
    mkdir -p "$(dirname "$data_home/$file")"
    case "$file" in
        applications/*.desktop)
            # The menu starts the app by its full path: ~/.local/bin is not on every desktop's PATH.
            sed "s|^Exec=planner|Exec=\"$lib/app/planner\"|" "$here/share/$file" >"$data_home/$file" ;;
        *) cp "$here/share/$file" "$data_home/$file" ;;
    esac
    echo "$data_home/$file" >>"$manifest"
done


echo "Installed Patient Journey Planner: find it in your applications menu, or run $bin/planner"
case ":$PATH:" in
    *":$bin:"*) ;;
    *) echo "($bin is not on your PATH: the menu entry works all the same)" ;;
esac

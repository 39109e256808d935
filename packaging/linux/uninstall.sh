#!/bin/sh
# Removes what install.sh installed, and nothing else. Your plans stay where they are
# (~/.local/share/PatientJourneyPlanner); delete that folder yourself if you want them gone.
#   uninstall.sh [--quiet]
set -eu
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
lib=$HOME/.local/lib/patient-journey-planner
manifest=$lib/installed-files.txt
if [ ! -f "$manifest" ]; then
    echo "uninstall.sh: Patient Journey Planner is not installed for this user" >&2
    exit 1
fi
while read -r file; do
    rm -f "$file"
    # Folders the install made and that are now empty (never the data folder itself).
    dir=$(dirname "$file")
    while [ "$dir" != "$data_home" ] && [ "$dir" != "$HOME" ] && rmdir "$dir" 2>/dev/null; do
        dir=$(dirname "$dir")
    done
done <"$manifest"
rm -rf "$lib"
rmdir "$HOME/.local/lib" "$HOME/.local/bin" 2>/dev/null || true
[ "${1:-}" = "--quiet" ] || echo "Removed Patient Journey Planner. Your plans are still in $data_home/PatientJourneyPlanner."

#!/bin/sh
# Proves a built app (the bundle's or the installed wheel's) protects the data and plan files
# with its own SQLCipher and cryptography. The app runs with an environment emptied of this
# machine's Python (env -i: PATH=/usr/bin:/bin, a HOME of its own, no terminal) plus only the
# passphrases each step gives it:
#   check-protected.sh PLANNER PLAN_FILE PLAN_NAME FOLDER
# PLANNER is the app's `planner`; PLAN_FILE a plain plan file holding the plan PLAN_NAME; FOLDER
# an empty folder to work in. Run by check-dist.sh and check-wheel.sh; fails on the first error.
set -eu
app=$1
plan_file=$2
plan=$3
work=$4
data=$work/data
passphrase="Seoul 서울, in spring"
file_passphrase="knee plan for the doctor"
mkdir -p "$work/home"
step() { echo "protected: $*"; }
fail() { echo "protected: $*" >&2; exit 1; }

# `run [+data] [+wrong] [+new] [+file] ARG...`: the app on the data folder, given the data's
# passphrase (+data), a wrong one (+wrong), the data's as a new one (+new), the plan file's (+file).
run() {
    unset given new file
    while :; do
        case $1 in
            +data) given=$passphrase ;;
            +wrong) given="not the passphrase" ;;
            +new) new=$passphrase ;;
            +file) file=$file_passphrase ;;
            *) break ;;
        esac
        shift
    done
    env -i PATH=/usr/bin:/bin HOME="$work/home" QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 \
        ${given+"PLANNER_PASSPHRASE=$given"} ${new+"PLANNER_NEW_PASSPHRASE=$new"} \
        ${file+"PLANNER_FILE_PASSPHRASE=$file"} "$app" --data-dir "$data" "$@" </dev/null
}
# `exits CODE run ...`: the command ends with CODE; its output is kept in $work/out and err.
exits() {
    want=$1
    shift
    got=0
    "$@" >"$work/out" 2>"$work/err" || got=$?
    [ "$got" = "$want" ] || { cat "$work/out" "$work/err" >&2; fail "exit $got, not $want, from: $*"; }
}
lists() {
    awk -F '\t' -v name="$1" '$1 == name { found = 1 } END { exit !found }' "$work/out" ||
        { cat "$work/out" >&2; fail "planner plans lacks $1"; }
}

step "a data folder with a plan, protected with planner protect"
exits 0 run import "$plan_file"
exits 0 run +new protect
[ "$(head -c 15 "$data/planner.sqlite3")" != "SQLite format 3" ] || fail "the protected database is plain SQLite"
for backup in "$data"/backups/*; do
    [ -f "$backup" ] || continue
    [ "$(head -c 15 "$backup")" != "SQLite format 3" ] || fail "the backup $backup is plain SQLite"
done

step "plans: locked without the passphrase (exit 8), refused with a wrong one (exit 9), listed with it"
exits 8 run plans
exits 9 run +wrong plans
exits 0 run +data plans
lists "$plan"

step "--smoke on the protected data with PLANNER_PASSPHRASE"
got=0
run +data --smoke >"$work/out" 2>"$work/err" || got=$?
case $got in
    0) ;;
    *) cat "$work/out" "$work/err" >&2; fail "--smoke on protected data exits $got" ;;
esac

step "export --json --protect, then import it back (without its passphrase: exit 5)"
exits 0 run +data +file export "$plan" --json "$work/protected.json" --protect
grep -q '"format": "patient-journey-planner-protected-plan"' "$work/protected.json" ||
    fail "the exported file is not a protected plan file"
! grep -q "knee-cartilage-damage" "$work/protected.json" || fail "the protected plan file holds the plan in the clear"
exits 5 run +data import "$work/protected.json" --name "$plan (back)"
exits 0 run +data +file import "$work/protected.json" --name "$plan (back)"
exits 0 run +data plans
lists "$plan"
lists "$plan (back)"
step "all passed"

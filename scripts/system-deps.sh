#!/bin/sh
# Installs the Debian libraries Qt needs when they are missing; does nothing when present.
#   system-deps.sh offscreen   what headless tests need (with the CJK fonts Korean prints in,
#                              strace, with which a test proves the app opens no network connection,
#                              the validators of the Linux desktop entry and AppStream metainfo,
#                              and Gnumeric's ssconvert, a spreadsheet that reads the exported CSV)
#   system-deps.sh window      what a real window needs (adds the X11 plugin's libraries)
#   system-deps.sh dist        what building and checking the one-folder app needs (binutils for
#                              PyInstaller, lintian for the .deb) besides the headless set
# When packages are missing and cannot be installed (no root, no sudo), says which and fails.
set -eu
offscreen="libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3 fonts-dejavu-core fonts-noto-cjk strace"
window="$offscreen libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
libxcb-render-util0 libxcb-xinerama0 libxcb-randr0 libxcb-shape0 libxcb-xkb1"
offscreen="$offscreen desktop-file-utils appstream gnumeric"  # for the tests only, not for a window
case "${1:-window}" in
    offscreen) pkgs=$offscreen ;;
    dist) pkgs="$window binutils lintian" ;;
    *) pkgs=$window ;;
esac
command -v dpkg >/dev/null 2>&1 || exit 0
missing=""
for p in $pkgs; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null && apt-get install -y -qq $missing >/dev/null
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq >/dev/null && sudo apt-get install -y -qq $missing >/dev/null
else
    echo "The app needs these Debian packages:$missing" >&2
    echo "Install them with: sudo apt-get install$missing" >&2
    exit 1
fi

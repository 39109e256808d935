#!/bin/sh
# Builds the .deb from what build-dist.sh prepared: the PyInstaller folder and the XDG tree.
#   build-deb.sh BUILD_DIR VERSION
set -eu
build=$1
version=$2
here=$(cd "$(dirname "$0")" && pwd)
package=patient-journey-planner
case "$(uname -m)" in
    x86_64) arch=amd64 ;;
    aarch64) arch=arm64 ;;
    *) arch=$(uname -m) ;;
esac
root=$build/deb
rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/usr/lib" "$root/usr/bin" "$root/usr/share/doc/$package" \
    "$root/usr/share/man/man1" "$root/usr/share/lintian/overrides"
cp -R "$build/pyinstaller/patient-journey-planner" "$root/usr/lib/$package"
ln -s "../lib/$package/planner" "$root/usr/bin/planner"
cp -R "$build/share/." "$root/usr/share/"
cp "$here/deb/copyright" "$root/usr/share/doc/$package/copyright"
sed "s/@VERSION@/$version/; s/@DATE@/$(date -R -d @"${SOURCE_DATE_EPOCH:-$(git -C "$here" log -1 --format=%ct)}")/" \
    "$here/deb/changelog" | gzip -9n >"$root/usr/share/doc/$package/changelog.gz"
gzip -9n <"$here/deb/planner.1" >"$root/usr/share/man/man1/planner.1.gz"
cp "$here/deb/lintian-overrides" "$root/usr/share/lintian/overrides/$package"
# Debian's permissions, whatever the umask of the build.
find "$root" -type d -exec chmod 0755 {} +
find "$root/usr/share" -type f -exec chmod 0644 {} +
find "$root/usr/lib" -type f -name "*.so*" -exec chmod 0644 {} +
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed "s/@VERSION@/$version/; s/@ARCH@/$arch/; s/@SIZE@/$size/" "$here/deb/control" >"$root/DEBIAN/control"
dpkg-deb --root-owner-group -Zxz --build "$root" "dist/${package}_${version}_${arch}.deb" >/dev/null

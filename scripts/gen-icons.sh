#!/usr/bin/env bash
# Makes the installer and window icons from assets/build/icon.svg (drawn for this project), so that electron-builder
# does not ship Electron's default icon: icon.png (512×512, Linux) and icon.ico (16–256 px, Windows NSIS and the .exe).
# Needs Debian's librsvg2-bin (rsvg-convert) and imagemagick. The outputs are committed; rerun after editing the SVG.
set -euo pipefail
cd "$(dirname "$0")/../assets/build"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for s in 16 24 32 48 64 128 256 512; do rsvg-convert -w "$s" -h "$s" icon.svg -o "$tmp/$s.png"; done
cp "$tmp/512.png" icon.png
convert "$tmp/16.png" "$tmp/24.png" "$tmp/32.png" "$tmp/48.png" "$tmp/64.png" "$tmp/128.png" "$tmp/256.png" icon.ico
echo "icon.png and icon.ico written"

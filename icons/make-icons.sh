#!/usr/bin/env bash
# Regenerates every icon file in this folder from mailmedic.svg (the only hand-made one).
# Needs Debian's librsvg2-bin (rsvg-convert), imagemagick (convert) and icnsutils (png2icns):
#   apt-get install -y librsvg2-bin imagemagick icnsutils
# Output, all committed so that a build needs none of these tools:
#   png/mailmedic-<N>.png  N = 16 24 32 48 64 128 256 512  (Linux menu icon: 256)
#   mailmedic.ico          16..256, for the Windows installer and launchers
#   mailmedic.icns         16..512, for the macOS bundle
set -euo pipefail
cd "$(dirname "$0")"

for tool in rsvg-convert convert png2icns; do
    command -v "$tool" >/dev/null || { echo "make-icons: $tool is missing (see the header of $0)" >&2; exit 1; }
done

mkdir -p png
for n in 16 24 32 48 64 128 256 512; do
    rsvg-convert --width "$n" --height "$n" --keep-aspect-ratio mailmedic.svg --output "png/mailmedic-$n.png"
done

# .ico: one image per size, PNG-compressed for 256 as Windows expects.
convert png/mailmedic-16.png png/mailmedic-24.png png/mailmedic-32.png png/mailmedic-48.png \
        png/mailmedic-64.png png/mailmedic-128.png png/mailmedic-256.png mailmedic.ico

# .icns: png2icns picks the icon type from each image's size.
png2icns mailmedic.icns png/mailmedic-16.png png/mailmedic-32.png png/mailmedic-48.png \
        png/mailmedic-128.png png/mailmedic-256.png png/mailmedic-512.png >/dev/null

echo "make-icons: regenerated png/, mailmedic.ico and mailmedic.icns from mailmedic.svg"

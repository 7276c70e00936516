#!/usr/bin/env bash
# Remakes the bundled CJK faces (src/SignOnLetters.Pdf/Fonts/NotoSansCJK??-*.otf) from Debian's
# fonts-noto-cjk: each region's face cut to that region's national character set (see
# cjk_charsets.py), kana, Hangul, CJK punctuation and full-width forms, without hinting and with
# only the layout features the engine uses. Needs python3-fonttools (apt-get install python3-fonttools).
# Usage: scripts/fonts/subset-cjk.sh [folder with NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source_dir=${1:-/usr/share/fonts/opentype/noto}
out=$here/../../src/SignOnLetters.Pdf/Fonts
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && /usr/bin/python3 "$here/cjk_charsets.py")
# Face numbers inside Noto Sans CJK's collections: 0 JP, 1 KR, 2 SC, 3 TC.
index=0
for region in JP KR SC TC; do
  for weight in Regular Bold; do
    tr ',' '\n' <"$work/$region.txt" >"$work/$region.lines"
    /usr/bin/python3 -m fontTools.subset "$source_dir/NotoSansCJK-$weight.ttc" --font-number=$index \
      --unicodes-file="$work/$region.lines" --layout-features='kern,palt,halt,ccmp,mark,mkmk' \
      --no-hinting --name-IDs='*' --notdef-outline --output-file="$out/NotoSansCJK$region-$weight.otf"
  done
  index=$((index + 1))
done
ls -l "$out"/NotoSansCJK*.otf

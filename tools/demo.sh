#!/usr/bin/env bash
# Build everything, then show ffacm at work: in a private Wine prefix, the real ACM manager
# (msacm32) loads ffacm.acm, decodes files in several modern formats made moments before by
# Debian's ffmpeg (each result compared with FFmpeg's own decode), and encodes PCM into MP3,
# AAC, AC-3, FLAC and Opus (each result decoded again by Debian's ffmpeg).
#
# usage: tools/demo.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash tools/build.sh

media=build/media
export FFACM_WINEPREFIX="$root/build/demo-prefix"
bash tests/media/make_media.sh "$media" >/dev/null
run() { bash tests/wine/wine_run.sh "$@"; }
winpath() { local p; p=$(realpath -m "$1"); echo "Z:${p//\//\\}"; }
driver=$(winpath build/x86_64/ffacm.acm)

echo
echo "== ffacm as msacm32 sees it (ffacm.exe list --driver ffacm.acm)"
run build/x86_64/ffacm.exe list --driver "$driver" | sed -n '/added with --driver/,/^driver 1:/p' | sed '$d'

echo
printf '%-20s %-8s %-9s %s\n' file tag call-pattern "result (vs FFmpeg's own decode)"
for f in mp3.wav mp2.wav aac_adts.wav aac_raw.avi ac3_51.wav flac24.wav opus.avi vorbis.avi; do
  ref=$(awk -F'\t' -v n="$f" '$1 == n {print $8 "\t" $4 "\t" $7}' "$media/manifest.tsv")
  for pattern in vdub wrapper; do
    out=$(mktemp --suffix=.wav)
    if log=$(run build/x86_64/ffacm.exe decode "$(winpath "$media/$f")" "$(winpath "$out")" \
               --driver "$driver" --pattern "$pattern" 2>&1); then
      tol=0; [ "$(cut -f3 <<<"$ref")" = 0x704F ] && tol=1
      cmp=$(python3 tests/tools/compare_pcm.py "$media/$(cut -f1 <<<"$ref")" "$out" \
              --channels "$(cut -f2 <<<"$ref")" --tolerance "$tol" 2>&1 || true)
      printf '%-20s %-8s %-9s %s\n' "$f" "$(cut -f3 <<<"$ref")" "$pattern" "$cmp"
    else
      printf '%-20s %-8s %-9s FAILED: %s\n' "$f" "$(cut -f3 <<<"$ref")" "$pattern" "$(tail -1 <<<"$log")"
    fi
    rm -f "$out"
  done
done
echo
printf '%-26s %s\n' "encode pcm.wav to" "result (decoded again by Debian's ffmpeg)"
for spec in "0x55 wav --bitrate 192000" "0x55 wav --bitrate 190000" "0xFF avi --bitrate 128000" \
            "0x2000 wav --bitrate 192000" "0xF1AC wav" "0x704F avi"; do
  set -- $spec
  tag=$1 ext=$2; shift 2
  enc=$(mktemp --suffix=".$ext")
  if log=$(run build/x86_64/ffacm.exe encode "$(winpath "$media/pcm.wav")" "$(winpath "$enc")" --tag "$tag" \
             --driver "$driver" "$@" 2>&1); then
    force=(); [ "$tag" = 0x704F ] && force=(-c:a opus)
    frames=$(ffmpeg -v error -nostdin "${force[@]}" -i "$enc" -f s16le - | wc -c)
    printf '%-26s %s; %s bytes; ffmpeg decodes %d frames\n' "$tag $*" "$(grep -o 'dst: .*' <<<"$log" | cut -c6-60)" \
      "$(stat -c %s "$enc")" "$((frames / 4))"
  else
    printf '%-26s FAILED: %s\n' "$tag $*" "$(tail -1 <<<"$log")"
  fi
  rm -f "$enc"
done
echo
echo "Decoded and encoded through msacm32 -> ffacm.acm (x86_64) under $(/usr/lib/wine/wine64 --version 2>/dev/null || echo wine)."
echo "maxdiff is in 16-bit LSBs; Opus differs by at most 1 LSB (mingw vs glibc libm, see README)."

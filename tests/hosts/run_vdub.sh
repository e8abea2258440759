#!/usr/bin/env bash
# VirtualDub's way of calling, with ffacm installed in the prefix: test_vdub.exe runs the
# dialog sequence, the decode loop over every test file and the encode loop over whatever
# PCM->compressed conversions ffacm enumerates; then every decode is compared with FFmpeg's
# (count and content; Opus +-1 LSB, see tests/wine/decode_matrix.sh).
#
# usage: run_vdub.sh BUILD_DIR MEDIA_DIR NAME...      (env: FFACM_WINEPREFIX)
set -euo pipefail
build=$1 media=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
winpath() { local p; p=$(realpath -m "$1"); echo "Z:${p//\//\\}"; }

args=()
for name in "$@"; do args+=("$(winpath "$media/$name")"); done
status=0
"$here/../wine/wine_run.sh" "$build/test_vdub.exe" "$(winpath "$out")" "$(winpath "$media/pcm.wav")" "${args[@]}" \
  | grep -v '^acm driver:' || status=1

for name in "$@"; do
  ref=$(awk -F'\t' -v n="$name" '$1 == n {print $8}' "$media/manifest.tsv")
  tag=$(awk -F'\t' -v n="$name" '$1 == n {print $7}' "$media/manifest.tsv")
  tolerance=0
  [ "$tag" = 0x704F ] && tolerance=1
  if cmp=$(python3 "$here/../tools/compare_pcm.py" "$media/$ref" "$out/${name%.*}.wav" --tolerance $tolerance 2>&1); then
    echo "ok   vdub decode $name: $cmp"
  else
    echo "FAIL vdub decode $name: $cmp"; status=1
  fi
done
# Encoders: reported only (the encode loop itself asserted no jam and some output).
for f in "$out"/enc_*.wav; do
  [ -e "$f" ] || { echo "info vdub encode: no encoder output (no PCM->compressed conversion enumerated)"; break; }
  if d=$(ffmpeg -nostdin -v error -i "$f" -f s16le - 2>&1 | wc -c); then
    echo "info vdub encode $(basename "$f"): $(stat -c %s "$f") bytes, FFmpeg decodes $d bytes of PCM"
  fi
done
exit $status

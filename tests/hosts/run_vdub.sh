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
# Encoders: the loop above asserted no jam; here every file VirtualDub's way of writing made
# (each call's output appended, as a WAV) must decode with Debian's ffmpeg to the 2 s of input
# at the format's rate, plus at most the codec's delay and last-frame padding.  Raw AAC, Opus
# and ALAC packets do not delimit themselves: they are written one per call as AVI chunks
# (README, "Encoding"; checked by tests/wine encode_aac/encode_opus/encode_alac), so their WAVs
# cannot be read back.
found=0
for f in "$out"/enc_*.wav; do
  [ -e "$f" ] || break
  found=1
  name=$(basename "$f")
  tag=$(cut -d_ -f2 <<<"$name")
  case "$tag" in
    00ff|704f|6c61) echo "info vdub encode $name: one packet per call, read back from AVI elsewhere"; continue ;;
  esac
  read -r rate channels < <(python3 -c "import sys; sys.path.insert(0, '$here/../tools'); import riff; \
w = riff.parse_wfx(riff.read_wav(sys.argv[1])[0]); print(w['rate'], w['channels'])" "$f")
  src=$f
  if [ "$tag" = 674f ]; then
    # Vorbis-ACM mode 1: the data chunk is a whole Ogg Vorbis stream, which FFmpeg reads as such.
    src="${f%.wav}.ogg"
    python3 -c "import sys; sys.path.insert(0, '$here/../tools'); import riff; \
open(sys.argv[2], 'wb').write(riff.read_wav(sys.argv[1])[1])" "$f" "$src"
  fi
  bytes=$(ffmpeg -nostdin -v error -i "$src" -f s16le - | wc -c)
  frames=$((bytes / (2 * channels))) expect=$((2 * rate))
  extra=$((frames - expect))
  if [ "$extra" -ge 0 ] && [ "$extra" -le 6144 ]; then
    echo "ok   vdub encode $name: FFmpeg decodes $frames frames, $expect in (+$extra delay and padding)"
  else
    echo "FAIL vdub encode $name: FFmpeg decodes $frames frames for $expect in"; status=1
  fi
done
[ "$found" = 1 ] || { echo "FAIL vdub encode: no encoder output"; status=1; }
exit $status

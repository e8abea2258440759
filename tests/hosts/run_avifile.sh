#!/usr/bin/env bash
# AVIFile cases under Wine, with ffacm installed in the prefix:
#   run_avifile.sh BUILD_DIR HOSTMEDIA NAME read|acmstream
#       decode HOSTMEDIA/h_NAME.avi (constant-bitrate layout) and compare with FFmpeg's decode
#   run_avifile.sh BUILD_DIR MEDIA_DIR - encode
#       AVIMakeCompressedStream + AVISave of MEDIA_DIR/pcm.wav into every format ffacm can
#       encode, each result decoded by Debian's ffmpeg (nothing to do while there are none)
set -euo pipefail
build=$1 dir=$2 name=$3 mode=$4
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
winpath() { local p; p=$(realpath -m "$1"); echo "Z:${p//\//\\}"; }

if [ "$mode" = encode ]; then
  status=0
  log=$("$here/../wine/wine_run.sh" "$build/test_avifile.exe" encode "$(winpath "$dir/pcm.wav")" "$(winpath "$out")" 2>&1) \
    || { echo "FAIL avifile encode: test_avifile.exe reported failures"; status=1; }
  echo "$log" | grep -v '^acm driver:'
  for f in "$out"/enc_*.avi; do
    [ -e "$f" ] || break
    # The lead tightens this once encoders exist (content check); for now: FFmpeg reads it.
    if n=$(ffmpeg -nostdin -v error -i "$f" -f s16le - | wc -c) && [ "$n" -gt 0 ]; then
      echo "ok   avifile encode $(basename "$f"): FFmpeg decodes $n bytes of PCM"
    else
      echo "FAIL avifile encode $(basename "$f"): FFmpeg cannot decode it"; status=1
    fi
  done
  grep -q 'encoders found' <<<"$log" || { echo "FAIL avifile encode: no encoder count printed"; exit 1; }
  exit $status
fi

rc=0
log=$("$here/../wine/wine_run.sh" "$build/test_avifile.exe" "$mode" "$(winpath "$dir/h_$name.avi")" \
      "$(winpath "$out/out.wav")" 2>&1) || rc=$?
[ $rc -eq 0 ] || { echo "$log"; echo "FAIL avifile $mode $name: test_avifile.exe exit $rc"; exit 1; }
echo "$log" | grep -v '^acm driver:'
if cmp=$(python3 "$here/../tools/compare_pcm.py" "$dir/h_$name.ref.s16" "$out/out.wav" 2>&1); then
  echo "ok   avifile $mode $name: $cmp"
else
  echo "FAIL avifile $mode $name: $cmp"; exit 1
fi

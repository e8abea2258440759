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
  # Files of sample-mapped formats (test_avifile.c explains the split) must decode to every
  # input sample at the format's rate (+-1 frame of resampler rounding).
  while read -r _ name frames channels; do
    f="$out/$name"
    if n=$(ffmpeg -nostdin -v error -i "$f" -f s16le - | wc -c) && [ "$n" -gt 0 ]; then
      got=$((n / (2 * channels)))
      if [ $((got - frames)) -le 1 ] && [ $((frames - got)) -le 1 ]; then
        echo "ok   avifile encode $name: FFmpeg decodes $got frames, $frames expected"
      else
        echo "FAIL avifile encode $name: FFmpeg decodes $got frames, $frames expected"; status=1
      fi
    else
      echo "FAIL avifile encode $name: FFmpeg cannot decode it"; status=1
    fi
  done < <(grep '^expect ' <<<"$log" | tr -d '\r')
  grep -q '^expect ' <<<"$log" || { echo "FAIL avifile encode: no sample-mapped format was written"; status=1; }
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

#!/usr/bin/env bash
# Decode one test file through the real ACM manager under Wine (ffacm.exe decode, ffacm.acm
# added with acmDriverAdd) in every host call pattern and chunk size, and compare each output
# with FFmpeg's own decode of the same packets.
#
# usage: decode_matrix.sh BUILD_DIR MEDIA_DIR NAME
set -euo pipefail
build=$1 media=$2 name=$3
here=$(cd "$(dirname "$0")" && pwd)
tools="$here/../tools"
line=$(awk -F'\t' -v n="$name" '$1 == n' "$media/manifest.tsv")
[ -n "$line" ] || { echo "no manifest entry for $name"; exit 1; }
kind=$(cut -f2 <<<"$line") channels=$(cut -f4 <<<"$line") ref=$(cut -f8 <<<"$line")
out=$(mktemp -d)
winpath() { local p; p=$(realpath -m "$1"); echo "Z:${p//\//\\}"; }
trap 'rm -rf "$out"' EXIT

if [ "$kind" = stream ]; then chunks="1 417 4096 65536 1048576"; else chunks="packet"; fi

# Bit-exact everywhere but Opus: its CELT layer calls exp2f/cosf/sinf while decoding, and
# mingw's libm rounds a few of those differently from glibc, so about 1 sample in 10^4
# differs by 1 LSB from Debian's (glibc-built) ffmpeg.  The native test decodes the same
# packets against glibc and is exact, which shows the framing itself loses nothing.
tolerance=0
# Speex (0xA109) is float code too (LSP/LPC with cosf/expf): up to 3 LSB were seen on a few
# samples under Wine, while the native test of the same packets is exact.
case "$(cut -f7 <<<"$line")" in 0x704F) tolerance=1 ;; 0xA109) tolerance=3 ;; esac
status=0
for pattern in vdub wrapper; do
  for chunk in $chunks; do
    args=(decode "$(winpath "$media/$name")" "$(winpath "$out/out.wav")"
          --driver "$(winpath "$build/ffacm.acm")" --pattern "$pattern")
    [ "$chunk" = packet ] || args+=(--chunk "$chunk")
    rc=0; log=$("$here/wine_run.sh" "$build/ffacm.exe" "${args[@]}" 2>&1) || rc=$?
    if [ "$rc" != 0 ] && [ -z "$log" ]; then
      # ffacm.exe prints the source format before it loads the driver, so a failure with no
      # output at all happened inside Wine's start-up, not in ffacm (seen once in CI among
      # thousands of runs).  Say so and run it once more; a second failure counts.
      echo "note $name $pattern chunk=$chunk: Wine start-up failed silently (exit status $rc); running again"
      rc=0; log=$("$here/wine_run.sh" "$build/ffacm.exe" "${args[@]}" 2>&1) || rc=$?
    fi
    if [ "$rc" != 0 ]; then
      # The exit status tells a crash (Wine maps an unhandled exception to its low bits) from
      # a reported ACM error (1) or a Wine start-up failure (no output at all).
      echo "FAIL $name $pattern chunk=$chunk: ffacm.exe failed, exit status $rc, $(wc -l <<<"$log") lines of output"
      echo "$log" | tail -5; status=1; continue
    fi
    if grep -q "DISCARDED\|JAMMED\|SIZE_BOUND_VIOLATION" <<<"$log"; then
      echo "FAIL $name $pattern chunk=$chunk: $(grep -o 'DISCARDED.*\|JAMMED.*\|SIZE_BOUND_VIOLATION.*' <<<"$log" | head -1)"
      status=1
    fi
    if cmp=$(python3 "$tools/compare_pcm.py" "$media/$ref" "$out/out.wav" --channels "$channels" --tolerance "$tolerance" 2>&1); then
      echo "ok   $name $pattern chunk=$chunk: $cmp"
    else
      echo "FAIL $name $pattern chunk=$chunk: $cmp"; status=1
    fi
  done
done
exit $status

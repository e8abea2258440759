#!/usr/bin/env bash
# Wave mapper case: start a private PulseAudio with a null sink (its own HOME and
# XDG_RUNTIME_DIR, anonymous unix socket; as root it only warns), point Wine's winepulse at
# it, and play MEDIA/NAME through waveOutOpen(WAVE_MAPPER) with the file's compressed format.
# Verified: the open succeeds, every buffer comes back WHDR_DONE, the device played exactly
# as many samples as FFmpeg decodes from the file (nothing lost to STREAM_SIZE estimates or
# to buffers that produced nothing), and Wine's msacm trace shows the mapper's stream was
# opened on msacm.ffacm.
#
# usage: run_wavemap.sh BUILD_DIR MEDIA_DIR NAME [WAV_BUFFER_BYTES]     (env: FFACM_WINEPREFIX)
set -euo pipefail
build=$1 media=$2 name=$3 bufsize=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
pa_pid=
# Debugging: FFACM_WAVEMAP_KEEP=DIR keeps the logs (program output, Wine trace, PulseAudio) there;
# FFACM_WAVEMAP_DEBUG replaces the WINEDEBUG channels (default +msacm, needed for the check).
cleanup() {
  if [ -n "$pa_pid" ]; then kill "$pa_pid" 2>/dev/null || true; wait "$pa_pid" 2>/dev/null || true; fi
  if [ -n "${FFACM_WAVEMAP_KEEP:-}" ]; then cp "$tmp"/*.log "$FFACM_WAVEMAP_KEEP"/ 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
winpath() { local p; p=$(realpath -m "$1"); echo "Z:${p//\//\\}"; }

mkdir -p "$tmp/home" "$tmp/run"
HOME=$tmp/home XDG_RUNTIME_DIR=$tmp/run pulseaudio -n --daemonize=no --exit-idle-time=-1 --use-pid-file=no \
  --disable-shm=yes -L module-null-sink -L "module-native-protocol-unix socket=$tmp/native auth-anonymous=1" \
  >"$tmp/pa.log" 2>&1 &
pa_pid=$!
for _ in $(seq 50); do [ -S "$tmp/native" ] && break; sleep 0.1; done
[ -S "$tmp/native" ] || { cat "$tmp/pa.log"; echo "FAIL wavemap $name: PulseAudio did not start"; exit 1; }
export PULSE_SERVER=unix:$tmp/native

status=0
WINEDEBUG=${FFACM_WAVEMAP_DEBUG:-+msacm} "$here/../wine/wine_run.sh" "$build/test_wavemap.exe" "$(winpath "$media/$name")" $bufsize \
  >"$tmp/out.log" 2>"$tmp/trace.log" || status=$?
grep -v '^acm driver:' "$tmp/out.log"
if [ $status -ne 0 ]; then
  # The end of Wine's trace says where it stopped (seen once in CI: a SIGSEGV of the Wine
  # process after test_wavemap.exe had printed its results; not reproduced in 20 runs).
  echo "FAIL wavemap $name: test_wavemap.exe exit $status; the end of Wine's trace:"
  grep -v ':trace:msacm' "$tmp/trace.log" | tail -15
  tail -5 "$tmp/trace.log"
  exit 1
fi

opened=$(grep -o 'acmStreamOpen L"[^"]*" => 00000000' "$tmp/trace.log" | sort -u | sed 's/acmStreamOpen //' || true)
if ! grep -q 'msacm.ffacm' <<<"$opened"; then
  echo "FAIL wavemap $name: the mapper's ACM stream was not opened on ffacm (opened: ${opened:-none})"; exit 1
fi

line=$(awk -F'\t' -v n="$name" '$1 == n' "$media/manifest.tsv")
channels=$(cut -f4 <<<"$line") ref=$(cut -f8 <<<"$line")
want=$(( $(stat -c %s "$media/$ref") / (2 * channels) ))
played=$(sed -n 's/.*played_samples=\([0-9]*\).*/\1/p' "$tmp/out.log")
if [ "$played" = "$want" ]; then
  echo "ok   wavemap $name: ffacm opened by the mapper ($opened), played $played samples = FFmpeg's $want"
else
  echo "FAIL wavemap $name: played ${played:-?} samples, FFmpeg decodes $want"; exit 1
fi

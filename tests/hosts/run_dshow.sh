#!/usr/bin/env bash
# One DirectShow case: test_dshow.exe MODE on HOSTMEDIA/h_NAME.avi under Wine, in the prefix
# where ffacm is registered (register_ffacm.sh), then the PCM that reached the sink against
# FFmpeg's decode (count and content; Opus +-1 LSB, see tests/wine/decode_matrix.sh).
# wrapper mode also does a control run in a prefix where ffacm is not installed
# (FFACM_CONTROL_WINEPREFIX): for the formats no Wine codec decodes, the graph must then fail
# to build, which shows the ACM Wrapper picked ffacm by itself.
#
# autoplug mode only reports what Wine's intelligent connect picked and how its output compares;
# renderfile mode (run it under with_pulse.sh) reports what IGraphBuilder::RenderFile builds.
#
# usage: run_dshow.sh BUILD_DIR HOSTMEDIA NAME MODE     (env: FFACM_WINEPREFIX, FFACM_CONTROL_WINEPREFIX)
set -euo pipefail
build=$1 hm=$2 name=$3 mode=$4
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
winpath() { local p; p=$(realpath -m "$1"); echo "Z:${p//\//\\}"; }
tolerance=0
case $name in opus) tolerance=1 ;; esac

status=0
log=$("$here/../wine/wine_run.sh" "$build/test_dshow.exe" "$mode" "$(winpath "$hm/h_$name.avi")" \
      "$(winpath "$out/out.wav")" 2>&1) || status=$?
echo "$log" | grep -v '^acm driver:\|^ALSA lib' || true
if [ "$mode" = renderfile ]; then
  # Wine's own choice for a plain player (report only; the audio goes to DirectSound).
  [ $status -eq 0 ] || [ $status -eq 3 ] || { echo "FAIL dshow renderfile $name: exit $status"; exit 1; }
  echo "info dshow renderfile $name: $(grep '^graph filter' <<<"$log" | sed 's/ *{.*//; s/graph filter: //' | paste -sd,)" \
       "-> $(grep -o 'graph completed\|no graph\|FAILED' <<<"$log" | tail -1)"
  exit 0
fi
if [ $status -ne 0 ]; then
  echo "FAIL dshow $mode $name: test_dshow.exe exit $status"; exit 1
fi
cmp=$(python3 "$here/../tools/compare_pcm.py" "$hm/h_$name.ref.s16" "$out/out.wav" --tolerance $tolerance 2>&1) || cmp="MISMATCH $cmp"
if [ "$mode" = autoplug ]; then
  # Wine's own choice of filters: reported, not ffacm's result (no ACM Wrapper is picked).
  echo "info dshow autoplug $name: $(grep '^graph filter' <<<"$log" | sed 's/ *{.*//; s/graph filter: //' | paste -sd,)" \
       "-> $cmp"
  exit 0
fi
case $cmp in
  MISMATCH*) echo "FAIL dshow $mode $name: $cmp"; exit 1 ;;
  *) echo "ok   dshow $mode $name: $cmp" ;;
esac

if [ "$mode" = wrapper ] || [ "$mode" = splitter ]; then
  crc=0
  clog=$(FFACM_WINEPREFIX=${FFACM_CONTROL_WINEPREFIX:?} "$here/../wine/wine_run.sh" "$build/test_dshow.exe" \
         "$mode" "$(winpath "$hm/h_$name.avi")" "$(winpath "$out/control.wav")" --control 2>&1) || crc=$?
  case $name in
    mp3*|mp2*)
      # Wine's own l3codeca.acm (mpg123) decodes MPEG audio too, but not bit-exactly like
      # FFmpeg: the exact output above can then only have come from ffacm.
      if [ $crc -eq 0 ]; then
        if ccmp=$(python3 "$here/../tools/compare_pcm.py" "$hm/h_$name.ref.s16" "$out/control.wav" 2>&1); then
          echo "FAIL dshow control (ffacm not installed) $name: Wine's own codec is exact too ($ccmp):" \
               "the test cannot tell who decoded"; exit 1
        fi
        echo "ok   dshow control (ffacm not installed) $name: Wine's own MPEG codec differs: $ccmp"
      else
        echo "ok   dshow control (ffacm not installed) $name: graph failed (exit $crc)"
      fi ;;
    *)
      if [ $crc -eq 3 ]; then
        echo "ok   dshow control (ffacm not installed) $name: $(grep -m1 'ACM Wrapper ->' <<<"$clog" || echo 'no graph')"
      else
        echo "FAIL dshow control (ffacm not installed) $name: exit $crc, expected no graph"; echo "$clog" | tail -5; exit 1
      fi ;;
  esac
fi

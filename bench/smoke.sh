#!/usr/bin/env bash
# smoke.sh BENCH.exe DRIVER.acm MEDIA_DIR OUT.tsv — CTest: the benchmark runs end to end on a
# short file (one repetition) and reports ffacm and direct results.  No timing is asserted.
set -euo pipefail
exe=$1 driver=$2 media=$3 out=$4
here=$(cd "$(dirname "$0")" && pwd)
"$here/../tests/wine/wine_run.sh" "$exe" --driver "Z:$driver" --out "Z:$out" --reps 1 \
    mp3="Z:$media/mp3.wav" aac="Z:$media/aac_raw.avi" >/dev/null
fail=0
for want in "path=ffacm	chunk=417" "path=ffacm	chunk=65536" "path=direct	chunk=stream" "codec=aac	tag=0x00FF	path=ffacm	chunk=packet"; do
    grep -q "$want" "$out" || { echo "missing result: $want" >&2; fail=1; }
done
if grep -q '^error' "$out"; then grep '^error' "$out" >&2; fail=1; fi
[ $fail = 0 ] && echo "bench smoke: $(grep -c '^decode' "$out") decode results"
exit $fail

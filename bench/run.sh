#!/usr/bin/env bash
# bench/run.sh — build the benchmark, make its 60 s inputs, run it under wine64 and write
# bench/results.md (tables, targets) and bench/results.png (plot).
#
# Needs the cross-built third-party libraries in build/deps or $FFACM_DEPS_DIR (tools/build.sh makes them).
# env: FFACM_BENCH_REPS (default 11 interleaved repetitions)
#      FFACM_BENCH_CALLGRIND=0 skips the native instruction-count comparison (~7 min)
#      FFACM_BENCH_DRIVER (default: the ffacm.acm built here, in build/bench-x86_64)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=build/bench-x86_64
media=build/bench-media
reps=${FFACM_BENCH_REPS:-11}
deps=${FFACM_DEPS_DIR:-build/deps} # as cmake/ffacm_ffmpeg.cmake finds them

if [ ! -f "$deps/x86_64/prefix/lib/libavcodec.a" ]; then
    echo "bench/run.sh: $deps/x86_64 is missing: run tools/build.sh first (or set FFACM_DEPS_DIR)" >&2
    exit 1
fi
gen=(); command -v ninja >/dev/null && gen=(-G Ninja)
[ -f "$build/CMakeCache.txt" ] || cmake -S . -B "$build" "${gen[@]}" -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-x86_64-w64-mingw32.cmake \
      -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target ffacm_bench ffacm_driver -j "$(nproc)"
driver=${FFACM_BENCH_DRIVER:-$root/$build/ffacm.acm}

bash bench/make_media.sh "$media"

m="Z:$root/$media"
tsv="$root/$build/results.tsv"
cases=(mp3="$m/mp3.wav" mp2="$m/mp2.wav" aac="$m/aac.avi" opus="$m/opus.avi" flac="$m/flac.wav"
       ac3="$m/ac3.wav" vorbis="$m/vorbis.avi" ima_adpcm="$m/ima_adpcm.wav" ms_adpcm="$m/ms_adpcm.wav"
       gsm="$m/gsm.wav" alaw="$m/alaw.wav" mulaw="$m/mulaw.wav")
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
FFACM_WINEPREFIX="$root/$build/wineprefix" tests/wine/wine_run.sh "$build/ffacm_bench.exe" \
    --driver "Z:$driver" --out "Z:$tsv" --reps "$reps" --pcm "$m/pcm.wav" "${cases[@]}"

{
    echo "date	$(date -u +%Y-%m-%dT%H:%MZ)"
    echo "commit	$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- bridge formats 2>/dev/null || echo ' (+ uncommitted changes in bridge/ or formats/)')"
    echo "cpu	$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') ($(nproc) cores)"
    echo "load	$load_before (1/5/15 min load average before the run)"
    echo "wine	$(/usr/lib/wine/wine64 --version 2>/dev/null || wine64 --version)"
    echo "ffmpeg	$(grep -o 'FFMPEG_VERSION "[^"]*"' "$deps/x86_64/prefix/include/libavutil/ffversion.h" 2>/dev/null | cut -d'"' -f2)"
} >"$build/environment.tsv"
# Load-independent cross-check: instruction counts of the same decodes natively under callgrind.
profile=build/bench-native/profile.tsv
if [ "${FFACM_BENCH_CALLGRIND:-1}" = 1 ]; then
    bench/native/profile.sh
else
    profile=/dev/null
fi
/usr/bin/python3 bench/report.py "$tsv" "$build/environment.tsv" bench/results.md bench/results.png "$profile"
echo "wrote bench/results.md and bench/results.png"

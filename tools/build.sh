#!/usr/bin/env bash
# Build everything: the third-party libraries for both Windows architectures (cached after
# the first run), ffacm.acm + ffacm.exe + the Windows tests for x86_64 and i686, and the
# native core with its unit tests (ASan + UBSan, against Debian's libavcodec).
#
# usage: tools/build.sh            (build dirs: build/x86_64, build/i686, build/native)
# env:   FFACM_BUILD_TYPE (default Release), FFACM_SKIP_NATIVE=1, FFACM_SKIP_FUZZ=1, FFACM_ARCHS="x86_64 i686"
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
type=${FFACM_BUILD_TYPE:-Release}
gen=(); command -v ninja >/dev/null && gen=(-G Ninja)

for arch in ${FFACM_ARCHS:-x86_64 i686}; do
  bash third_party/build.sh "$arch"
  cmake -S . -B "build/$arch" "${gen[@]}" -DCMAKE_TOOLCHAIN_FILE="cmake/toolchain-$arch-w64-mingw32.cmake" \
        -DCMAKE_BUILD_TYPE="$type" >/dev/null
  cmake --build "build/$arch" -j "$(nproc)"
done

if [ "${FFACM_SKIP_NATIVE:-0}" != 1 ]; then
  cmake -S . -B build/native "${gen[@]}" -DFFACM_SYSTEM_FFMPEG=ON -DFFACM_SANITIZE=ON \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build build/native -j "$(nproc)"
fi
# libFuzzer targets of the core (clang, ASan + UBSan): only the fuzzers are built here;
# tests/run.sh runs them for a bounded time (tests/robustness/README.md for long runs).
if [ "${FFACM_SKIP_FUZZ:-0}" != 1 ]; then
  CC=clang cmake -S . -B build/fuzz "${gen[@]}" -DFFACM_SYSTEM_FFMPEG=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build build/fuzz -j "$(nproc)" --target fuzz_wavefmt fuzz_decode fuzz_encode
fi
echo "built: build/x86_64/ffacm.acm build/i686/ffacm.acm (+ ffacm.exe), build/native (unit tests), build/fuzz (fuzzers)"

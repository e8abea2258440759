#!/usr/bin/env bash
# Make the NSIS installer with CPack in the x86_64 build tree.
# usage: make_installer.sh BUILD_DIR I686_DRIVER OUT.exe
set -euo pipefail
build=$1 i686=$2 out=$3
if [ ! -f "$i686" ]; then
  echo "FAIL: the installer needs the i686 ffacm.acm at $i686: build the i686 tree first" \
       "(tools/build.sh does) or configure with -DFFACM_I686_DRIVER=PATH"
  exit 1
fi
objdump=x86_64-w64-mingw32-objdump
if ! "$objdump" -f "$i686" | grep 'pei-i386' >/dev/null; then
  echo "FAIL: $i686 is not a 32-bit (i386) DLL"; "$objdump" -f "$i686" | head -3; exit 1
fi
rm -f "$out"
(cd "$build" && cpack -G NSIS --config CPackConfig.cmake)
[ -f "$out" ] || { echo "FAIL: cpack did not produce $out"; exit 1; }
echo "ok   installer: $out ($(stat -c %s "$out") bytes)"

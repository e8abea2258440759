#!/usr/bin/env bash
# Install ffacm.acm into a Wine prefix the way a user would on Windows, so hosts that pick a
# codec by themselves (ACM Wrapper, wave mapper, AVIFile) can find it:
#   - the file in the prefix's system32,
#   - HKLM\...\Drivers32  msacm.ffacm = ffacm.acm,
#   - Wine's cached tag list for that alias deleted (Wine trusts the cache; a stale one would
#     hide tags added since the last run).
# The prefix is created first if needed (tests/wine/wine_run.sh does that).
#
# usage: register_ffacm.sh PREFIX DRIVER.acm
set -euo pipefail
prefix=$(realpath -m "$1") driver=$2
here=$(cd "$(dirname "$0")" && pwd)
run() { FFACM_WINEPREFIX="$prefix" "$here/../wine/wine_run.sh" "$@"; }

run cmd /c exit 0                    # creates the prefix on first use
sys32="$prefix/drive_c/windows/system32"
[ -d "$sys32" ] || { echo "no system32 in $prefix"; exit 1; }
cp -f "$driver" "$sys32/ffacm.acm"
key='HKLM\Software\Microsoft\Windows NT\CurrentVersion\Drivers32'
run reg add "$key" /v msacm.ffacm /d ffacm.acm /f >/dev/null
run reg delete 'HKLM\Software\Microsoft\AudioCompressionManager\DriverCache\msacm.ffacm' /f >/dev/null 2>&1 || true
# Wine also persists acmDriverPriority (enable/disable, order) here: start from the default.
run reg delete 'HKCU\Software\Microsoft\Multimedia\Audio Compression Manager\Priority v4.00' /f >/dev/null 2>&1 || true
wineserver_bin=$(command -v wineserver || echo /usr/lib/wine/wineserver)
WINEPREFIX="$prefix" "$wineserver_bin" -w 2>/dev/null || true
# Show what is registered (the test log then records it).
run reg query "$key" | tr -d '\r' | grep -i msacm || true

#!/usr/bin/env bash
# `ffacm install` / `ffacm uninstall` under wine64 in a fresh prefix:
#   - a missing source file makes install fail and roll back (nothing left; on a
#     reinstall the previous driver is restored byte for byte);
#   - install registers both bitnesses, twice in a row (idempotent); a new process finds
#     and decodes through ffacm with a NULL driver;
#   - uninstall removes everything, twice in a row (idempotent).
# (Under Wine every user is administrator, so the non-admin refusal is not reachable here.)
# usage: test_cli_install.sh BUILD_DIR I686_DRIVER MEDIA_DIR   (env FFACM_WINEPREFIX)
set -euo pipefail
build=$1 i686=$2 media=$3
here=$(cd "$(dirname "$0")" && pwd)
run="$here/../tests/wine/wine_run.sh"
compare="$here/../tests/tools/compare_pcm.py"
: "${FFACM_WINEPREFIX:?}"
export WINEPREFIX=$FFACM_WINEPREFIX
prefix=$FFACM_WINEPREFIX
winpath() { local p; p=$(realpath -m "$1"); echo "Z:${p//\//\\}"; }
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
[ -f "$i686" ] || { echo "FAIL: i686 driver missing: $i686 (build the i686 tree first)"; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

rm -rf "$prefix"
"$run" cmd /c exit 0 >/dev/null 2>&1
wineserver -w
leftovers() {
  grep -i 'ffacm' "$prefix/system.reg" "$prefix/user.reg" 2>/dev/null | head -10 || true
  find "$prefix/drive_c" -iname '*ffacm*' 2>/dev/null | sed 's/^/file: /'
}
cli="$build/ffacm.exe"
sys="$prefix/drive_c/windows/system32/ffacm.acm"
wow="$prefix/drive_c/windows/syswow64/ffacm.acm"
nt='HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion'

# 1. Missing 32-bit source on a clean system: the 64-bit copy is undone, nothing registered.
if "$run" "$cli" install --driver32 'Z:\no\such\dir\ffacm.acm' > "$out/log" 2>&1; then
  bad "install with a missing file succeeded"
else
  grep -q 'rolled back' "$out/log" && ok "install with a missing file failed and said so: $(grep -m1 '^error' "$out/log" | tr -d '\r')" \
    || bad "no rollback message"; cat "$out/log"
fi
wineserver -w
l=$(leftovers); [ -z "$l" ] && ok "after the rollback nothing of ffacm is on disk or in the registry" || { bad "rollback left:"; echo "$l"; }

# 2. Install, twice.
for round in 1 2; do
  if "$run" "$cli" install --driver32 "$(winpath "$i686")" > "$out/log" 2>&1; then ok "install #$round: $(tr -d '\r' < "$out/log" | tr '\n' ';')"
  else bad "install #$round failed"; cat "$out/log"; fi
done
cmp -s "$sys" "$build/ffacm.acm" && ok "System32\\ffacm.acm is this build's x86_64 driver" || bad "System32 driver differs"
cmp -s "$wow" "$i686" && ok "SysWOW64\\ffacm.acm is the i686 driver" || bad "SysWOW64 driver differs"
for key in "$nt\\Drivers32" 'HKLM\SOFTWARE\Wow6432Node\Microsoft\Windows NT\CurrentVersion\Drivers32'; do
  "$run" reg query "$key" /v msacm.ffacm 2>/dev/null | grep 'ffacm.acm' >/dev/null && ok "$key\\msacm.ffacm" || bad "$key\\msacm.ffacm missing"
done
"$run" reg query 'HKLM\SYSTEM\CurrentControlSet\Control\MediaResources\acm\msacm.ffacm' /v Driver 2>/dev/null | grep ffacm.acm >/dev/null \
  && ok "MediaResources\\acm\\msacm.ffacm" || bad "MediaResources key missing"
"$run" "$cli" list 2>&1 | grep -E 'short name: ffacm\s*$' >/dev/null && ok "a new process finds ffacm (acmDriverEnum)" || bad "ffacm not enumerated"
ref=$(awk -F'\t' '$1 == "flac.wav" {print $8}' "$media/manifest.tsv")
if "$run" "$cli" decode "$(winpath "$media/flac.wav")" "$(winpath "$out/flac.out.wav")" > "$out/log" 2>&1 &&
   c=$(python3 "$compare" "$media/$ref" "$out/flac.out.wav" --channels 2 2>&1); then
  ok "flac.wav decoded with a NULL driver through the installed ffacm: $c"
else bad "decode after install: $(tail -3 "$out/log") ${c:-}"; fi

# 3. A failing reinstall restores the installed driver and keeps it registered.
sum=$(md5sum < "$sys")
if "$run" "$cli" install --driver 'Z:\no\such\x64.acm' > "$out/log" 2>&1; then bad "reinstall from a missing file succeeded"; else ok "reinstall from a missing file failed"; fi
[ "$(md5sum < "$sys")" = "$sum" ] && ok "the installed driver is unchanged" || bad "installed driver changed or gone"
"$run" reg query "$nt\\Drivers32" /v msacm.ffacm >/dev/null 2>&1 && ok "still registered" || bad "registration lost"
ls "$prefix/drive_c/windows/system32/"*ffacm-old* >/dev/null 2>&1 && bad "backup file left behind" || ok "no backup file left"

# 4. Uninstall, twice.
for round in 1 2; do
  if "$run" "$cli" uninstall > "$out/log" 2>&1; then ok "uninstall #$round: $(tr -d '\r' < "$out/log" | tr '\n' ';')"
  else bad "uninstall #$round failed"; cat "$out/log"; fi
done
wineserver -w
l=$(leftovers); [ -z "$l" ] && ok "after uninstall nothing of ffacm is on disk or in the registry" || { bad "uninstall left:"; echo "$l"; }
exit $fail

#!/usr/bin/env bash
# Silent install and uninstall of the NSIS installer under wine64, in a fresh prefix:
#   - after /S the drivers, the CLI and every registry value are where Windows expects them;
#   - a new process finds ffacm with acmDriverEnum (ffacm list) and decodes through it with a
#     NULL driver (MP3 and FLAC; Wine has no FLAC decoder of its own), bit-exact vs FFmpeg;
#   - after the uninstaller's /S nothing named ffacm is left in the registry or on disk.
# usage: test_installer.sh BUILD_DIR INSTALLER.exe MEDIA_DIR   (env FFACM_WINEPREFIX)
set -euo pipefail
build=$1 installer=$2 media=$3
here=$(cd "$(dirname "$0")" && pwd)
run="$here/../tests/wine/wine_run.sh"
compare="$here/../tests/tools/compare_pcm.py"
: "${FFACM_WINEPREFIX:?}"
export WINEPREFIX=$FFACM_WINEPREFIX
prefix=$FFACM_WINEPREFIX
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
winpath() { local p; p=$(realpath -m "$1"); echo "Z:${p//\//\\}"; }
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }

# A fresh prefix: "nothing left" must be measured against a prefix that never saw ffacm.
rm -rf "$prefix"
"$run" cmd /c exit 0 >/dev/null 2>&1
wineserver -w
leftovers() { # print anything named ffacm in the prefix's registry or files
  grep -il 'ffacm' "$prefix/system.reg" "$prefix/user.reg" "$prefix/userdef.reg" 2>/dev/null | sed 's/^/registry file mentions ffacm: /' || true
  grep -i -B2 'ffacm' "$prefix/system.reg" "$prefix/user.reg" 2>/dev/null | head -20 || true
  find "$prefix/drive_c" -iname '*ffacm*' 2>/dev/null | sed 's/^/file: /'
}
before=$(leftovers)
[ -z "$before" ] && ok "fresh prefix has no ffacm" || { bad "fresh prefix already mentions ffacm"; echo "$before"; }

"$run" "$(winpath "$installer")" /S
wineserver -w
sys="$prefix/drive_c/windows/system32/ffacm.acm"
wow="$prefix/drive_c/windows/syswow64/ffacm.acm"
inst="$prefix/drive_c/Program Files/ffacm"
for f in "$sys" "$wow" "$inst/ffacm.exe" "$inst/ffacm.acm" "$inst/x86/ffacm.acm" "$inst/README-ffacm.md" "$inst/Uninstall.exe"; do
  [ -f "$f" ] && ok "installed ${f#$prefix/}" || bad "missing ${f#$prefix/}"
done
x86_64-w64-mingw32-objdump -f "$sys" | grep 'pei-x86-64' >/dev/null && ok "System32 driver is x86_64" || bad "System32 driver is not x86_64"
x86_64-w64-mingw32-objdump -f "$wow" | grep 'pei-i386' >/dev/null && ok "SysWOW64 driver is i686" || bad "SysWOW64 driver is not i686"
query() { # KEY VALUE EXPECTED
  local got
  got=$("$run" reg query "$1" /v "$2" 2>/dev/null | tr -d '\r' | awk -v v="$2" '$1 == v {for (i = 3; i <= NF; i++) printf "%s%s", $i, (i < NF ? " " : "")}')
  [ "$got" = "$3" ] && ok "registry $1\\$2 = $got" || bad "registry $1\\$2 = '$got', expected '$3'"
}
nt='HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion'
ntw='HKLM\SOFTWARE\Wow6432Node\Microsoft\Windows NT\CurrentVersion'
desc='ffacm: FFmpeg audio codecs for ACM'
query "$nt\\Drivers32" msacm.ffacm ffacm.acm
query "$ntw\\Drivers32" msacm.ffacm ffacm.acm
query "$nt\\Drivers.desc" ffacm.acm "$desc"
query "$ntw\\Drivers.desc" ffacm.acm "$desc"
query 'HKLM\SYSTEM\CurrentControlSet\Control\MediaResources\acm\msacm.ffacm' Driver ffacm.acm

# A new process, no --driver: msacm finds the installed driver by itself.
cli='C:\Program Files\ffacm\ffacm.exe'
if "$run" "$cli" list > "$out/list.txt" 2>&1 && grep -E 'short name: ffacm\s*$' "$out/list.txt" >/dev/null; then
  ok "acmDriverEnum lists ffacm ($(grep -c '^driver ' "$out/list.txt") drivers)"
else
  bad "acmDriverEnum does not list ffacm"; tail -20 "$out/list.txt"
fi
for name in mp3.wav flac.wav; do
  ref=$(awk -F'\t' -v n="$name" '$1 == n {print $8}' "$media/manifest.tsv")
  ch=$(awk -F'\t' -v n="$name" '$1 == n {print $4}' "$media/manifest.tsv")
  if "$run" "$cli" info "$(winpath "$media/$name")" > "$out/info.txt" 2>&1 && grep -q '^decoded by: "ffacm"' "$out/info.txt"; then
    ok "$name: $(grep '^decoded by' "$out/info.txt")"
  else
    bad "$name: msacm does not route it to ffacm"; tail -5 "$out/info.txt"
  fi
  if "$run" "$cli" decode "$(winpath "$media/$name")" "$(winpath "$out/$name.out.wav")" > "$out/decode.txt" 2>&1 &&
     cmp=$(python3 "$compare" "$media/$ref" "$out/$name.out.wav" --channels "$ch" 2>&1); then
    ok "$name decoded through the installed driver (NULL driver): $cmp"
  else
    bad "$name decode: $(tail -3 "$out/decode.txt") ${cmp:-}"
  fi
done

"$run" 'C:\Program Files\ffacm\Uninstall.exe' /S
wineserver -w
after=$(leftovers)
if [ -z "$after" ]; then
  ok "after uninstall nothing named ffacm is left in the registry or under drive_c"
else
  bad "left after uninstall:"; echo "$after"
fi
"$run" reg query "$nt\\Drivers32" /v msacm.ffacm >/dev/null 2>&1 && bad "Drivers32 value still there" || ok "Drivers32 value gone (reg query)"
exit $fail

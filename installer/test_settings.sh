#!/usr/bin/env bash
# Settings under wine64 (fresh prefix): `ffacm config` from scripts, and settings that change
# what the driver does when a stream opens or a format is suggested.
#   - OutputFormat=float: ffacm's unrestricted suggestion becomes IEEE float; MaxChannels=2
#     downmixes a 5.1 suggestion; HKLM (--machine) applies when HKCU has no value;
#   - Enable_0055=0: acmStreamOpen on ffacm's driver handle gives ACMERR_NOTPOSSIBLE, a NULL
#     driver open goes to Wine's own MP3 codec, FLAC still decodes through ffacm;
#   - corrupt / out-of-range values fall back (decode still bit-exact) with a log line in
#     LogFile, and the log file shows the stream opens (and FFmpeg's own lines at debug).
# usage: test_settings.sh BUILD_DIR MEDIA_DIR   (env FFACM_WINEPREFIX)
set -euo pipefail
build=$1 media=$2
here=$(cd "$(dirname "$0")" && pwd)
run="$here/../tests/wine/wine_run.sh"
compare="$here/../tests/tools/compare_pcm.py"
: "${FFACM_WINEPREFIX:?}"
export WINEPREFIX=$FFACM_WINEPREFIX
winpath() { local p; p=$(realpath -m "$1"); echo "Z:${p//\//\\}"; }
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
rm -rf "$FFACM_WINEPREFIX"
"$run" cmd /c exit 0 >/dev/null 2>&1

cli="$build/ffacm.exe"
drv=$(winpath "$build/ffacm.acm")
ffacm() { "$run" "$cli" "$@" 2>&1 | tr -d '\r'; }
# ffacm's unrestricted suggestion for a file (ffacm added with --driver: not installed).
suggestion() { ffacm info "$(winpath "$media/$1")" --driver "$drv" | awk '/^driver "ffacm"/ {f=1; next} f && /suggests/ {print; exit}'; }
expect() { # WHAT OUTPUT PATTERN
  if grep -q -- "$3" <<<"$2"; then ok "$1: $(head -1 <<<"$2")"; else bad "$1: expected /$3/ in: $2"; fi
}

# config from scripts
ffacm config set OutputFormat float >/dev/null
expect "config get after set" "$(ffacm config get OutputFormat)" '^float$'
expect "stored as REG_SZ in HKCU" "$("$run" reg query 'HKCU\Software\ffacm' /v OutputFormat 2>&1 | tr -d '\r' | grep OutputFormat)" 'REG_SZ.*float'
r=0; ffacm config set MaxChannels 99 > "$out/log" || r=$?
[ "$r" = 2 ] && ok "out-of-range set refused (exit 2): $(head -1 "$out/log")" || bad "MaxChannels 99 accepted (exit $r)"
r=0; ffacm config set NoSuchThing 1 >/dev/null || r=$?
[ "$r" = 2 ] && ok "unknown setting refused (exit 2)" || bad "unknown setting accepted (exit $r)"

# preferred output
expect "OutputFormat=float -> suggestion" "$(suggestion mp3.wav)" 'tag=0x0003 ch=2 rate=44100 .* bits=32'
ffacm config unset OutputFormat >/dev/null
expect "OutputFormat unset -> suggestion" "$(suggestion mp3.wav)" 'tag=0x0001 ch=2 rate=44100 .* bits=16'
expect "5.1 AC-3, no MaxChannels" "$(suggestion ac3_51.wav)" 'ch=6 '
ffacm config set MaxChannels 2 >/dev/null
expect "5.1 AC-3, MaxChannels=2" "$(suggestion ac3_51.wav)" 'tag=0x0001 ch=2 .* bits=16'
ffacm config unset MaxChannels >/dev/null
ffacm config set OutputFormat pcm24 --machine >/dev/null
expect "HKLM OutputFormat=pcm24 applies" "$(suggestion mp3.wav)" 'tag=0xfffe ch=2 .* bits=24'
expect "config get names the source" "$(ffacm config list | grep '^OutputFormat')" '(machine;'

# per-format enable
ffacm config set Enable_0055 0 >/dev/null
ffacm decode "$(winpath "$media/mp3.wav")" "$(winpath "$out/x.wav")" --driver "$drv" > "$out/log" || true
expect "Enable_0055=0: acmStreamOpen on ffacm's handle" "$(grep 'acmStreamOpen' "$out/log")" 'ACMERR_NOTPOSSIBLE'
expect "Enable_0055=0: ffacm's QUERY open" "$(ffacm info "$(winpath "$media/mp3.wav")" --driver "$drv" | awk '/^driver "ffacm"/ {f=1; next} f && /QUERY/ {print; exit}')" 'refuses: QUERY open ACMERR_NOTPOSSIBLE'
expect "Enable_0055=0: NULL-driver routing" "$(ffacm info "$(winpath "$media/mp3.wav")" --driver "$drv" | grep '^decoded by')" 'decoded by: "MPEG Layer-3 Codec"'
expect "Enable_0055=0: FLAC still ffacm" "$(ffacm info "$(winpath "$media/flac.wav")" --driver "$drv" | grep '^decoded by')" 'decoded by: "ffacm"'
ffacm config set Enable_0055 1 >/dev/null
expect "Enable_0055=1: NULL-driver routing" "$(ffacm info "$(winpath "$media/mp3.wav")" --driver "$drv" | grep '^decoded by')" 'decoded by: "ffacm"'

# corrupt values: defaults (or HKLM) with a log line
log="$out/ffacm.log"
ffacm config set LogFile "$(winpath "$log")" >/dev/null
ffacm config set LogLevel info >/dev/null
"$run" reg add 'HKCU\Software\ffacm' /v MaxChannels /t REG_DWORD /d 4000000000 /f >/dev/null 2>&1
"$run" reg add 'HKCU\Software\ffacm' /v OutputFormat /t REG_BINARY /d 0102 /f >/dev/null 2>&1
"$run" reg add 'HKCU\Software\ffacm' /v Enable_0055 /t REG_SZ /d maybe /f >/dev/null 2>&1
expect "corrupt HKCU OutputFormat falls back to HKLM" "$(suggestion mp3.wav)" 'bits=24'
ffacm config unset OutputFormat --machine >/dev/null
expect "corrupt OutputFormat falls back to the default" "$(suggestion mp3.wav)" 'tag=0x0001 .* bits=16'
expect "config get warns on stderr" "$(ffacm config get MaxChannels)" 'MaxChannels: .4000000000. is out of range'
ref=$(awk -F'\t' '$1 == "mp3.wav" {print $8}' "$media/manifest.tsv")
if ffacm decode "$(winpath "$media/mp3.wav")" "$(winpath "$out/mp3.wav")" --driver "$drv" > "$out/log" &&
   c=$(python3 "$compare" "$media/$ref" "$out/mp3.wav" --channels 2 2>&1); then
  ok "decode with corrupt settings still bit-exact: $c"
else bad "decode with corrupt settings: $(tail -3 "$out/log") ${c:-}"; fi
if [ -f "$log" ]; then
  expect "log line for the corrupt MaxChannels" "$(grep -a 'MaxChannels' "$log" | head -1)" 'out of range'
  expect "log line for the corrupt OutputFormat" "$(grep -a 'OutputFormat' "$log" | head -1)" 'registry type 3'
  expect "log line for the corrupt Enable_0055" "$(grep -a 'Enable_0055' "$log" | head -1)" 'maybe'
  expect "log line for the stream open" "$(grep -a 'stream open 0x0055' "$log" | head -1)" 'status 0'
else
  bad "no log file at $log"
fi
ffacm config set LogLevel debug >/dev/null
ffacm decode "$(winpath "$media/mp3.wav")" "$(winpath "$out/mp3.wav")" --driver "$drv" >/dev/null || true
expect "FFmpeg's messages reach the log at LogLevel=debug" "$(grep -a 'ffmpeg: ' "$log" | head -1)" 'ffmpeg: '
ffacm config unset LogLevel >/dev/null

# Encoder defaults: FlacCompression reaches the encoder (level 0 vs 12: a bigger file at 0,
# both lossless), and Mp3Bitrate steers the suggestion for a plain "give me MP3".
flac_size() { # LEVEL
  ffacm config set FlacCompression "$1" >/dev/null
  ffacm encode "$(winpath "$media/pcm.wav")" "$(winpath "$out/l$1.wav")" --tag 0xF1AC --driver "$drv" >/dev/null
  stat -c %s "$out/l$1.wav"
}
s0=$(flac_size 0) s12=$(flac_size 12)
[ "$s12" -lt "$s0" ] && ok "FlacCompression 12 gives a smaller file than 0 ($s12 < $s0 bytes)" ||
  bad "FlacCompression did not reach the encoder ($s12 vs $s0 bytes)"
ffacm config unset FlacCompression >/dev/null
ffacm config set Mp3Bitrate 256 >/dev/null
expect "Mp3Bitrate steers the MP3 suggestion" \
  "$(ffacm encode "$(winpath "$media/pcm.wav")" "$(winpath "$out/m.wav")" --tag 0x55 --driver "$drv" | grep '^dst:')" 'avg=32000 '
ffacm config unset Mp3Bitrate >/dev/null
exit $fail

#!/usr/bin/env bash
# The driver's settings dialog (DRV_QUERYCONFIGURE / DRV_CONFIGURE through acmDriverMessage)
# and about box (ACMDM_DRIVER_ABOUT) under wine64 on a private Xvfb display: each window must
# appear with its title in the X window list, and a screenshot of the screen must show it
# (more than a handful of colours; an empty Xvfb screen has one).  The pictures are kept:
#   SHOT_DIR/config_dialog.png, SHOT_DIR/about_box.png
# usage: test_dialog.sh BUILD_DIR SHOT_DIR   (env FFACM_WINEPREFIX)
set -euo pipefail
build=$1 shots=$2
here=$(cd "$(dirname "$0")" && pwd)
run="$here/../tests/wine/wine_run.sh"
: "${FFACM_WINEPREFIX:?}"
export WINEPREFIX=$FFACM_WINEPREFIX
winpath() { local p; p=$(realpath -m "$1"); echo "Z:${p//\//\\}"; }
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
mkdir -p "$shots"
rm -f "$shots/config_dialog.png" "$shots/about_box.png"

# Xvfb picks a free display itself (-displayfd): several builds may run this test at once.
dfile=$(mktemp)
Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp 3>"$dfile" >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 100); do [ -s "$dfile" ] && break; sleep 0.1; done
display=$(tr -d '[:space:]' < "$dfile"); rm -f "$dfile"
[ -n "$display" ] || { echo "FAIL Xvfb did not report a display"; kill "$xvfb" 2>/dev/null; exit 1; }
cli_pid=""
cleanup() {
  [ -n "$cli_pid" ] && kill "$cli_pid" 2>/dev/null || true
  WINEPREFIX=$FFACM_WINEPREFIX wineserver -k 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT
export DISPLAY=":$display"
for _ in $(seq 50); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.2; done
xwininfo -root >/dev/null 2>&1 || { echo "FAIL Xvfb did not start on :$display"; exit 1; }
"$run" cmd /c exit 0 >/dev/null 2>&1 || true

# show WHAT TITLE PNG: run `ffacm config WHAT`, wait for TITLE, screenshot, close.
show() {
  local what=$1 title=$2 png=$3 found=""
  "$run" "$build/ffacm.exe" config "$what" --driver "$(winpath "$build/ffacm.acm")" > "$shots/$what.log" 2>&1 &
  cli_pid=$!
  for _ in $(seq 300); do # up to a minute: a fresh prefix on a loaded machine is slow
    if xwininfo -root -tree 2>/dev/null | grep -F "\"$title\"" >/dev/null; then found=1; break; fi
    sleep 0.2
  done
  if [ -n "$found" ]; then
    sleep 1 # let it finish painting
    ok "$what: window \"$title\" is on the X display: $(xwininfo -root -tree | grep -m1 -F "\"$title\"" | sed 's/^ *//')"
    import -window root "$png"
    # The window's own area must show several colours (frame, text, controls); an empty
    # Xvfb screen, or a window that never painted, is one flat colour.
    local geometry colours inside
    geometry=$(xwininfo -root -tree | grep -m1 -F "\"$title\"" | grep -m1 -o '[0-9]*x[0-9]*+[0-9]*+[0-9]*')
    colours=$(identify -format '%k' "$png")
    inside=$(convert "$png" -crop "$geometry" +repage -format '%k' info:)
    if [ "$colours" -ge 5 ] && [ "$inside" -ge 5 ]; then
      ok "$what: screenshot $png: $colours colours, $inside inside the window ($geometry)"
    else bad "$what: screenshot $png looks blank ($colours colours, $inside inside $geometry)"; fi
  else
    bad "$what: no window \"$title\" appeared"; cat "$shots/$what.log"
    xwininfo -root -tree | head -20
  fi
  kill "$cli_pid" 2>/dev/null || true
  wineserver -k 2>/dev/null || true
  wait "$cli_pid" 2>/dev/null || true
  cli_pid=""
  grep -q 'DRV_QUERYCONFIGURE: 1\|ACMDM_DRIVER_ABOUT(-1): 0' "$shots/$what.log" &&
    ok "$what: $(head -1 "$shots/$what.log" | tr -d '\r')" || bad "$what: driver did not say it has one: $(head -2 "$shots/$what.log")"
}
show dialog "ffacm settings" "$shots/config_dialog.png"
show about "About ffacm" "$shots/about_box.png"

# The dialog's OK path: controls changed from a second thread, then what it saved.
if "$run" "$build/test_dialog_save.exe" "$(winpath "$build/ffacm.acm")" > "$shots/save.log" 2>&1; then
  ok "dialog saves what the user chose: $(grep -c '^ok' "$shots/save.log") checks"
else
  bad "dialog save:"; cat "$shots/save.log"
fi
exit $fail

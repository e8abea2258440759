#!/usr/bin/env bash
# Run a Windows program under Wine in ffacm's private test prefix.
#
# The prefix lives in the build tree (FFACM_WINEPREFIX), is created on first use, and never
# touches the user's ~/.wine.  Mono/Gecko are disabled so no installer dialog can appear.
set -euo pipefail
: "${FFACM_WINEPREFIX:?FFACM_WINEPREFIX must point at the test prefix}"
export WINEPREFIX="$FFACM_WINEPREFIX"
export WINEDEBUG="${WINEDEBUG:--all}"
export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=}"
WINE=${FFACM_WINE:-}
if [ -z "$WINE" ]; then
  if [ -x /usr/lib/wine/wine64 ]; then WINE=/usr/lib/wine/wine64; else WINE=$(command -v wine64 || command -v wine); fi
fi
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  mkdir -p "$WINEPREFIX"
  "$WINE" wineboot -i >/dev/null 2>&1 || true
  wineserver -w 2>/dev/null || true
fi
exec "$WINE" "$@"

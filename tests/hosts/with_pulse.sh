#!/usr/bin/env bash
# Run a command with a private PulseAudio (null sink, anonymous unix socket, its own HOME and
# XDG_RUNTIME_DIR; as root PulseAudio only warns) and PULSE_SERVER pointing at it, so Wine's
# winepulse has a device.  The server is stopped afterwards.
#
# usage: with_pulse.sh COMMAND [ARGS...]
set -euo pipefail
tmp=$(mktemp -d)
pa_pid=
cleanup() {
  if [ -n "$pa_pid" ]; then kill "$pa_pid" 2>/dev/null || true; wait "$pa_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
mkdir -p "$tmp/home" "$tmp/run"
HOME=$tmp/home XDG_RUNTIME_DIR=$tmp/run pulseaudio -n --daemonize=no --exit-idle-time=-1 --use-pid-file=no \
  --disable-shm=yes -L module-null-sink -L "module-native-protocol-unix socket=$tmp/native auth-anonymous=1" \
  >"$tmp/pa.log" 2>&1 &
pa_pid=$!
for _ in $(seq 50); do [ -S "$tmp/native" ] && break; sleep 0.1; done
[ -S "$tmp/native" ] || { cat "$tmp/pa.log"; echo "PulseAudio did not start"; exit 1; }
PULSE_SERVER=unix:$tmp/native "$@"

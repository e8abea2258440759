#!/usr/bin/env bash
# make_media.sh OUTDIR — the fixed benchmark inputs, 60 s each, encoded with Debian's ffmpeg
# from a deterministic lavfi source (chirp + tones + AM + seeded noise, so the codecs have
# real work to do).  Idempotent: a file is rebuilt only when missing or older than this script.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
mt="python3 $here/../tests/tools/mediatool.py"
out=$1
mkdir -p "$out"
out=$(cd "$out" && pwd)
secs=60
ff=(ffmpeg -nostdin -hide_banner -loglevel error -y)
bx=(-fflags +bitexact -flags:a +bitexact)
L='0.35*sin(2*PI*(220+150*mod(t\,8))*t)*(0.6+0.4*sin(2*PI*3*t))+0.03*(random(0)-0.5)'
R='0.3*sin(2*PI*440*t)+0.2*sin(2*PI*1250*t+1)+0.03*(random(1)-0.5)'
M='0.3*sin(2*PI*(220+150*mod(t\,8))*t)+0.2*sin(2*PI*660*t)+0.03*(random(0)-0.5)'

# src RATE LAYOUT: lavfi input arguments in SRC (an array: no glob expansion of '*').
src() {
    local e="$L|$R"
    [ "$2" = mono ] && e="$M"
    SRC=(-f lavfi -i "aevalsrc=exprs=$e:s=$1:d=$secs:c=$2")
}

fresh() { [ -s "$out/$1" ] && [ "$out/$1" -nt "$0" ]; }

# item FILE RATE LAYOUT ENCODER-ARGS... : ffmpeg writes FILE (WAV or AVI by extension)
item() {
    local f=$1 rate=$2 layout=$3
    shift 3
    fresh "$f" && return
    src "$rate" "$layout"
    "${ff[@]}" "${SRC[@]}" "$@" "${bx[@]}" "$out/.tmp.$f"
    mv -f "$out/.tmp.$f" "$out/$f"
    echo "made: $f ($(stat -c %s "$out/$f") bytes)"
}

item pcm.wav       44100 stereo -c:a pcm_s16le
item mp3.wav       44100 stereo -c:a libmp3lame -b:a 128k
item mp2.wav       44100 stereo -c:a mp2 -b:a 192k
item aac.avi       44100 stereo -c:a aac -b:a 128k
item flac.wav      44100 stereo -c:a flac -sample_fmt s16
item ac3.wav       48000 stereo -c:a ac3 -b:a 192k
item ima_adpcm.wav 44100 stereo -c:a adpcm_ima_wav
item ms_adpcm.wav  44100 stereo -c:a adpcm_ms
item gsm.wav       8000  mono   -c:a libgsm_ms
item alaw.wav      8000  mono   -c:a pcm_alaw
item mulaw.wav     8000  mono   -c:a pcm_mulaw

# Opus and Vorbis: Ogg packets rewrapped one per AVI chunk, as the test media does.
if ! fresh opus.avi; then
    src 48000 stereo
    "${ff[@]}" "${SRC[@]}" -c:a libopus -b:a 96k "${bx[@]}" "$out/opus.src.opus"
    $mt opus-avi "$out/opus.src.opus" "$out/.tmp.opus.avi" >/dev/null
    mv -f "$out/.tmp.opus.avi" "$out/opus.avi"
    echo "made: opus.avi"
fi
if ! fresh vorbis.avi; then
    src 44100 stereo
    "${ff[@]}" "${SRC[@]}" -c:a libvorbis -q:a 4 "${bx[@]}" "$out/vorbis.src.ogg"
    $mt vorbis-avi "$out/vorbis.src.ogg" "$out/.tmp.vorbis.avi" >/dev/null
    mv -f "$out/.tmp.vorbis.avi" "$out/vorbis.avi"
    echo "made: vorbis.avi"
fi

#!/usr/bin/env bash
# Make the AVIs the host tests need from the shared test media (tests/media/make_media.sh),
# at test time, into OUTDIR:
#   h_<name>.avi   the bytes of MEDIA/<name>.wav in a constant-bitrate AVI (make_host_avi.py),
#                  4 KiB chunks; reference = MEDIA/<name>.ref.s16 (same bytes)
#                  (nBlockAlign 1: a byte stream; AC-3 at 44.1 kHz has frames of two sizes)
#   h_ac3_48k.avi  AC-3 at 48 kHz (constant frame size) with nBlockAlign = the frame size, as
#                  avifil32 wants it; reference made here with Debian's ffmpeg
#   h_mp3_ffmpeg.avi  FFmpeg's own AVI muxing of mp3.wav (-c copy: one frame per chunk, VBR
#                  audio header), for Wine's own AVI splitter; checked to decode like mp3.wav
# usage: make_host_media.sh MEDIA_DIR OUTDIR
set -euo pipefail
media=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
FF=(ffmpeg -nostdin -hide_banner -loglevel error -y)

for spec in mp3:1 mp3_mono:1 mp3_48k:1 mp2:1 ac3:1 flac:1 flac24:1 aac_adts:1 aac_heaac_adts:1; do
  name=${spec%%:*} align=${spec#*:}
  python3 "$here/make_host_avi.py" "$media/$name.wav" "$out/h_$name.avi" --chunk 4096 --block-align "$align"
  cp -f "$media/$name.ref.s16" "$out/h_$name.ref.s16"
done

# AC-3 192 kb/s at 48 kHz: every frame is 768 bytes.
"${FF[@]}" -f lavfi -i "aevalsrc=exprs=0.3*sin(2*PI*(220+150*t)*t)|0.3*sin(2*PI*440*t):s=48000:d=4:c=stereo" \
  -c:a ac3 -b:a 192k -fflags +bitexact -flags:a +bitexact "$out/ac3_48k.wav"
"${FF[@]}" -i "$out/ac3_48k.wav" -f s16le -acodec pcm_s16le "$out/h_ac3_48k.ref.s16"
python3 "$here/make_host_avi.py" "$out/ac3_48k.wav" "$out/h_ac3_48k.avi" --chunk 4096 --block-align 768

"${FF[@]}" -i "$media/mp3.wav" -c copy "$out/h_mp3_ffmpeg.avi"
"${FF[@]}" -i "$out/h_mp3_ffmpeg.avi" -f s16le -acodec pcm_s16le "$out/h_mp3_ffmpeg.ref.s16"
cmp "$out/h_mp3_ffmpeg.ref.s16" "$media/mp3.ref.s16"

# The AVIs of the shared media already have one packet per chunk.
for name in aac_raw aac_mono aac_heaac_raw opus vorbis vorbis_ffmpeg; do
  cp -f "$media/$name.avi" "$out/h_$name.avi"
  cp -f "$media/$name.ref.s16" "$out/h_$name.ref.s16"
done
echo "host media in $out"

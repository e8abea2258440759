#!/usr/bin/env bash
# AVIFile cases under Wine, with ffacm installed in the prefix:
#   run_avifile.sh BUILD_DIR HOSTMEDIA NAME read|acmstream
#       decode HOSTMEDIA/h_NAME.avi (constant-bitrate layout) and compare with FFmpeg's decode
#   run_avifile.sh BUILD_DIR MEDIA_DIR - encode
#       AVIMakeCompressedStream + AVISave of MEDIA_DIR/pcm.wav into the formats ffacm can
#       encode, each result decoded by Debian's ffmpeg and compared with the input
set -euo pipefail
build=$1 dir=$2 name=$3 mode=$4
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
winpath() { local p; p=$(realpath -m "$1"); echo "Z:${p//\//\\}"; }

if [ "$mode" = encode ]; then
  status=0
  log=$("$here/../wine/wine_run.sh" "$build/test_avifile.exe" encode "$(winpath "$dir/pcm.wav")" "$(winpath "$out")" 2>&1) \
    || { echo "FAIL avifile encode: test_avifile.exe reported failures"; status=1; }
  echo "$log" | grep -v '^acm driver:'
  # Every written file must decode with Debian's ffmpeg to the input (test_avifile.c's
  # mode_encode explains the expectations): all of it for G.711 (+-1 frame), all but at most
  # MAX_MISSING frames of encoder tail for frame codecs, with the content checked by
  # compare_encode.py (bit-exact prefix for lossless codecs, an SNR floor after the delay for
  # lossy ones, so a repeated or skipped stretch fails) against the source, converted by
  # FFmpeg to the format's rate and channels where they differ.
  while read -r _ name tag channels rate check missing frames; do
    f="$out/$name"
    force=()  # FFmpeg's AVI demuxer has no tag for these
    case $tag in 704f) force=(-c:a opus) ;; 6c61) force=(-c:a alac) ;; esac
    if [ "$tag" = 674f ]; then
      # Vorbis-ACM mode 1: the stream's chunks together are an Ogg Vorbis stream (without the
      # EOS page here, since avifil32 never sends END), which FFmpeg reads as such.
      python3 -c "import sys; sys.path.insert(0, '$here/../tools'); import riff; \
open(sys.argv[2], 'wb').write(b''.join(riff.read_avi(sys.argv[1])[1]))" "$f" "$out/dec.ogg" && f="$out/dec.ogg"
    fi
    if [ "$tag" = f1ac ]; then
      # FFmpeg's AVI demuxer cuts a stream with dwSampleSize 4 (FLAC's nominal nBlockAlign)
      # into 4096-byte packets and has no FLAC parser behind it: take the stream out whole.
      ffmpeg -nostdin -v fatal -i "$f" -c:a copy -f flac "$out/dec.flac" -y && f="$out/dec.flac"
    fi
    if ffmpeg -nostdin -v error "${force[@]}" -i "$f" -f s16le "$out/dec.s16" -y && [ -s "$out/dec.s16" ]; then
      got=$(( $(stat -c %s "$out/dec.s16") / (2 * channels) ))
      slack=4096; [ "$missing" -le 1 ] && slack=1
      if [ "$got" -lt $((frames - missing)) ] || [ "$got" -gt $((frames + slack)) ]; then
        echo "FAIL avifile encode $name: FFmpeg decodes $got frames, $frames expected (at most $missing missing)"
        status=1; continue
      fi
      ref="$dir/pcm.wav"
      if [ "$(ffprobe -v error -show_entries stream=sample_rate,channels -of csv=p=0 "$ref")" != "$rate,$channels" ]; then
        ffmpeg -nostdin -v error -i "$ref" -ar "$rate" -ac "$channels" -c:a pcm_s16le "$out/ref.wav" -y
        ref="$out/ref.wav"
      fi
      if cmp=$(python3 "$here/compare_encode.py" "$ref" "$out/dec.s16" "$check" "$missing"); then
        echo "ok   avifile encode $name ($check): $cmp"
      else
        echo "FAIL avifile encode $name ($check): $cmp"; status=1
      fi
    else
      echo "FAIL avifile encode $name: FFmpeg cannot decode it"; status=1
    fi
  done < <(grep '^expect ' <<<"$log" | tr -d '\r')
  grep -q '^expect ' <<<"$log" || { echo "FAIL avifile encode: no format was written"; status=1; }
  grep -q 'encoders found' <<<"$log" || { echo "FAIL avifile encode: no encoder count printed"; exit 1; }
  exit $status
fi

rc=0
log=$("$here/../wine/wine_run.sh" "$build/test_avifile.exe" "$mode" "$(winpath "$dir/h_$name.avi")" \
      "$(winpath "$out/out.wav")" 2>&1) || rc=$?
[ $rc -eq 0 ] || { echo "$log"; echo "FAIL avifile $mode $name: test_avifile.exe exit $rc"; exit 1; }
echo "$log" | grep -v '^acm driver:'
if cmp=$(python3 "$here/../tools/compare_pcm.py" "$dir/h_$name.ref.s16" "$out/out.wav" 2>&1); then
  echo "ok   avifile $mode $name: $cmp"
else
  echo "FAIL avifile $mode $name: $cmp"; exit 1
fi

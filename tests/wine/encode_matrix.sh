#!/usr/bin/env bash
# Encode PCM through the real ACM manager under Wine (ffacm.exe encode: VirtualDub's call
# loop, output stored as a host stores it), then decode the result both through ffacm
# (ffacm.exe decode) and with Debian's ffmpeg, and compare:
#   - both decodes agree (bit-exact; Opus within 1 LSB, see decode_matrix.sh),
#   - FLAC and ALAC give back the input exactly,
#   - the decoded length covers the input (after the codec's delay) to within a frame or two,
#   - for codecs that wrap a library Debian's ffmpeg also uses (GSM: libgsm), the encoded bytes
#     equal ffmpeg's own encoding of the same samples.
#
# usage: encode_matrix.sh BUILD_DIR MEDIA_DIR TAG EXT [encode options...]
set -euo pipefail
build=$1 media=$2 tag=$3 ext=$4
shift 4
here=$(cd "$(dirname "$0")" && pwd)
tools="$here/../tools"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
winpath() { local p; p=$(realpath -m "$1"); echo "Z:${p//\//\\}"; }
driver=$(winpath "$build/ffacm.acm")

src="$media/pcm.wav"
enc="$out/enc.$ext"
log=$("$here/wine_run.sh" "$build/ffacm.exe" encode "$(winpath "$src")" "$(winpath "$enc")" --tag "$tag" \
      --driver "$driver" "$@" 2>&1) || { echo "FAIL encode $tag: $log"; exit 1; }
echo "$log" | grep -E '^dst:|^calls='
if grep -q "JAMMED\|SIZE_BOUND_VIOLATION\|UNCONSUMED" <<<"$log"; then echo "FAIL: $log"; exit 1; fi

# Through ffacm.
"$here/wine_run.sh" "$build/ffacm.exe" decode "$(winpath "$enc")" "$(winpath "$out/ffacm.wav")" \
    --driver "$driver" >/dev/null 2>&1 || { echo "FAIL: ffacm cannot decode its own $tag output"; exit 1; }
# Through Debian's ffmpeg (which maps neither 0x704F nor 0x6C61 in RIFF by itself).  A Vorbis-ACM mode 1
# stream (0x674F) is a whole Ogg Vorbis file in the data chunk: FFmpeg gets that file.
force=(); [ "$tag" = 0x704F ] && force=(-c:a opus); [ "$tag" = 0x6C61 ] && force=(-c:a alac)
ffin=$enc
if [ "$tag" = 0x674F ]; then
    ffin="$out/enc.ogg"
    python3 -c "import sys; sys.path.insert(0, '$tools'); import riff; open('$ffin', 'wb').write(riff.read_wav('$enc')[1])"
    oggdec -Q -o "$out/oggdec.wav" "$ffin" || { echo "FAIL: oggdec cannot decode ffacm's Ogg stream"; exit 1; }
    # libvorbisfile goes by the absolute granule positions: it too gives the input's length.
    python3 - "$src" "$out/oggdec.wav" "$tools" <<'PY' || { echo "FAIL: oggdec's length differs from the input's"; exit 1; }
import sys
sys.path.insert(0, sys.argv[3])
import riff
a = len(riff.read_wav(sys.argv[1])[1]); b = len(riff.read_wav(sys.argv[2])[1])
print('oggdec: %d bytes, input %d' % (b, a))
sys.exit(0 if a == b else 1)
PY
fi
ffmpeg -v error -nostdin -y "${force[@]}" -i "$ffin" -f s16le -acodec pcm_s16le "$out/ffmpeg.s16" ||
    { echo "FAIL: ffmpeg cannot decode ffacm's $tag output"; exit 1; }

tolerance=0; [ "$tag" = 0x704F ] && tolerance=1
channels=$(python3 -c "import sys; sys.path.insert(0, '$tools'); import riff; print(riff.parse_wfx(riff.read_wav('$out/ffacm.wav')[0])['channels'])")
python3 "$tools/compare_pcm.py" "$out/ffmpeg.s16" "$out/ffacm.wav" --channels "$channels" --tolerance "$tolerance" ||
    { echo "FAIL: ffacm's and ffmpeg's decodes of the $tag stream differ"; exit 1; }

TOOLS="$tools" python3 - "$src" "$out/ffacm.wav" "$tag" <<'PY'
import array, math, os, sys
sys.path.insert(0, os.environ['TOOLS'])
import riff
src_fmt, src = riff.read_wav(sys.argv[1])
dec_fmt, dec = riff.read_wav(sys.argv[2])
tag = sys.argv[3]
s = riff.parse_wfx(src_fmt); d = riff.parse_wfx(dec_fmt)
in_frames = len(src) // s['block_align']
out_frames = len(dec) // d['block_align']
if tag.lower() in ('0xf1ac', '0x6c61') and s['rate'] == d['rate']:
    ok = src == dec
    print('lossless: %d frames in, %d out, identical=%s' % (in_frames, out_frames, ok))
    sys.exit(0 if ok else 1)
# Lossy: rate-converted formats compare durations at the decoded rate.
expect = in_frames * d['rate'] // s['rate']
extra = out_frames - expect
print('lossy: %d frames in (%d at the decoded rate), %d out: +%d (delay and last-frame padding)'
      % (in_frames, expect, out_frames, extra))
if tag.lower() == '0x674f':  # Ogg granule positions: exactly the input's length, no delay
    a = array.array('h', src); b = array.array('h', dec)
    n = min(len(a), len(b))
    sig = sum(float(v) * v for v in a[:n]); err = sum(float(a[i] - b[i]) ** 2 for i in range(n))
    snr = 10 * math.log10(sig / err) if err else 200.0
    print('ogg: sample-exact length %s, SNR %.1f dB (floor 12)' % (extra == 0, snr))
    sys.exit(0 if extra == 0 and snr >= 12 else 1)
sys.exit(0 if 0 <= extra <= 6144 else 1)
PY

# Same library, same samples, same bytes: the driver's cross-built libgsm against Debian's
# libgsm1 under `ffmpeg -c:a libgsm_ms`, from 16-bit mono PCM at a rate the format has (no
# resampling or downmix on either side; the suggested format keeps rate and channels).
ref_args=() ref_rates=""
case "$tag" in
    0x31|0x0031) ref_args=(-strict unofficial -c:a libgsm_ms); ref_rates="8000 22050" ;;
esac
for rate in $ref_rates; do
    ffmpeg -v error -nostdin -y -i "$src" -ar "$rate" -ac 1 -c:a pcm_s16le "$out/ref_src.wav"
    log=$("$here/wine_run.sh" "$build/ffacm.exe" encode "$(winpath "$out/ref_src.wav")" "$(winpath "$out/ref_ffacm.wav")" \
          --tag "$tag" --driver "$driver" 2>&1) || { echo "FAIL encode $tag at $rate Hz: $log"; exit 1; }
    ffmpeg -v error -nostdin -y -i "$out/ref_src.wav" "${ref_args[@]}" "$out/ref_ffmpeg.wav"
    TOOLS="$tools" python3 - "$out/ref_ffacm.wav" "$out/ref_ffmpeg.wav" "$rate" "${ref_args[*]}" <<'PY' || exit 1
import os, sys
sys.path.insert(0, os.environ['TOOLS'])
import riff
fmt, ours = riff.read_wav(sys.argv[1])
theirs = riff.read_wav(sys.argv[2])[1]
f = riff.parse_wfx(fmt)
same = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
ok = ours == theirs and f['rate'] == int(sys.argv[3]) and f['channels'] == 1
print('%d Hz mono: ffacm %d bytes, ffmpeg %s %d bytes, %s' % (f['rate'], len(ours), sys.argv[4], len(theirs),
      'identical' if ok else 'FAIL: first difference at byte %d' % same))
sys.exit(0 if ok else 1)
PY
done

#!/usr/bin/env bash
# make_media.sh OUTDIR — generate the ffacm test media and reference decodes.
#
# Every test file is encoded from synthetic audio (aevalsrc: chirps, tones,
# AM and a little deterministic noise, so codecs have real work to do) with
# Debian's ffmpeg, and gets a reference decode NAME.ref.s16 (raw s16le,
# interleaved) made by FFmpeg from the *same* packets the ACM driver will
# see.  OUTDIR/manifest.tsv lists them (see tests/tools/mediatool.py).
#
# Idempotent: a group of files is rebuilt only if one of its outputs is
# missing or older than this script or the Python tools.  Outputs are built
# in OUTDIR/.tmp and moved into place only after every check passed.
# All ffmpeg commands are echoed to OUTDIR/commands.log.
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 OUTDIR" >&2
    exit 2
fi

HERE=$(cd "$(dirname "$0")" && pwd)
TOOLS=$(cd "$HERE/../tools" && pwd)
MT="python3 $TOOLS/mediatool.py"
OUT=$1
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
TMP=$OUT/.tmp
rm -rf "$TMP"
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
LOG=$OUT/commands.log

# Deterministic output: no encoder/version strings, fixed Ogg serials.
BX=(-fflags +bitexact -flags:a +bitexact)
FF=(ffmpeg -nostdin -hide_banner -loglevel error -y)

# ---------------------------------------------------------------- sources
# Expressions must not contain commas (they separate filters in lavfi).
L='0.35*sin(2*PI*(220+150*t)*t)*(0.6+0.4*sin(2*PI*3*t))+0.03*(random(0)-0.5)'
R='0.3*sin(2*PI*440*t)+0.2*sin(2*PI*1250*t+1)+0.03*(random(1)-0.5)'
M='0.3*sin(2*PI*(220+150*t)*t)+0.2*sin(2*PI*660*t)+0.03*(random(0)-0.5)'
C='0.3*sin(2*PI*880*t)*(0.5+0.5*sin(2*PI*0.7*t))'
LFE='0.4*sin(2*PI*50*t)'
SL='0.25*sin(2*PI*(500+100*t)*t)'
SR='0.25*sin(2*PI*1800*t)+0.02*(random(2)-0.5)'

# src RATE SECONDS LAYOUT: set SRC to the lavfi input arguments (an array,
# so the '*' in the expressions is never glob-expanded).
src() {
    local e
    case $3 in
        stereo) e="$L|$R" ;;
        mono)   e="$M" ;;
        5.1)    e="$L|$R|$C|$LFE|$SL|$SR" ;;
        3.0)    e="$L|$R|$C" ;;
        *) echo "bad layout $3" >&2; exit 1 ;;
    esac
    SRC=(-f lavfi -i "aevalsrc=exprs=$e:s=$1:d=$2:c=$3")
}

# ---------------------------------------------------------------- helpers
# Rebuild only when an output is missing or older than the generator.
up_to_date() {
    local f g
    for f in "$@"; do
        [ -s "$OUT/$f" ] || return 1
        for g in "$0" "$TOOLS/riff.py" "$TOOLS/ogg.py" "$TOOLS/mediatool.py"; do
            [ "$OUT/$f" -nt "$g" ] || return 1
        done
    done
}

# Log and run a command (the log is the record of exact ffmpeg usage).
run() {
    printf '%q ' "$@" | sed "s#$TMP/##g; s#$OUT/##g" >>"$LOG"
    echo >>"$LOG"
    "$@"
}

# ffmpeg decode of IN to raw s16le OUT, with extra leading args.
decode() {
    local in=$1 out=$2
    shift 2
    run "${FF[@]}" "$@" -i "$in" -f s16le -acodec pcm_s16le "$out"
}

# Move finished files from TMP to OUT (last, so a failed run leaves the
# previous state and is retried next time).
publish() {
    local f
    for f in "$@"; do mv -f "$TMP/$f" "$OUT/$f"; done
    for f in "$@"; do echo "made: $f ($(stat -c %s "$OUT/$f") bytes)"; done
}

# ffmpeg-encoded stream-in-WAV file whose ref is FFmpeg's decode of it.
# wav_item NAME SECONDS RATE LAYOUT ENCODER-ARGS...
wav_item() {
    local name=$1 secs=$2 rate=$3 layout=$4
    shift 4
    if up_to_date "$name.wav" "$name.ref.s16"; then
        echo "up to date: $name.wav"; return
    fi
    src "$rate" "$secs" "$layout"
    run "${FF[@]}" "${SRC[@]}" "$@" "${BX[@]}" "$TMP/$name.wav"
    decode "$TMP/$name.wav" "$TMP/$name.ref.s16"
    $MT check-ref "$TMP/$name.ref.s16" "$TMP/$name.wav" "$secs" >/dev/null
    publish "$name.wav" "$name.ref.s16"
}

# field KEY "k1=v1 k2=v2 ..." -> value of KEY (mediatool summary lines)
field() {
    local kv
    for kv in $2; do
        case $kv in "$1"=*) echo "${kv#*=}"; return ;; esac
    done
    echo "field $1 missing in: $2" >&2
    exit 1
}

same() {   # same A B: byte-identical refs, else fail loudly
    cmp -s "$1" "$2" || { echo "ERROR: $1 and $2 differ" >&2; exit 1; }
}

echo "# make_media.sh run $(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$LOG"

# ---------------------------------------------------------------- PCM
wav_item pcm        5  44100 stereo -c:a pcm_s16le

# ---------------------------------------------------------------- MP3
wav_item mp3        5  44100 stereo -c:a libmp3lame -b:a 128k
wav_item mp3_long   30 44100 stereo -c:a libmp3lame -b:a 128k
wav_item mp3_mono   5  44100 mono   -c:a libmp3lame -b:a 64k
wav_item mp3_48k    5  48000 stereo -c:a libmp3lame -b:a 160k

# VBR plus a copy with a sloppy fmt (cbSize 0, bits 16, avg 0).
if up_to_date mp3_vbr.wav mp3_vbr.ref.s16 mp3_cbsize0.wav mp3_cbsize0.ref.s16; then
    echo "up to date: mp3_vbr.wav mp3_cbsize0.wav"
else
    src 44100 5 stereo
    run "${FF[@]}" "${SRC[@]}" -c:a libmp3lame -q:a 4 "${BX[@]}" "$TMP/mp3_vbr.wav"
    decode "$TMP/mp3_vbr.wav" "$TMP/mp3_vbr.ref.s16"
    $MT check-ref "$TMP/mp3_vbr.ref.s16" "$TMP/mp3_vbr.wav" 5 >/dev/null
    $MT sloppy-mp3 "$TMP/mp3_vbr.wav" "$TMP/mp3_cbsize0.wav" >/dev/null
    # FFmpeg copes with the sloppy header; its decode must be identical.
    decode "$TMP/mp3_cbsize0.wav" "$TMP/mp3_cbsize0.ref.s16"
    same "$TMP/mp3_vbr.ref.s16" "$TMP/mp3_cbsize0.ref.s16"
    publish mp3_vbr.wav mp3_vbr.ref.s16 mp3_cbsize0.wav mp3_cbsize0.ref.s16
fi

# ---------------------------------------------------------------- MP2, AC-3
wav_item mp2        5  44100 stereo -c:a mp2 -b:a 192k
wav_item ac3        5  44100 stereo -c:a ac3 -b:a 192k

# 5.1: FFmpeg's WAV muxer writes WAVE_FORMAT_EXTENSIBLE (subformat 0x2000,
# mask 0x3F) for > 2 channels; ac3_51_wfx.wav is the same data with a plain
# WAVEFORMATEX tag 0x2000, as other tools write it.
if up_to_date ac3_51.wav ac3_51.ref.s16 ac3_51_wfx.wav ac3_51_wfx.ref.s16; then
    echo "up to date: ac3_51.wav ac3_51_wfx.wav"
else
    src 48000 5 5.1
    run "${FF[@]}" "${SRC[@]}" -c:a ac3 -b:a 384k "${BX[@]}" "$TMP/ac3_51.wav"
    decode "$TMP/ac3_51.wav" "$TMP/ac3_51.ref.s16"
    $MT check-ref "$TMP/ac3_51.ref.s16" "$TMP/ac3_51.wav" 5 >/dev/null
    $MT plain-wfx "$TMP/ac3_51.wav" "$TMP/ac3_51_wfx.wav" >/dev/null
    decode "$TMP/ac3_51_wfx.wav" "$TMP/ac3_51_wfx.ref.s16"
    same "$TMP/ac3_51.ref.s16" "$TMP/ac3_51_wfx.ref.s16"
    publish ac3_51.wav ac3_51.ref.s16 ac3_51_wfx.wav ac3_51_wfx.ref.s16
fi

# ---------------------------------------------------------------- FLAC
# FFmpeg's WAV muxer accepts FLAC: tag 0xF1AC, extra = 34-byte STREAMINFO,
# data = FLAC frames only (no fLaC marker / metadata blocks).
# The source is float, so without -sample_fmt s16 FFmpeg would pick s32 and
# the "16-bit" file would silently be 24-bit.
wav_item flac       5  44100 stereo -c:a flac -sample_fmt s16
wav_item flac24     5  44100 stereo -c:a flac -sample_fmt s32 -bits_per_raw_sample 24

# ---------------------------------------------------------------- AAC ADTS
# The ADTS file is wrapped byte for byte by mediatool (FFmpeg's WAV muxer
# would store raw AAC with tag 0x00FF instead), the ref decodes the .aac.
if up_to_date aac_adts.wav aac_adts.ref.s16 aac_heaac_adts.wav aac_heaac_adts.ref.s16; then
    echo "up to date: aac_adts.wav aac_heaac_adts.wav"
else
    src 44100 5 stereo
    run "${FF[@]}" "${SRC[@]}" -c:a aac -b:a 128k "${BX[@]}" -f adts "$TMP/aac_adts.src.aac"
    info=$($MT adts-wav "$TMP/aac_adts.src.aac" "$TMP/aac_adts.wav" 0x1600)
    $MT adts-wav "$TMP/aac_adts.src.aac" "$TMP/aac_heaac_adts.wav" 0x1610 >/dev/null
    decode "$TMP/aac_adts.src.aac" "$TMP/aac_adts.ref.s16"
    # FFmpeg's AAC decoder outputs 1024 frames for every ADTS frame.
    $MT check-ref "$TMP/aac_adts.ref.s16" "$TMP/aac_adts.wav" 5 \
        --expect "$(field samples "$info")" >/dev/null
    # FFmpeg also reads tag 0x1600 WAVs: must be the same decode.
    decode "$TMP/aac_adts.wav" "$TMP/aac_adts.wavdec.s16"
    same "$TMP/aac_adts.ref.s16" "$TMP/aac_adts.wavdec.s16"
    # FFmpeg 5.1 does not know tag 0x1610; same bytes -> same reference.
    cp "$TMP/aac_adts.ref.s16" "$TMP/aac_heaac_adts.ref.s16"
    publish aac_adts.wav aac_adts.ref.s16 aac_heaac_adts.wav aac_heaac_adts.ref.s16 aac_adts.src.aac
fi

# ---------------------------------------------------------------- AAC in AVI
# aac_item NAME LAYOUT BITRATE: FFmpeg's AVI muxer, tag 0x00FF + ASC, one
# raw AAC packet per 00wb chunk.
aac_item() {
    local name=$1 layout=$2 br=$3
    src 44100 5 "$layout"
    run "${FF[@]}" "${SRC[@]}" -c:a aac -b:a "$br" "${BX[@]}" "$TMP/$name.avi"
    $MT verify-avi "$TMP/$name.avi" >/dev/null
    decode "$TMP/$name.avi" "$TMP/$name.ref.s16"
    $MT check-ref "$TMP/$name.ref.s16" "$TMP/$name.avi" 5 >/dev/null
}

if up_to_date aac_raw.avi aac_raw.ref.s16 aac_heaac_raw.avi aac_heaac_raw.ref.s16; then
    echo "up to date: aac_raw.avi aac_heaac_raw.avi"
else
    aac_item aac_raw stereo 128k
    # Same packets, tag 0x1610 payload type 0 (raw) + ASC. FFmpeg 5.1
    # cannot read 0x1610, so the ref is the 0x00FF file's.
    $MT heaac-avi "$TMP/aac_raw.avi" "$TMP/aac_heaac_raw.avi" >/dev/null
    $MT verify-avi "$TMP/aac_heaac_raw.avi" --probe-only >/dev/null
    cp "$TMP/aac_raw.ref.s16" "$TMP/aac_heaac_raw.ref.s16"
    publish aac_raw.avi aac_raw.ref.s16 aac_heaac_raw.avi aac_heaac_raw.ref.s16
fi

if up_to_date aac_mono.avi aac_mono.ref.s16; then
    echo "up to date: aac_mono.avi"
else
    aac_item aac_mono mono 64k
    publish aac_mono.avi aac_mono.ref.s16
fi

# 3.0 (channel configuration 3, FC FL FR), with a plain WAVEFORMATEX (FFmpeg
# writes extensible, mask 0x7): the suggested mask must still be the decoder's
# 0x7, not FFmpeg's default 3-channel layout 2.1 (test_output_formats).
if up_to_date aac_30.avi aac_30.ref.s16; then
    echo "up to date: aac_30.avi"
else
    aac_item aac_30x 3.0 160k
    $MT plain-wfx "$TMP/aac_30x.avi" "$TMP/aac_30.avi" >/dev/null
    decode "$TMP/aac_30.avi" "$TMP/aac_30.ref.s16"
    same "$TMP/aac_30x.ref.s16" "$TMP/aac_30.ref.s16"
    publish aac_30.avi aac_30.ref.s16
fi

# ---------------------------------------------------------------- Opus
# FFmpeg 5.1's AVI muxer has no tag for Opus ("Operation not permitted"),
# so the Ogg packets are rewrapped (tag 0x704F, extra = OpusHead).
# Ref: decode of the .opus with -flags2 +skip_manual (decoder neither
# drops pre-skip nor end padding) minus the first pre_skip frames.
if up_to_date opus.avi opus.ref.s16; then
    echo "up to date: opus.avi"
else
    src 48000 5 stereo
    run "${FF[@]}" "${SRC[@]}" -c:a libopus -b:a 96k "${BX[@]}" "$TMP/opus.src.opus"
    info=$($MT opus-avi "$TMP/opus.src.opus" "$TMP/opus.avi")
    pre=$(field pre_skip "$info")
    total=$(field samples "$info")
    $MT verify-avi "$TMP/opus.avi" --decoder opus >/dev/null
    decode "$TMP/opus.src.opus" "$TMP/opus.full.s16" -flags2 +skip_manual
    $MT trim-frames "$TMP/opus.full.s16" "$TMP/opus.ref.s16" "$pre" 2 \
        --expect $((total - pre)) >/dev/null
    $MT check-ref "$TMP/opus.ref.s16" "$TMP/opus.avi" 5 --expect $((total - pre)) >/dev/null
    # Cross-check: FFmpeg forced to decode the AVI packets (extradata =
    # OpusHead, so it applies pre-skip itself, no end trim) agrees.
    decode "$TMP/opus.avi" "$TMP/opus.avidec.s16" -c:a opus
    same "$TMP/opus.ref.s16" "$TMP/opus.avidec.s16"
    publish opus.avi opus.ref.s16 opus.src.opus
fi

# ---------------------------------------------------------------- Vorbis
# FFmpeg's AVI muxer accepts Vorbis (tag 0x566F) but pads the stream with
# empty chunks to express timestamps; vorbis.avi is therefore built by
# mediatool with one packet per chunk, and an FFmpeg-muxed file is kept
# as vorbis_ffmpeg.avi (empty chunks included, as found in the wild).
if up_to_date vorbis.avi vorbis.ref.s16 vorbis_ffmpeg.avi vorbis_ffmpeg.ref.s16; then
    echo "up to date: vorbis.avi vorbis_ffmpeg.avi"
else
    src 44100 5 stereo
    run "${FF[@]}" "${SRC[@]}" -c:a libvorbis -q:a 4 "${BX[@]}" "$TMP/vorbis.src.ogg"
    info=$($MT vorbis-avi "$TMP/vorbis.src.ogg" "$TMP/vorbis.avi")
    total=$(field samples "$info")
    $MT verify-avi "$TMP/vorbis.avi" >/dev/null
    decode "$TMP/vorbis.avi" "$TMP/vorbis.ref.s16"
    # Sum of packet durations (first packet yields nothing) must match.
    $MT check-ref "$TMP/vorbis.ref.s16" "$TMP/vorbis.avi" 5 --expect "$total" >/dev/null
    decode "$TMP/vorbis.src.ogg" "$TMP/vorbis.oggdec.s16" -flags2 +skip_manual
    same "$TMP/vorbis.ref.s16" "$TMP/vorbis.oggdec.s16"
    # FFmpeg's own Vorbis AVI, encoded directly: the time base becomes
    # 16/11025 s and most chunks are empty.  (A -c:a copy remux of the .ogg
    # is worse: time base 1/16000, ~80000 chunks.)
    src 44100 5 stereo
    run "${FF[@]}" "${SRC[@]}" -c:a libvorbis -q:a 4 "${BX[@]}" "$TMP/vorbis_ffmpeg.avi"
    $MT verify-avi "$TMP/vorbis_ffmpeg.avi" >/dev/null
    info=$($MT vorbis-samples "$TMP/vorbis_ffmpeg.avi")
    decode "$TMP/vorbis_ffmpeg.avi" "$TMP/vorbis_ffmpeg.ref.s16"
    $MT check-ref "$TMP/vorbis_ffmpeg.ref.s16" "$TMP/vorbis_ffmpeg.avi" 5 \
        --expect "$(field samples "$info")" >/dev/null
    publish vorbis.avi vorbis.ref.s16 vorbis_ffmpeg.avi vorbis_ffmpeg.ref.s16 vorbis.src.ogg
fi

# ---------------------------------------------------------------- RIFF table
# The other tags of FFmpeg's RIFF table, each from Debian's ffmpeg encoder in
# WAV (a byte stream the tests re-chunk at every size); refs are FFmpeg's
# decode of the same file.  Short files keep chunk-size-1 runs fast.
wav_item adpcm_ms     2 22050 stereo -c:a adpcm_ms
wav_item adpcm_ima    2 22050 stereo -c:a adpcm_ima_wav
wav_item adpcm_yamaha 3 22050 stereo -c:a adpcm_yamaha
wav_item adpcm_swf    3 22050 mono   -c:a adpcm_swf
wav_item g726         3 8000  mono   -c:a g726 -b:a 32k
wav_item g722         3 16000 mono   -c:a g722
wav_item g723_1       3 8000  mono   -c:a g723_1 -b:a 6.3k
wav_item gsm_ms       3 8000  mono   -c:a libgsm_ms
wav_item alaw         3 8000  stereo -c:a pcm_alaw
wav_item mulaw        3 8000  mono   -c:a pcm_mulaw
wav_item wmav1        3 44100 stereo -c:a wmav1
wav_item wmav2        3 44100 stereo -c:a wmav2 -b:a 128k
wav_item dts          2 48000 stereo -c:a dca -strict -2 -b:a 384k
wav_item dts_51       2 48000 5.1    -c:a dca -strict -2 -b:a 768k
wav_item eac3_51      2 48000 5.1    -c:a eac3 -b:a 256k
wav_item dfpwm        3 48000 mono   -c:a dfpwm

# Other tags of the same codecs: FFmpeg reads 0x0032/0x1500 (GSM), 0x6C75
# (mu-law), 0x0064/0x0040/0x0014 (G.726), 0x0069 (IMA) as the same codec, so
# the refs must be byte-identical; 0x0008 (DTS) is unknown to FFmpeg 5.1 and
# shares the 0x2001 ref.
# retag_item SRC DST TAG [noffmpeg]
retag_item() {
    local src=$1 dst=$2 tag=$3
    if up_to_date "$dst" "${dst%.*}.ref.s16"; then
        echo "up to date: $dst"; return
    fi
    $MT retag "$OUT/$src" "$TMP/$dst" "$tag" >/dev/null
    if [ "${4:-}" = noffmpeg ]; then
        cp "$OUT/${src%.*}.ref.s16" "$TMP/${dst%.*}.ref.s16"
    else
        decode "$TMP/$dst" "$TMP/${dst%.*}.ref.s16"
        same "$OUT/${src%.*}.ref.s16" "$TMP/${dst%.*}.ref.s16"
    fi
    publish "$dst" "${dst%.*}.ref.s16"
}
retag_item gsm_ms.wav  gsm_0032.wav 0x0032
retag_item gsm_ms.wav  gsm_1500.wav 0x1500
retag_item mulaw.wav   mulaw_6c75.wav 0x6C75
retag_item g726.wav    g726_0064.wav 0x0064
retag_item g726.wav    g726_0040.wav 0x0040
retag_item g726.wav    g726_0014.wav 0x0014
retag_item adpcm_ima.wav adpcm_ima_0069.wav 0x0069
retag_item g723_1.wav  g723_1_0111.wav 0x0111
retag_item g723_1.wav  g723_1_a100.wav 0xA100
retag_item dts.wav     dts_0008.wav 0x0008 noffmpeg
retag_item aac_raw.avi aac_706d.avi 0x706D
retag_item aac_raw.avi aac_4143.avi 0x4143
retag_item aac_raw.avi aac_a106.avi 0xA106

# Speex (packets in AVI: Speex frames do not delimit themselves).
if up_to_date speex.avi speex.ref.s16; then
    echo "up to date: speex.avi"
else
    src 16000 3 mono
    run "${FF[@]}" "${SRC[@]}" -c:a libspeex "${BX[@]}" "$TMP/speex.avi"
    decode "$TMP/speex.avi" "$TMP/speex.ref.s16"
    $MT check-ref "$TMP/speex.ref.s16" "$TMP/speex.avi" 3 >/dev/null
    publish speex.avi speex.ref.s16
fi

# AAC in LOAS/LATM (FFmpeg's latm muxer), wrapped byte for byte as tag 0x1602.
if up_to_date aac_latm.wav aac_latm.ref.s16; then
    echo "up to date: aac_latm.wav"
else
    src 44100 3 stereo
    run "${FF[@]}" "${SRC[@]}" -c:a aac -b:a 128k "${BX[@]}" -f latm "$TMP/aac_latm.src.latm"
    $MT wrap-wav "$TMP/aac_latm.src.latm" "$TMP/aac_latm.wav" 0x1602 2 44100 >/dev/null
    decode "$TMP/aac_latm.src.latm" "$TMP/aac_latm.ref.s16"
    $MT check-ref "$TMP/aac_latm.ref.s16" "$TMP/aac_latm.wav" 3 >/dev/null
    publish aac_latm.wav aac_latm.ref.s16
fi

# TrueHD and MLP (FFmpeg's experimental encoders): FFmpeg's RIFF table has no
# tag for them, so the raw access units go into a WAVE_FORMAT_EXTENSIBLE WAV
# with Windows' KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_MLP GUID (tag-shaped,
# 0x000C) and the stream's own speaker mask; the refs decode the raw streams.
# mlp_item NAME ENCODER MUXER RATE LAYOUT MASK
mlp_item() {
    local name=$1 enc=$2 mux=$3 rate=$4 layout=$5 mask=$6
    if up_to_date "$name.wav" "$name.ref.s16"; then
        echo "up to date: $name.wav"; return
    fi
    src "$rate" 2 "$layout"
    run "${FF[@]}" "${SRC[@]}" -c:a "$enc" -strict -2 -sample_fmt s16 "${BX[@]}" -f "$mux" "$TMP/$name.src"
    $MT wrap-wav "$TMP/$name.src" "$TMP/$name.wav" 0x000C "$([ "$layout" = 5.1 ] && echo 6 || echo 2)" \
        "$rate" "$mask" >/dev/null
    decode "$TMP/$name.src" "$TMP/$name.ref.s16" -f "$mux"
    # Lossless: exactly 2 s of samples.
    $MT check-ref "$TMP/$name.ref.s16" "$TMP/$name.wav" 2 --expect $((2 * rate)) >/dev/null
    publish "$name.wav" "$name.ref.s16"
}
mlp_item truehd_51 truehd truehd 48000 5.1    0x60F
mlp_item mlp       mlp    mlp    44100 stereo 0x3

# Sonic, lossy and lossless (FFmpeg's experimental sonic/sonicls encoders and
# decoder, hence -strict -2): FFmpeg's AVI muxer, tag 0x2048, one packet per chunk.
sonic_item() {
    local name=$1 enc=$2
    if up_to_date "$name.avi" "$name.ref.s16"; then
        echo "up to date: $name.avi"; return
    fi
    src 44100 3 stereo
    run "${FF[@]}" "${SRC[@]}" -c:a "$enc" -strict -2 "${BX[@]}" "$TMP/$name.avi"
    decode "$TMP/$name.avi" "$TMP/$name.ref.s16" -strict -2
    $MT check-ref "$TMP/$name.ref.s16" "$TMP/$name.avi" 3 >/dev/null
    publish "$name.avi" "$name.ref.s16"
}
sonic_item sonic    sonic
sonic_item sonic_ls sonicls

# ALAC: FFmpeg's WAV/AVI muxers have no tag for it; the packets of an .m4a
# go into an AVI with tag 0x6C61 and the 36-byte 'alac' atom as extra bytes.
if up_to_date alac.avi alac.ref.s16; then
    echo "up to date: alac.avi"
else
    src 44100 3 stereo
    run "${FF[@]}" "${SRC[@]}" -c:a alac -sample_fmt s16p "${BX[@]}" "$TMP/alac.src.m4a"
    $MT packets-avi "$TMP/alac.src.m4a" "$TMP/alac.avi" 0x6C61 4096 >/dev/null
    decode "$TMP/alac.src.m4a" "$TMP/alac.ref.s16"
    decode "$TMP/alac.avi" "$TMP/alac.avidec.s16" -c:a alac
    same "$TMP/alac.ref.s16" "$TMP/alac.avidec.s16"
    $MT check-ref "$TMP/alac.ref.s16" "$TMP/alac.avi" 3 >/dev/null
    publish alac.avi alac.ref.s16
fi

# ---------------------------------------------------------------- output formats
# References for tests/core/test_output_formats.c: FFmpeg's own 32-bit, float,
# downmixed and resampled decodes of files above, a 7.1 FLAC, and an MP3 stream
# whose second half has another sample rate.
L71="$L|$R|$C|$LFE|0.2*sin(2*PI*300*t)|0.2*sin(2*PI*3000*t)|$SL|$SR"
if up_to_date flac71.wav flac71.ref.s16 flac71.ref.ac2.s16 flac24.ref.s32 mp3.ref.f32 mp3.ref.s32 \
        ac3_51.ref.ac2.s16 mp3.ref.48k.s16 mp3_ratechange.wav mp3_ratechange.info; then
    echo "up to date: output format references"
else
    run "${FF[@]}" -f lavfi -i "aevalsrc=exprs=$L71:s=48000:d=2:c=7.1" -c:a flac -sample_fmt s16 \
        "${BX[@]}" "$TMP/flac71.wav"
    decode "$TMP/flac71.wav" "$TMP/flac71.ref.s16"
    $MT check-ref "$TMP/flac71.ref.s16" "$TMP/flac71.wav" 2 >/dev/null
    run "${FF[@]}" -i "$TMP/flac71.wav" -ac 2 -f s16le -c:a pcm_s16le "$TMP/flac71.ref.ac2.s16"
    run "${FF[@]}" -i "$OUT/flac24.wav" -f s32le -c:a pcm_s32le "$TMP/flac24.ref.s32"
    run "${FF[@]}" -i "$OUT/mp3.wav" -f f32le -c:a pcm_f32le "$TMP/mp3.ref.f32"
    run "${FF[@]}" -i "$OUT/mp3.wav" -f s32le -c:a pcm_s32le "$TMP/mp3.ref.s32"
    run "${FF[@]}" -i "$OUT/ac3_51.wav" -ac 2 -f s16le -c:a pcm_s16le "$TMP/ac3_51.ref.ac2.s16"
    # The resampler settings of bridge/core/pcm_convert.c, through FFmpeg's aresample.
    run "${FF[@]}" -i "$OUT/mp3.wav" -af aresample=48000:filter_size=64:phase_shift=12:cutoff=0.97 \
        -f s16le -c:a pcm_s16le "$TMP/mp3.ref.48k.s16"
    # 2 s at 44.1 kHz, then 2 s at 48 kHz, one MP3 byte stream under a 44.1 kHz header.
    src 44100 2 stereo
    run "${FF[@]}" "${SRC[@]}" -c:a libmp3lame -b:a 128k "${BX[@]}" -f mp3 -write_xing 0 "$TMP/rc1.mp3"
    src 48000 2 stereo
    run "${FF[@]}" "${SRC[@]}" -c:a libmp3lame -b:a 128k "${BX[@]}" -f mp3 -write_xing 0 "$TMP/rc2.mp3"
    decode "$TMP/rc1.mp3" "$TMP/rc1.s16"
    decode "$TMP/rc2.mp3" "$TMP/rc2.s16"
    cat "$TMP/rc1.mp3" "$TMP/rc2.mp3" >"$TMP/rc.mp3"
    $MT wrap-wav "$TMP/rc.mp3" "$TMP/mp3_ratechange.wav" 0x0055 2 44100 >/dev/null
    echo "$(( $(stat -c %s "$TMP/rc1.s16") / 4 )) 44100 $(( $(stat -c %s "$TMP/rc2.s16") / 4 )) 48000" \
        >"$TMP/mp3_ratechange.info"
    publish flac71.wav flac71.ref.s16 flac71.ref.ac2.s16 flac24.ref.s32 mp3.ref.f32 mp3.ref.s32 \
        ac3_51.ref.ac2.s16 mp3.ref.48k.s16 mp3_ratechange.wav mp3_ratechange.info
fi

# Vorbis ACM mode 2 (0x6750) and 2+ (0x6770): oggenc's pages, headers in the
# extra bytes; mode 1 (0x674F) and 1+ (0x676F): oggenc's whole file as the
# data.  The ref is FFmpeg's decode of the .ogg, cut at the last page's
# granule position as ffacm cuts it.
if up_to_date vorbis_acm2.wav vorbis_acm2.ref.s16 vorbis_acm2p.wav vorbis_acm2p.ref.s16 \
        vorbis_acm1.wav vorbis_acm1.ref.s16 vorbis_acm1p.wav vorbis_acm1p.ref.s16; then
    echo "up to date: vorbis_acm2.wav vorbis_acm2p.wav vorbis_acm1.wav vorbis_acm1p.wav"
else
    src 44100 3 stereo
    run "${FF[@]}" "${SRC[@]}" -c:a pcm_s16le "$TMP/vacm.wav"
    run oggenc -Q -q 3 --serial 1 -o "$TMP/vorbis_acm.src.ogg" "$TMP/vacm.wav"
    for m in 2:0x6750 2p:0x6770 1:0x674F 1p:0x676F; do
        $MT vorbis-acm "$TMP/vorbis_acm.src.ogg" "$TMP/vorbis_acm${m%%:*}.wav" "${m#*:}" >/dev/null
    done
    decode "$TMP/vorbis_acm.src.ogg" "$TMP/vorbis_acm2.ref.s16"
    # oggenc's last granule is the input's length: the cut decode is exactly as long.
    $MT check-ref "$TMP/vorbis_acm2.ref.s16" "$TMP/vorbis_acm2.wav" 3 --expect 132300 >/dev/null
    for m in 2p 1 1p; do cp "$TMP/vorbis_acm2.ref.s16" "$TMP/vorbis_acm$m.ref.s16"; done
    publish vorbis_acm2.wav vorbis_acm2.ref.s16 vorbis_acm2p.wav vorbis_acm2p.ref.s16 \
        vorbis_acm1.wav vorbis_acm1.ref.s16 vorbis_acm1p.wav vorbis_acm1p.ref.s16
fi

RIFF_TABLE_MEDIA="vorbis_acm2.wav vorbis_acm2p.wav vorbis_acm1.wav vorbis_acm1p.wav flac71.wav adpcm_ms.wav adpcm_ima.wav adpcm_ima_0069.wav adpcm_yamaha.wav adpcm_swf.wav
    g726.wav g726_0064.wav g726_0040.wav g726_0014.wav g722.wav g723_1.wav g723_1_0111.wav
    g723_1_a100.wav gsm_ms.wav gsm_0032.wav gsm_1500.wav alaw.wav mulaw.wav mulaw_6c75.wav
    wmav1.wav wmav2.wav dts.wav dts_0008.wav dts_51.wav eac3_51.wav dfpwm.wav
    aac_706d.avi aac_4143.avi aac_a106.avi speex.avi aac_latm.wav alac.avi truehd_51.wav mlp.wav sonic.avi sonic_ls.avi aac_30.avi"

# ---------------------------------------------------------------- MP3 as LAME writes it
# Other tools store LAME's own output as the data: an ID3v2 tag (UTF-16 text, whose BOM
# 0xFF 0xFE reads as an MPEG Layer I header), the Xing/LAME frame, the audio, an ID3v1 tag.
# The reference is FFmpeg's decode of the same LAME output without the tags (LAME writes the
# same frames either way), so the tags must be skipped and nothing else lost or added.
if up_to_date mp3_id3v2.wav mp3_id3v2.ref.s16; then
    echo "up to date: mp3_id3v2.wav"
else
    src 44100 5 stereo
    run "${FF[@]}" "${SRC[@]}" -c:a pcm_s16le "$TMP/id3src.wav"
    run lame --quiet --nohist -b 128 "$TMP/id3src.wav" "$TMP/id3plain.mp3"
    run lame --quiet --nohist -b 128 --add-id3v2 --tt "Title" --ta "Artist" --tl "Album" \
        "$TMP/id3src.wav" "$TMP/id3tag.mp3"
    $MT wrap-wav "$TMP/id3plain.mp3" "$TMP/id3plain.wav" 0x0055 2 44100 >/dev/null
    $MT wrap-wav "$TMP/id3tag.mp3" "$TMP/mp3_id3v2.wav" 0x0055 2 44100 >/dev/null
    decode "$TMP/id3plain.wav" "$TMP/mp3_id3v2.ref.s16"
    publish mp3_id3v2.wav mp3_id3v2.ref.s16
fi

# ---------------------------------------------------------------- manifest
$MT manifest "$OUT" \
    pcm.wav mp3.wav mp3_long.wav mp3_mono.wav mp3_48k.wav mp3_vbr.wav \
    mp3_cbsize0.wav mp3_id3v2.wav mp2.wav ac3.wav ac3_51.wav ac3_51_wfx.wav flac.wav flac24.wav \
    aac_adts.wav aac_heaac_adts.wav aac_raw.avi aac_heaac_raw.avi \
    aac_mono.avi opus.avi vorbis.avi vorbis_ffmpeg.avi $RIFF_TABLE_MEDIA

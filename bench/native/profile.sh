#!/usr/bin/env bash
# bench/native/profile.sh — where does ffacm lose against libavcodec called directly?
# Builds profile_core natively (ffacm's core + Debian's libavcodec 5.1, -O2 -g, no sanitizers),
# flattens the bench media into .pkt files and runs callgrind on both paths: instruction counts
# are independent of machine load.  Writes build/bench-native/profile.tsv and callgrind files.
#
# usage: bench/native/profile.sh [CODEC... | enc]   (default: every bench medium, then the encoders;
#                                                  enc: the encoders only)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=build/bench-native
media=build/bench-media
mkdir -p "$out"
bash bench/make_media.sh "$media" >/dev/null

srcs=$(sed -n '/add_library(ffacm_core STATIC/,/^)/p' CMakeLists.txt | grep -E '\.c$' | sed 's/^ *//')
# shellcheck disable=SC2086
gcc -std=c11 -O2 -g -Wall -Wextra -Wno-missing-prototypes -I. -o "$out/profile_core" bench/native/profile_core.c $srcs \
    $(pkg-config --cflags --libs libavcodec libswresample libavutil)

declare -A file=([mp3]=mp3.wav [mp2]=mp2.wav [aac]=aac.avi [opus]=opus.avi [flac]=flac.wav [ac3]=ac3.wav
                 [vorbis]=vorbis.avi [ima_adpcm]=ima_adpcm.wav [ms_adpcm]=ms_adpcm.wav [gsm]=gsm.wav
                 [alaw]=alaw.wav [mulaw]=mulaw.wav)
codecs=("$@")
encoders=()
if [ "${1:-}" = enc ]; then      # encoders only
    codecs=()
    encoders=(mp3:55 aac:FF opus:704F vorbis:566F flac:F1AC ac3:2000)
elif [ ${#codecs[@]} -eq 0 ]; then
    codecs=(mp3 mp2 aac opus flac ac3 vorbis ima_adpcm ms_adpcm gsm alaw mulaw)
    encoders=(mp3:55 aac:FF opus:704F vorbis:566F flac:F1AC ac3:2000)
fi

ir() { # total instructions of run_ffacm/run_direct in a callgrind file
    callgrind_annotate "$1" 2>/dev/null | awk '/PROGRAM TOTALS/ && !done {gsub(",","",$1); print $1; done = 1}'
}
printf 'codec\tchunk\tdirect_Ir\tffacm_Ir\tdirect/ffacm\n' >"$out/profile.tsv"
set +u # "${codecs[@]}" of an empty array
for c in "${codecs[@]}"; do
    f=${file[$c]}
    python3 tests/tools/pktdump.py "$media/$f" "$out/$c.pkt"
    valgrind -q --tool=callgrind --toggle-collect='run_direct' --callgrind-out-file="$out/cg.$c.direct" \
        "$out/profile_core" direct "$out/$c.pkt" >/dev/null
    d=$(ir "$out/cg.$c.direct")
    chunks=(417 4096 65536)
    case $f in *.avi) chunks=(packet) ;; esac
    for ch in "${chunks[@]}"; do
        valgrind -q --tool=callgrind --toggle-collect='run_ffacm' --callgrind-out-file="$out/cg.$c.ffacm.$ch" \
            "$out/profile_core" ffacm "$out/$c.pkt" "${ch/packet/0}" >/dev/null
        a=$(ir "$out/cg.$c.ffacm.$ch")
        printf '%s\t%s\t%s\t%s\t%s\n' "$c" "$ch" "$d" "$a" "$(awk -v d="$d" -v a="$a" 'BEGIN { printf "%.4f", d / a }')" | tee -a "$out/profile.tsv"
    done
done

# Encoders: the first 5 s of the 16-bit PCM input (encoders are slow under callgrind; a ratio
# needs no more), ffacm's suggested format for the tag (rows "enc:CODEC").
if [ ${#encoders[@]} -gt 0 ]; then
    ffmpeg -nostdin -hide_banner -loglevel error -y -i "$media/pcm.wav" -t 5 -c:a copy "$out/pcm5.wav"
    python3 tests/tools/pktdump.py "$out/pcm5.wav" "$out/pcm.pkt"
fi
for e in "${encoders[@]}"; do
    c=${e%%:*} tag=${e##*:}
    if ! "$out/profile_core" encode "$out/pcm.pkt" "$tag" 65536 >/dev/null 2>&1; then
        echo "enc:$c: ffacm has no encoder for tag 0x$tag" >&2
        continue
    fi
    valgrind -q --tool=callgrind --toggle-collect='run_direct_encode' --callgrind-out-file="$out/cg.enc.$c.direct" \
        "$out/profile_core" encode-direct "$out/pcm.pkt" "$tag" >/dev/null 2>&1
    d=$(ir "$out/cg.enc.$c.direct")
    for ch in 4096 65536; do
        valgrind -q --tool=callgrind --toggle-collect='run_ffacm' --callgrind-out-file="$out/cg.enc.$c.ffacm.$ch" \
            "$out/profile_core" encode "$out/pcm.pkt" "$tag" "$ch" >/dev/null 2>&1
        a=$(ir "$out/cg.enc.$c.ffacm.$ch")
        printf '%s\t%s\t%s\t%s\t%s\n' "enc:$c" "$ch" "$d" "$a" "$(awk -v d="$d" -v a="$a" 'BEGIN { printf "%.4f", d / a }')" | tee -a "$out/profile.tsv"
    done
done

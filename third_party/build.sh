#!/usr/bin/env bash
# third_party/build.sh ARCH
#
# Cross-builds the static libraries ffacm links against, for one Windows
# architecture (ARCH = x86_64 | i686):
#   libogg, libvorbis, lame (libmp3lame), opus, libgsm, then FFmpeg
#   (libavcodec, libavutil, libswresample) with every audio decoder and audio
#   parser, a fixed list of encoders, and the five libraries above.
#
# Result: $FFACM_DEPS_DIR/ARCH/prefix/{include,lib,lib/pkgconfig}
#         (FFACM_DEPS_DIR defaults to <repo>/build/deps).
# cmake/ffacm_ffmpeg.cmake finds it there.
#
# Sources come only from Debian's archive (`apt-get source --download-only`
# of the versions pinned in third_party/versions.sh, orig tarballs checked
# against the pinned sha256); nothing is vendored into the repository.
# Debian's patches are not applied (none matter for what ffacm uses).
#
# Host packages this needs (Debian 12), as installed by CI:
#   apt-get install gcc-mingw-w64-x86-64-win32 gcc-mingw-w64-i686-win32 \
#       nasm pkg-config dpkg-dev xz-utils make
#   (plus coreutils, tar, gzip, gawk|mawk, sed, util-linux, apt: always there)
# and deb-src entries for Debian's archive; the script adds them itself when
# run as root and there are none.
#
# Re-running with unchanged inputs (this file, versions.sh, the configure
# flags, the compiler and nasm versions) prints "cached" and exits at once.
#
# Env:
#   FFACM_DEPS_DIR  where sources, build trees and prefixes go
#   FFACM_JOBS      make -j value (default: nproc)
set -euo pipefail

T0=$SECONDS

die() { echo "third_party/build.sh: error: $*" >&2; exit 1; }
log() { echo "[deps ${ARCH:-?}] $*"; }

usage="usage: $0 x86_64|i686"
[ $# -eq 1 ] || die "$usage"
ARCH=$1
case "$ARCH" in
    x86_64|i686) ;;
    *) die "unknown ARCH '$ARCH'; $usage" ;;
esac
HOST=$ARCH-w64-mingw32

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
# shellcheck source=third_party/versions.sh
. "$HERE/versions.sh"

DEPS=${FFACM_DEPS_DIR:-$REPO/build/deps}
mkdir -p "$DEPS"
DEPS=$(cd "$DEPS" && pwd)            # absolute: configure scripts need it
SRC=$DEPS/src                        # downloads + unpacked trees, shared by both arches
ADIR=$DEPS/$ARCH
PREFIX=$ADIR/prefix
BLD=$ADIR/build
STAMP=$ADIR/ffacm-deps.stamp
JOBS=${FFACM_JOBS:-$(nproc)}

# --------------------------------------------------------------------------
# Configure flags. Everything that decides what gets built is spelled out
# here so that it is part of the stamp hash.

# No -g: smaller libraries; FFmpeg gets --disable-debug for the same reason.
# -O2 is what Debian effectively builds these with (dpkg-buildflags).
DEP_CFLAGS='-O2'

OGG_FLAGS=()
VORBIS_FLAGS=(--disable-docs --disable-examples --disable-oggtest)
# ffacm only needs the encoder library: no lame.exe, no mpglib decoder
# (FFmpeg decodes MP3 itself). nasm stays off (the default): lame's nasm code
# is only for 32-bit x86 and not needed. i686 note: lame's SSE-intrinsics
# probe fails without -msse, so the i686 build uses lame's plain C paths.
LAME_FLAGS=(--disable-frontend --disable-decoder --disable-gtktest --disable-analyzer-hooks)
# Stack protector would make libopus.a need libssp at link time (opus already
# turns it off for Windows; spelled out so that cannot change under us).
OPUS_FLAGS=(--disable-doc --disable-extra-programs --disable-stack-protector)
# opus's configure appends -D_FORTIFY_SOURCE=2 unless the compiler already
# defines it; with mingw-w64 that turns memcpy & co. into __memcpy_chk calls
# that need libssp, which neither opus.pc nor FFmpeg link (FFmpeg's configure
# then reports "opus not found"). Defining it as 0 skips that and keeps
# mingw's fortify wrappers off (_mingw_mac.h: _FORTIFY_SOURCE > 0).
OPUS_EXTRA_CFLAGS='-D_FORTIFY_SOURCE=0'
# libgsm has no configure, only a Makefile whose variables are overridden on
# the make command line. These are the values Debian's debian/rules builds
# libgsm1 with on x86 (amd64 and i386): the upstream compiler flags
# (-ansi -pedantic), MULHACK=-DUSE_FLOAT_MUL (Debian's choice for every
# non-ARM architecture), and the Makefile's own SASR and WAV49 (the Microsoft
# WAV #49 packing libgsm_ms needs). USE_FLOAT_MUL sums some correlations in
# float, so the coded bits can depend on it: the same flags keep ffacm's GSM
# bytes equal to Debian's libgsm1 on the same architecture (x86_64: SSE
# floats, as on amd64; i686: x87, as on Debian's i386). Debian's hardening
# flags are left out (no arithmetic effect; _FORTIFY_SOURCE would need libssp).
GSM_MAKE_FLAGS=("CC=$HOST-gcc -ansi -pedantic" "AR=$HOST-ar" "RANLIB=$HOST-ranlib"
    "CCFLAGS=-c $DEP_CFLAGS -Wall -DNeedFunctionPrototypes=1" "MULHACK=-DUSE_FLOAT_MUL")

# Encoders ffacm offers (audio decoders and parsers are generated from the
# FFmpeg source tree, see gen_ffmpeg_components). These are FFmpeg encoder
# names (G.722/G.726 are adpcm_g722/adpcm_g726); build_ffmpeg checks that
# every one of them really got enabled.
FFMPEG_ENCODERS='aac,ac3,eac3,flac,alac,mp2,libmp3lame,libopus,libvorbis,vorbis,opus,adpcm_ima_wav,adpcm_ms,pcm_alaw,pcm_mulaw,pcm_s16le,wmav1,wmav2,adpcm_g722,adpcm_g726,adpcm_swf,adpcm_yamaha,libgsm,libgsm_ms'

FFMPEG_FLAGS=(
    --prefix="$PREFIX"
    --target-os=mingw32 --arch="$ARCH" --cross-prefix="$HOST-" --enable-cross-compile
    --pkg-config=pkg-config --pkg-config-flags=--static
    # Only what ffacm needs, and nothing probed from the build machine.
    --disable-autodetect --disable-everything
    --disable-programs --disable-doc --disable-network
    --disable-avformat --disable-avdevice --disable-avfilter
    --disable-swscale --disable-postproc
    --enable-avcodec --enable-avutil --enable-swresample
    --enable-static --disable-shared --disable-debug
    # x86asm (nasm) stays on: the same SIMD paths as Debian's ffmpeg.
    --x86asmexe=nasm
    # libavcodec's frame threading code needs a thread implementation to
    # link; w32threads needs no extra DLL (ffacm decodes single-threaded).
    --enable-w32threads
    --enable-libmp3lame --enable-libopus --enable-libvorbis --enable-libgsm
    # lame and libgsm ship no .pc file: FFmpeg finds them via -I/-L
    # (libgsm's header as gsm/gsm.h, where Debian's libgsm1-dev puts it).
    --extra-cflags="-I$PREFIX/include" --extra-ldflags="-L$PREFIX/lib"
    --enable-encoder="$FFMPEG_ENCODERS"
)

# --------------------------------------------------------------------------
# Stamp: hash of every input. Checked before anything slow happens.

command -v "$HOST-gcc" >/dev/null || die "$HOST-gcc not found (apt-get install gcc-mingw-w64-${ARCH/_/-}-win32)"
command -v nasm >/dev/null || die "nasm not found (apt-get install nasm)"
command -v pkg-config >/dev/null || die "pkg-config not found (apt-get install pkg-config)"
command -v make >/dev/null || die "make not found (apt-get install make)"

toolchain_id() {
    "$HOST-gcc" --version | head -n1
    nasm -v
}

HASH=$( {
    cat "$HERE/versions.sh" "$HERE/build.sh"
    echo "ARCH=$ARCH"
    echo "CFLAGS=$DEP_CFLAGS OPUS:$OPUS_EXTRA_CFLAGS"
    printf '%s\n' "${OGG_FLAGS[@]+"${OGG_FLAGS[@]}"}" "${VORBIS_FLAGS[@]}" \
                  "${LAME_FLAGS[@]}" "${OPUS_FLAGS[@]}" "${GSM_MAKE_FLAGS[@]}" "${FFMPEG_FLAGS[@]}"
    toolchain_id
} | sha256sum | cut -d' ' -f1 )

if [ -f "$STAMP" ] && [ "$(head -n1 "$STAMP")" = "$HASH" ] && [ -d "$PREFIX/lib/pkgconfig" ]; then
    log "cached ($PREFIX)"
    exit 0
fi

# One build per ARCH at a time (a second concurrent run waits, then finds the
# stamp written). flock is in util-linux, which Debian always has.
mkdir -p "$ADIR"
exec 8>"$ADIR/.lock"
flock 8
if [ -f "$STAMP" ] && [ "$(head -n1 "$STAMP")" = "$HASH" ] && [ -d "$PREFIX/lib/pkgconfig" ]; then
    log "cached ($PREFIX)"
    exit 0
fi

# Inputs changed (or first run): start from an empty prefix so nothing stale
# from an older configuration survives. Per-package markers below let an
# interrupted run resume where it stopped as long as the inputs are the same.
if [ "$(cat "$ADIR/.inputs" 2>/dev/null || true)" != "$HASH" ]; then
    log "first build or inputs changed: clean build in $ADIR"
    rm -rf "$PREFIX" "$BLD" "$STAMP"
    echo "$HASH" > "$ADIR/.inputs"
fi
mkdir -p "$PREFIX" "$BLD" "$SRC"

# --------------------------------------------------------------------------
# Sources

pkgvar() { eval "printf '%s' \"\${$1_$2}\""; }   # pkgvar FFMPEG VERSION

# Pinned versions must be in apt's source index. Adds a deb-src entry when
# there is none at all (root only); refreshes the index once if a pinned
# version is missing (stale lists).
have_pinned_versions() {
    local p srcpkg ver info
    for p in $FFACM_DEP_ORDER; do
        srcpkg=$(pkgvar "$p" SRCPKG); ver=$(pkgvar "$p" VERSION)
        # Captured first: `apt-cache | grep -q` would trip pipefail via SIGPIPE.
        info=$(apt-cache showsrc "$srcpkg" 2>/dev/null || true)
        grep -qxF "Version: $ver" <<<"$info" || return 1
    done
}

ensure_deb_src() {
    have_pinned_versions && return 0
    [ "$(id -u)" -eq 0 ] || die "apt cannot find the pinned source packages (see versions.sh).
  Add a 'deb-src' entry for Debian's archive (e.g. 'Types: deb deb-src' in
  /etc/apt/sources.list.d/debian.sources), run 'apt-get update' as root, and
  retry; or run this script as root, which does it."
    if [ -z "$(apt-cache showsrc "$FFMPEG_SRCPKG" 2>/dev/null || true)" ]; then
        local codename parts
        codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
        [ -n "$codename" ] || die "cannot tell the Debian codename from /etc/os-release"
        # Normally /etc/apt/sources.list.d/; asked from apt so APT_CONFIG is honoured.
        eval "$(apt-config shell parts Dir::Etc::sourceparts/d)"
        [ -n "${parts:-}" ] || die "cannot tell apt's sources.list.d directory"
        log "no deb-src entries: adding ${parts%/}/ffacm-deb-src.sources ($codename)"
        cat > "${parts%/}/ffacm-deb-src.sources" <<EOF
# Added by ffacm third_party/build.sh: it fetches FFmpeg & co. with apt-get source.
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: $codename $codename-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: $codename-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    fi
    log "apt-get update"
    apt-get update -qq || die "apt-get update failed"
    have_pinned_versions || die "a pinned version in third_party/versions.sh is not in apt's source index.
  Debian may have superseded it (security updates replace older versions on
  the mirror). 'apt-cache showsrc NAME' shows what is available; update the
  pin and its sha256, or put the pinned orig tarball into $SRC by hand."
}

# fetch_unpack P: orig tarball into $SRC (cached), verified, unpacked to
# $SRC/<srcpkg>-<upstream>. Sets SRCDIR. Shared by both arches, so locked.
fetch_unpack() {
    local p=$1 srcpkg ver up orig sha dest tmp top
    srcpkg=$(pkgvar "$p" SRCPKG); ver=$(pkgvar "$p" VERSION); up=$(pkgvar "$p" UPSTREAM)
    orig=$(pkgvar "$p" ORIG); sha=$(pkgvar "$p" SHA256)
    dest=$SRC/$srcpkg-$up
    SRCDIR=$dest

    exec 9>"$SRC/.lock"
    flock 9
    if [ ! -f "$SRC/$orig" ]; then
        ensure_deb_src
        log "apt-get source --download-only $srcpkg=$ver"
        tmp=$(mktemp -d "$SRC/.dl.XXXXXX")
        # As root apt would try (and fail, with a warning) to drop to the
        # _apt user, which cannot write our directory; it then downloads as
        # root anyway. Say so up front to keep the log clean.
        local sandbox=()
        [ "$(id -u)" -eq 0 ] && sandbox=(-o APT::Sandbox::User=root)
        (cd "$tmp" && apt-get source -qq --download-only "${sandbox[@]}" "$srcpkg=$ver") \
            || { rm -rf "$tmp"; die "apt-get source $srcpkg=$ver failed"; }
        [ -f "$tmp/$orig" ] || { rm -rf "$tmp"; die "apt-get source $srcpkg=$ver did not produce $orig"; }
        mv "$tmp"/* "$SRC"/
        rm -rf "$tmp"
    fi
    local got
    got=$(sha256sum "$SRC/$orig" | cut -d' ' -f1)
    if [ "$got" != "$sha" ]; then
        die "sha256 mismatch for $SRC/$orig
  expected $sha
  got      $got
  (delete the file to re-download; if the archive really changed, update versions.sh)"
    fi
    if [ "$(cat "$dest/.ffacm-unpacked" 2>/dev/null || true)" != "$sha" ]; then
        log "unpacking $orig"
        rm -rf "$dest"
        tmp=$(mktemp -d "$SRC/.unpack.XXXXXX")
        tar -xf "$SRC/$orig" -C "$tmp"
        # orig tarballs hold one top-level directory; its name varies.
        top=$(find "$tmp" -mindepth 1 -maxdepth 1)
        if [ "$(printf '%s\n' "$top" | wc -l)" -ne 1 ] || [ ! -d "$top" ]; then
            rm -rf "$tmp"; die "$orig: expected one top-level directory"
        fi
        mv "$top" "$dest"
        rm -rf "$tmp"
        echo "$sha" > "$dest/.ffacm-unpacked"
    fi
    exec 9>&-
}

# --------------------------------------------------------------------------
# Builds. Output goes to a log per package; on failure its tail is shown.

# Build environment: only our prefix is visible to pkg-config, never the
# build machine's .pc files.
export PKG_CONFIG_LIBDIR=$PREFIX/lib/pkgconfig
unset PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR CC CXX CPP LD AR RANLIB NM STRIP
export CPPFLAGS="-I$PREFIX/include" LDFLAGS="-L$PREFIX/lib" CFLAGS="$DEP_CFLAGS"

run_logged() {   # run_logged LOGFILE cmd...
    local logf=$1; shift
    if ! "$@" >>"$logf" 2>&1; then
        echo "---- last lines of $logf ----" >&2
        tail -n 60 "$logf" >&2
        die "failed: $*"
    fi
}

done_marker() { echo "$BLD/$1/.ffacm-done"; }
is_done() { [ "$(cat "$(done_marker "$1")" 2>/dev/null || true)" = "$HASH" ]; }

build_autotools() {   # build_autotools P configure-args...
    local p=$1; shift
    local name b t=$SECONDS
    name=$(pkgvar "$p" SRCPKG)
    if is_done "$name"; then log "$name: already built"; return 0; fi
    fetch_unpack "$p"
    b=$BLD/$name
    rm -rf "$b"; mkdir -p "$b"
    log "$name: configure + make (log: $b/build.log)"
    # Out-of-tree build: the unpacked source is shared by both arches.
    local extra
    extra=$(eval "printf '%s' \"\${${p}_EXTRA_CFLAGS:-}\"")
    (cd "$b" && CFLAGS="$DEP_CFLAGS${extra:+ $extra}" run_logged "$b/build.log" \
        "$SRCDIR/configure" --host="$HOST" --prefix="$PREFIX" --disable-shared --enable-static "$@")
    run_logged "$b/build.log" make -C "$b" -j"$JOBS"
    run_logged "$b/build.log" make -C "$b" install
    echo "$HASH" > "$(done_marker "$name")"
    log "$name: done in $((SECONDS - t))s"
}

# libgsm: no configure, and its Makefile builds inside the source tree, which
# both arches share: build in a copy. Only the static library and the header
# are wanted (not toast/untoast, not the .so Debian's patch adds).
build_libgsm() {
    local name=$GSM_SRCPKG b t=$SECONDS
    if is_done "$name"; then log "$name: already built"; return 0; fi
    fetch_unpack GSM
    b=$BLD/$name
    rm -rf "$b"; mkdir -p "$b"
    cp -a "$SRCDIR"/. "$b"/
    log "$name: make lib/libgsm.a (log: $b/build.log)"
    run_logged "$b/build.log" make -C "$b" -j"$JOBS" "${GSM_MAKE_FLAGS[@]}" lib/libgsm.a
    install -d "$PREFIX/include/gsm" "$PREFIX/lib"
    install -m 644 "$b/inc/gsm.h" "$PREFIX/include/gsm/gsm.h"
    install -m 644 "$b/lib/libgsm.a" "$PREFIX/lib/libgsm.a"
    echo "$HASH" > "$(done_marker "$name")"
    log "$name: done in $((SECONDS - t))s"
}

# gen_ffmpeg_components SRCDIR: sets AUDIO_DECODERS / AUDIO_PARSERS (comma
# lists) from the FFmpeg tree itself, so "all audio decoders" stays right
# for whatever version is pinned.
#  - decoder type: the AVMEDIA_TYPE_* in its `const FFCodec ff_X_decoder = {`
#    block; for decoders defined through macros (pcm, adpcm, dpcm, dsd) the
#    type of the source files libavcodec/Makefile builds for it, accepted
#    only if those files mention AVMEDIA_TYPE_AUDIO and no other type.
#  - parser type: the codec_desc.c type of the first id in its .codec_ids.
# Platform wrappers for other OSes (*_at = macOS AudioToolbox) are skipped.
gen_ffmpeg_components() {
    local s=$1/libavcodec out
    # shellcheck disable=SC2035  # bare names matter (Makefile lists foo.o); none start with '-'
    out=$(cd "$s" && awk '
        FNR == 1 { file = FILENAME; inb = 0; inp = 0 }
        # codec_desc.c: id -> media type
        file == "codec_desc.c" && /\.id *= *AV_CODEC_ID_/ { match($0, /AV_CODEC_ID_[A-Z0-9_]+/); id = substr($0, RSTART, RLENGTH) }
        file == "codec_desc.c" && /\.type *= *AVMEDIA_TYPE_/ { match($0, /AVMEDIA_TYPE_[A-Z]+/); idtype[id] = substr($0, RSTART + 13, RLENGTH - 13) }
        # Makefile: OBJS-$(CONFIG_X_DECODER) += a.o b.o
        file == "Makefile" && /^OBJS-\$\(CONFIG_[A-Z0-9_]+_DECODER\)/ {
            match($0, /CONFIG_[A-Z0-9_]+_DECODER/); d = tolower(substr($0, RSTART + 7, RLENGTH - 15))
            line = $0; sub(/^[^=]*=/, "", line); gsub(/\\/, "", line); objs[d] = objs[d] " " line
        }
        file == "Makefile" { next }
        # allcodecs.c / parsers.c: the full lists, in registration order
        /^extern const FFCodec ff_[a-z0-9_]+_decoder;/ { n = $0; sub(/^extern const FFCodec ff_/, "", n); sub(/_decoder;.*/, "", n); decs[++nd] = n }
        /^extern const AVCodecParser ff_[a-z0-9_]+_parser;/ { n = $0; sub(/^extern const AVCodecParser ff_/, "", n); sub(/_parser;.*/, "", n); pars[++np] = n }
        # every media type a file mentions
        /AVMEDIA_TYPE_[A-Z]+/ { match($0, /AVMEDIA_TYPE_[A-Z]+/); t = substr($0, RSTART + 13, RLENGTH - 13); ftypes[file, t] = 1; fany[file] = 1 }
        # direct decoder definitions
        /^const FFCodec ff_[a-z0-9_]+_decoder = \{/ { cur = $0; sub(/^const FFCodec ff_/, "", cur); sub(/_decoder = \{.*/, "", cur); inb = 1 }
        inb && /AVMEDIA_TYPE_[A-Z]+/ { match($0, /AVMEDIA_TYPE_[A-Z]+/); if (!(cur in dtype)) dtype[cur] = substr($0, RSTART + 13, RLENGTH - 13) }
        inb && /^\};/ { inb = 0 }
        # parser definitions
        /^const AVCodecParser ff_[a-z0-9_]+_parser = \{/ { curp = $0; sub(/^const AVCodecParser ff_/, "", curp); sub(/_parser = \{.*/, "", curp); inp = 1 }
        inp && /AV_CODEC_ID_/ { match($0, /AV_CODEC_ID_[A-Z0-9_]+/); if (!(curp in pid)) pid[curp] = substr($0, RSTART, RLENGTH) }
        inp && /^\};/ { inp = 0 }
        END {
            for (i = 1; i <= nd; i++) {
                d = decs[i]
                if (d ~ /_at$/) continue
                if (d in dtype) { if (dtype[d] == "AUDIO") da = da (da ? "," : "") d; continue }
                nobj = split(objs[d], o, " "); audio = 0; other = 0
                for (k = 1; k <= nobj; k++) {
                    f = o[k]; sub(/\.o$/, ".c", f)
                    if (!(f in fany)) continue
                    if ((f, "AUDIO") in ftypes) audio = 1
                    if ((f, "VIDEO") in ftypes || (f, "SUBTITLE") in ftypes) other = 1
                }
                if (audio && !other) da = da (da ? "," : "") d
                else if (audio && other) print "AMBIGUOUS decoder " d > "/dev/stderr"
            }
            for (i = 1; i <= np; i++) {
                p = pars[i]
                if (!(p in pid)) { print "UNKNOWN parser " p > "/dev/stderr"; continue }
                if (idtype[pid[p]] == "AUDIO") pa = pa (pa ? "," : "") p
            }
            print da; print pa
        }' codec_desc.c Makefile *.c) || die "scanning FFmpeg sources for audio codecs failed"
    AUDIO_DECODERS=$(printf '%s\n' "$out" | sed -n 1p)
    AUDIO_PARSERS=$(printf '%s\n' "$out" | sed -n 2p)
    # Sanity: a parsing slip must not silently drop the codecs ffacm is about.
    local c
    for c in aac aac_latm ac3 eac3 mp3 mp3float mp2 flac alac opus vorbis wmav2 pcm_s16le adpcm_ms adpcm_ima_wav gsm_ms truehd dca; do
        case ",$AUDIO_DECODERS," in *",$c,"*) ;; *) die "audio decoder list lacks '$c'";; esac
    done
    for c in aac ac3 mpegaudio flac opus vorbis; do
        case ",$AUDIO_PARSERS," in *",$c,"*) ;; *) die "audio parser list lacks '$c'";; esac
    done
    case ",$AUDIO_DECODERS," in *",h264,"*|*",mpeg4,"*) die "audio decoder list contains video decoders";; esac
}

build_ffmpeg() {
    local name=$FFMPEG_SRCPKG b t=$SECONDS
    if is_done "$name"; then log "$name: already built"; return 0; fi
    fetch_unpack FFMPEG
    gen_ffmpeg_components "$SRCDIR"
    log "ffmpeg: $(tr ',' '\n' <<<"$AUDIO_DECODERS" | wc -l) audio decoders, $(tr ',' '\n' <<<"$AUDIO_PARSERS" | wc -l) audio parsers"
    b=$BLD/$name
    rm -rf "$b"; mkdir -p "$b"
    # FFmpeg's configure takes its flags on the command line, not from env.
    unset CPPFLAGS LDFLAGS CFLAGS
    FFMPEG_CONFIGURE=("$SRCDIR/configure" "${FFMPEG_FLAGS[@]}"
        --enable-decoder="$AUDIO_DECODERS" --enable-parser="$AUDIO_PARSERS")
    log "ffmpeg: configure + make (log: $b/build.log)"
    (cd "$b" && run_logged "$b/build.log" "${FFMPEG_CONFIGURE[@]}")
    # configure only warns about unknown component names and silently drops
    # components whose dependencies are missing: check every encoder we asked
    # for, and the core decoders, really made it in.
    local e
    for e in ${FFMPEG_ENCODERS//,/ }; do
        grep -q "^#define CONFIG_$(tr '[:lower:]' '[:upper:]' <<<"$e")_ENCODER 1" "$b/config_components.h" \
            || die "ffmpeg configure did not enable the $e encoder (see $b/ffbuild/config.log)"
    done
    for e in aac ac3 eac3 mp3float flac opus vorbis wmav2; do
        grep -q "^#define CONFIG_$(tr '[:lower:]' '[:upper:]' <<<"$e")_DECODER 1" "$b/config_components.h" \
            || die "ffmpeg configure did not enable the $e decoder (see $b/ffbuild/config.log)"
    done
    # libgsm's header is found as <gsm/gsm.h> (libgsmenc.c includes whichever
    # configure found; gsm.h is not installed, so nothing can pick up a stray one).
    grep -q "^#define HAVE_GSM_H 0" "$b/config.h" \
        || die "ffmpeg configure found a gsm.h other than our gsm/gsm.h (see $b/ffbuild/config.log)"
    run_logged "$b/build.log" make -C "$b" -j"$JOBS"
    run_logged "$b/build.log" make -C "$b" install
    echo "$HASH" > "$(done_marker "$name")"
    log "ffmpeg: done in $((SECONDS - t))s"
}

log "building into $PREFIX (jobs: $JOBS)"
build_autotools OGG ${OGG_FLAGS[@]+"${OGG_FLAGS[@]}"}
build_autotools VORBIS "${VORBIS_FLAGS[@]}"
build_autotools LAME "${LAME_FLAGS[@]}"
build_autotools OPUS "${OPUS_FLAGS[@]}"
build_libgsm
build_ffmpeg

# Drop libtool archives: they hard-code absolute paths and nothing needs them.
rm -f "$PREFIX"/lib/*.la
# FFmpeg writes absolute -L paths into its .pc files. Rewrite every mention of
# the prefix as ${prefix} so the tree can be moved or cached elsewhere;
# cmake/ffacm_ffmpeg.cmake passes --define-prefix so pkg-config derives the
# prefix from where the .pc file actually is.
for pc in "$PREFIX"/lib/pkgconfig/*.pc; do
    sed -i -e "/^prefix=/!s|$PREFIX|\${prefix}|g" "$pc"
done

{
    echo "$HASH"
    echo "# ffacm third_party deps for $ARCH, built $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    for p in $FFACM_DEP_ORDER; do echo "# $(pkgvar "$p" SRCPKG) $(pkgvar "$p" VERSION)"; done
    echo "# ffmpeg configure:${FFMPEG_CONFIGURE[*]+ ${FFMPEG_CONFIGURE[*]}}"
} > "$STAMP"

log "done: $PREFIX ($(du -sh "$PREFIX" | cut -f1)), total time $((SECONDS - T0))s"

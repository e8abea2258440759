# shellcheck shell=bash disable=SC2034  # used by build.sh, partly through indirection
# Pinned third-party sources for ffacm. Sourced by third_party/build.sh.
#
# Everything is fetched at build time with `apt-get source --download-only`
# from Debian's archive (no upstream source is vendored into this repo).
# The sha256 values are the orig tarballs' Checksums-Sha256 entries from
# `apt-cache showsrc NAME` (Debian 12 "bookworm"); build.sh re-verifies them
# so a changed mirror or a corrupt cache fails loudly instead of silently
# building something else.
#
# Changing anything here changes the stamp hash, so build.sh rebuilds.
#
# Per package: <P>_SRCPKG (Debian source package), <P>_VERSION (Debian
# version, with epoch, as apt-get wants it), <P>_UPSTREAM (upstream version,
# names the tarball and its top-level directory), <P>_ORIG (orig tarball
# file name), <P>_SHA256.

FFMPEG_SRCPKG=ffmpeg
FFMPEG_VERSION='7:5.1.9-0+deb12u1'
FFMPEG_UPSTREAM=5.1.9
FFMPEG_ORIG=ffmpeg_5.1.9.orig.tar.xz
FFMPEG_SHA256=d9b593bb2ba93d4b50f74177e0cdcd41747e708596367deed0c30348a71dd176

LAME_SRCPKG=lame
LAME_VERSION='3.100-6'
LAME_UPSTREAM=3.100
LAME_ORIG=lame_3.100.orig.tar.gz
LAME_SHA256=ddfe36cab873794038ae2c1210557ad34857a4b6bdc515785d1da9e175b1da1e

OPUS_SRCPKG=opus
OPUS_VERSION='1.3.1-3'
OPUS_UPSTREAM=1.3.1
OPUS_ORIG=opus_1.3.1.orig.tar.gz
OPUS_SHA256=65b58e1e25b2a114157014736a3d9dfeaad8d41be1c8179866f144a2fb44ff9d

OGG_SRCPKG=libogg
OGG_VERSION='1.3.5-3'
OGG_UPSTREAM=1.3.5
OGG_ORIG=libogg_1.3.5.orig.tar.xz
OGG_SHA256=c4d91be36fc8e54deae7575241e03f4211eb102afb3fc0775fbbc1b740016705

VORBIS_SRCPKG=libvorbis
VORBIS_VERSION='1.3.7-1'
VORBIS_UPSTREAM=1.3.7
VORBIS_ORIG=libvorbis_1.3.7.orig.tar.gz
VORBIS_SHA256=0e982409a9c3fc82ee06e08205b1355e5c6aa4c36bca58146ef399621b0ce5ab

# libgsm (GSM 06.10, Jutta Degener & Carsten Bormann): the library behind FFmpeg's libgsm_ms
# encoder (FFmpeg has no native GSM encoder). Upstream 1.0-pl22; the tarball's top directory
# is gsm-1.0-pl22. Built from its plain Makefile, see build_libgsm in build.sh.
GSM_SRCPKG=libgsm
GSM_VERSION='1.0.22-1'
GSM_UPSTREAM=1.0.22
GSM_ORIG=libgsm_1.0.22.orig.tar.gz
GSM_SHA256=f0072e91f6bb85a878b2f6dbf4a0b7c850c4deb8049d554c65340b3bf69df0ac

# Build order: FFmpeg's configure probes the other five, and libvorbis
# needs libogg.
FFACM_DEP_ORDER='OGG VORBIS LAME OPUS GSM FFMPEG'

#!/usr/bin/env python3
"""Rewrap the data of a compressed WAV into a constant-bitrate AVI for the host tests.

usage: make_host_avi.py IN.wav OUT.avi --chunk BYTES [--block-align N]

The AVI has the classic Video for Windows CBR audio layout (dwSampleSize = dwScale =
nBlockAlign, dwRate = nAvgBytesPerSec), which is what Wine's avifil32 can read, and the
same bytes as the WAV cut into chunks of BYTES (rounded down to nBlockAlign): a splitter
hands each chunk over as one media sample.  The payload is unchanged, so FFmpeg's decode
of the WAV stays the reference.  --block-align overrides nBlockAlign in the strf (e.g. 1
for MP3, as VirtualDub writes it; FFmpeg's WAV muxer puts 1152 there, which would make a
CBR reader drop the last partial "sample").
"""
import argparse
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tools'))
import riff  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('wav')
    ap.add_argument('avi')
    ap.add_argument('--chunk', type=int, required=True)
    ap.add_argument('--block-align', type=int)
    a = ap.parse_args()
    fmt, data = riff.read_wav(a.wav)
    fmt = bytearray(fmt)
    if a.block_align is not None:
        struct.pack_into('<H', fmt, 12, a.block_align)
    info = riff.parse_wfx(bytes(fmt))
    align = info['block_align'] or 1
    chunk = max(align, a.chunk // align * align)
    if len(data) % align:
        sys.exit('%s: %d data bytes are not a multiple of nBlockAlign %d' % (a.wav, len(data), align))
    packets = [data[i:i + chunk] for i in range(0, len(data), chunk)]
    riff.write_avi(a.avi, bytes(fmt), packets)
    print('%s: tag=0x%04X align=%d avg=%d chunks=%d bytes=%d' % (
        a.avi, info['tag'], align, info['avg_bytes'], len(packets), len(data)))


if __name__ == '__main__':
    main()

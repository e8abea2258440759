#!/usr/bin/env python3
"""Compare a raw s16le reference decode with a decoded 16-bit PCM WAV.

usage: compare_pcm.py REF.s16 OUT.wav [--channels N] [--tolerance K]

REF.s16 is raw interleaved signed 16-bit little-endian PCM (as written by
make_media.sh).  OUT.wav is the driver's output, a 16-bit PCM WAV (tag 1,
or WAVE_FORMAT_EXTENSIBLE with the PCM subformat); a file that does not
start with 'RIFF' is taken as raw s16le too, which is handy for
ref-vs-ref checks.

--channels N   channel count of REF (default: the WAV's; 2 for raw OUT).
               If the WAV says otherwise the comparison fails.
--tolerance K  maximum allowed |ref - out| per sample (default 0; the
               word 'exact' means 0, as in manifest.tsv).

Prints one line
    frames ref=R out=O maxdiff=D first_mismatch_frame=F
(F is -1 when nothing differs) and exits 0 only if R == O and D <= K.
Exit status 1 = mismatch, 2 = usage or file format error.
"""

import argparse
import array
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import riff   # noqa: E402

# Samples compared per block; equal blocks are skipped with one bytes
# comparison, so only blocks that differ are walked sample by sample.
BLOCK = 4096


class FormatError(Exception):
    """Input is not what the comparison needs (exit status 2)."""


def load_pcm(raw):
    """bytes of s16le -> array('h') in native order."""
    if len(raw) & 1:
        raw = raw[:-1]           # a stray odd byte is not a sample
    pcm = array.array('h')
    pcm.frombytes(raw)
    if sys.byteorder == 'big':
        pcm.byteswap()
    return pcm


def read_out(path):
    """Return (s16le bytes, channels or None) of the decoded output."""
    with open(path, 'rb') as f:
        magic = f.read(4)
    if magic not in (b'RIFF', b'RF64'):
        with open(path, 'rb') as f:
            return f.read(), None
    fmt, data = riff.read_wav(path)
    info = riff.parse_wfx(fmt)
    if riff.effective_tag(info) != riff.WAVE_FORMAT_PCM or info['bits'] != 16:
        raise FormatError('%s: not 16-bit PCM (tag 0x%04X, %d bits)'
                          % (path, info['tag'], info['bits']))
    return data, info['channels']


def first_mismatch(ref, out, n, tol):
    """(maxdiff, first sample index with |diff| > tol or -1) over n samples.

    Only blocks whose bytes differ are scanned; for tol == 0 an equal
    block can't contain a mismatch, and for tol > 0 an equal block has
    diff 0 anyway.
    """
    maxdiff, first = 0, -1
    for start in range(0, n, BLOCK):
        end = min(n, start + BLOCK)
        a, b = ref[start:end], out[start:end]
        if a == b:
            continue
        for i, (x, y) in enumerate(zip(a, b)):
            d = abs(x - y)
            if d > maxdiff:
                maxdiff = d
            if d > tol and first < 0:
                first = start + i
    return maxdiff, first


def compare(ref_bytes, out_bytes, channels, tol):
    """Return (ref_frames, out_frames, maxdiff, first_mismatch_frame)."""
    frame = 2 * channels
    ref_frames = len(ref_bytes) // frame
    out_frames = len(out_bytes) // frame
    n_frames = min(ref_frames, out_frames)
    n = n_frames * channels
    # Fast exact path: identical overlap means no sample walk at all.
    if ref_bytes[:n * 2] == out_bytes[:n * 2]:
        maxdiff, first = 0, -1
    else:
        maxdiff, first = first_mismatch(load_pcm(ref_bytes[:n * 2]),
                                        load_pcm(out_bytes[:n * 2]), n, tol)
        if first >= 0:
            first //= channels
    if first < 0 and ref_frames != out_frames:
        first = n_frames        # the first frame only one side has
    return ref_frames, out_frames, maxdiff, first


def parse_args(argv):
    p = argparse.ArgumentParser(
        description='Compare a raw s16le reference with a 16-bit PCM WAV.')
    p.add_argument('ref')
    p.add_argument('out')
    p.add_argument('--channels', type=int, default=None)
    p.add_argument('--tolerance', default='0',
                   help="max |diff| per sample, or 'exact' (= 0)")
    args = p.parse_args(argv)
    if args.tolerance == 'exact':
        args.tolerance = 0
    try:
        args.tolerance = int(args.tolerance)
    except ValueError:
        p.error('--tolerance must be an integer or "exact"')
    if args.channels is not None and args.channels < 1:
        p.error('--channels must be >= 1')
    return args


def main(argv):
    args = parse_args(argv)
    try:
        with open(args.ref, 'rb') as f:
            ref_bytes = f.read()
        out_bytes, out_channels = read_out(args.out)
        channels = args.channels or out_channels or 2
        if out_channels is not None and out_channels != channels:
            print('channel mismatch: ref=%d out=%d' % (channels, out_channels))
            return 1
    except (OSError, ValueError, FormatError) as e:
        sys.stderr.write('compare_pcm.py: %s\n' % e)
        return 2
    ref_frames, out_frames, maxdiff, first = compare(
        ref_bytes, out_bytes, channels, args.tolerance)
    print('frames ref=%d out=%d maxdiff=%d first_mismatch_frame=%d'
          % (ref_frames, out_frames, maxdiff, first))
    ok = ref_frames == out_frames and maxdiff <= args.tolerance
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Seed corpora for the fuzzers, made from the test media's .pkt files.

usage: make_seeds.py MEDIA_DIR OUT_DIR

OUT_DIR/wavefmt/<name>: each file's source WAVEFORMATEX in fuzz_wavefmt's layout.
OUT_DIR/encode/rowNN_I: a chirp in 16-bit PCM for table row NN, standard format I.
OUT_DIR/decode/<name>.*: the format and the first KBs of the stream in fuzz_decode's layout
(see the comment at the top of fuzz_decode.c), cut the ways real hosts cut it: one packet
per call for AVI packets; 4096-byte chunks with STREAM_SIZE output (VirtualDub-like, with
START and END); 417-byte chunks with carried input and small output buffers (the ACM
Wrapper's loop).
"""
import math
import os
import struct
import sys

STREAM_BYTES = 24 * 1024
MAX_PACKETS = 24
CTL_START, CTL_END, CTL_BLOCKALIGN, CTL_CARRY, CTL_SIZE_SOURCE = 1, 2, 4, 8, 16


def read_pkt(path):
    with open(path, 'rb') as f:
        b = f.read()
    assert b[:4] == b'FFPK', path
    (fmt_size,) = struct.unpack_from('<I', b, 4)
    fmt = b[8:8 + fmt_size]
    pos = 8 + fmt_size
    kind, count = struct.unpack_from('<II', b, pos)
    pos += 8
    records = []
    for _ in range(count):
        (n,) = struct.unpack_from('<I', b, pos)
        pos += 4
        records.append(b[pos:pos + n])
        pos += n
    return fmt, kind, records


def call(ctl, chunk, out_size):
    return struct.pack('<BHH', ctl, len(chunk), out_size) + chunk


def decode_seed(fmt, calls, choice=0):
    return struct.pack('<BH', choice, len(fmt)) + fmt + b''.join(calls)


def wavefmt_seed(fmt):
    # mode 0xFF keeps the file's tag; no suggest flags; SOURCE/DESTINATION sizes; open it.
    return struct.pack('<BIHHIHIIB', 0xFF, 0, 0, 0, 0, 0, 4096, 65536, 1) + fmt


def chunks(data, size):
    return [data[i:i + size] for i in range(0, len(data), size)]


def main(media, out):
    os.makedirs(os.path.join(out, 'wavefmt'), exist_ok=True)
    os.makedirs(os.path.join(out, 'decode'), exist_ok=True)
    with open(os.path.join(media, 'manifest.tsv')) as f:
        names = [line.split('\t')[0] for line in f if not line.startswith('name\t')]
    written = 0
    for name in names:
        fmt, kind, records = read_pkt(os.path.join(media, name + '.pkt'))
        seeds = {}
        if kind == 1:
            packets = records[:MAX_PACKETS]
            calls = [call((CTL_START if i == 0 else 0) | CTL_SIZE_SOURCE, p, 0) for i, p in enumerate(packets)]
            calls.append(call(CTL_END, b'', 65535))
            seeds['packets'] = decode_seed(fmt, calls)
            seeds['packets_s24'] = decode_seed(fmt, calls, choice=2)
        else:
            data = records[0][:STREAM_BYTES] if records else b''
            vdub = [call((CTL_START if i == 0 else 0) | CTL_BLOCKALIGN | CTL_CARRY | CTL_SIZE_SOURCE, c, 0)
                    for i, c in enumerate(chunks(data, 4096))]
            vdub.append(call(CTL_END | CTL_BLOCKALIGN, b'', 65535))
            seeds['vdub'] = decode_seed(fmt, vdub)
            wrapper = [call(CTL_CARRY, c, 8192) for c in chunks(data[:8192], 417)]
            seeds['wrapper'] = decode_seed(fmt, wrapper, choice=7)
        for kind_name, seed in seeds.items():
            with open(os.path.join(out, 'decode', '%s.%s' % (name, kind_name)), 'wb') as f:
                f.write(seed)
            written += 1
        with open(os.path.join(out, 'wavefmt', name), 'wb') as f:
            f.write(wavefmt_seed(fmt))
        written += 1
    # Encoders: every row byte with standard format 0 and a second grid point, 16-bit PCM
    # (a chirp) in 4096-byte calls with START first and END last.
    os.makedirs(os.path.join(out, 'encode'), exist_ok=True)
    pcm = b''.join(struct.pack('<h', int(12000 * math.sin(0.0004 * i * i % 6.283))) for i in range(12288))
    for row in range(48):
        for index in (0, 5):
            calls = [call((CTL_START if i == 0 else 0) | CTL_SIZE_SOURCE, c, 0) for i, c in enumerate(chunks(pcm, 4096))]
            calls.append(call(CTL_END, b'', 65535))
            seed = struct.pack('<BHB', row, index, 0) + b''.join(calls)
            with open(os.path.join(out, 'encode', 'row%02d_%d' % (row, index)), 'wb') as f:
                f.write(seed)
            written += 1
    print('%d seeds in %s' % (written, out))
    return 0 if written else 1


if __name__ == '__main__':
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))

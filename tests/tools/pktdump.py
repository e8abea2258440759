#!/usr/bin/env python3
"""Write a WAV or AVI's source format and payload as a .pkt file for the native tests.

The native (Linux) unit tests drive the stream adapter directly and have no RIFF reader of
their own; this flattens what an ACM host would hand the driver into one simple file:

    b'FFPK', u32 fmt_size, fmt bytes, u32 kind (0 = byte stream, 1 = packets),
    u32 count, then count x (u32 size, bytes)

A WAV's data chunk is one record (a byte stream the test re-chunks); an AVI gives one record
per audio chunk (one packet per ACM call), empty chunks included.
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import riff  # noqa: E402


def dump(src, dst):
    with open(src, 'rb') as f:
        form = f.read(12)[8:12]
    if form == b'AVI ':
        fmt, packets, _ = riff.read_avi(src)
        kind, records = 1, packets
    else:
        fmt, data = riff.read_wav(src)
        kind, records = 0, [data]
    with open(dst, 'wb') as out:
        out.write(b'FFPK' + struct.pack('<I', len(fmt)) + fmt)
        out.write(struct.pack('<II', kind, len(records)))
        for r in records:
            out.write(struct.pack('<I', len(r)) + r)


def main(argv):
    if len(argv) < 3 or len(argv) % 2 == 0:
        print('usage: pktdump.py IN OUT [IN OUT ...]', file=sys.stderr)
        return 2
    for i in range(1, len(argv), 2):
        dump(argv[i], argv[i + 1])
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))

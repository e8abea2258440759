#!/usr/bin/env python3
"""Turn a .pkt file (see pktdump.py) back into the RIFF file a host would write.

    pkt2riff.py IN.pkt OUT.wav|OUT.avi [SAMPLES_PER_PACKET]

A byte stream (kind 0) becomes a WAV whose data is all records in order; packets (kind 1)
become an AVI with one audio chunk per record, which is how an AVI writer stores the output
of one convert call.  The native encoder tests use it to hand ffacm's output to Debian's
ffmpeg.
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import riff  # noqa: E402


def read_pkt(path):
    with open(path, 'rb') as f:
        buf = f.read()
    if buf[:4] != b'FFPK':
        raise ValueError('%s: not a .pkt file' % path)
    (fmt_size,) = struct.unpack_from('<I', buf, 4)
    fmt = buf[8:8 + fmt_size]
    pos = 8 + fmt_size
    kind, count = struct.unpack_from('<II', buf, pos)
    pos += 8
    records = []
    for _ in range(count):
        (n,) = struct.unpack_from('<I', buf, pos)
        records.append(buf[pos + 4:pos + 4 + n])
        pos += 4 + n
    return fmt, kind, records


def main(argv):
    if len(argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    fmt, kind, records = read_pkt(argv[1])
    if argv[2].endswith('.avi'):
        spp = int(argv[3]) if len(argv) > 3 else 1024
        riff.write_avi(argv[2], fmt, [r for r in records if r], samples_per_packet=spp)
    else:
        riff.write_wav(argv[2], fmt, b''.join(records))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))

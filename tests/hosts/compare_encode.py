#!/usr/bin/env python3
"""Compare FFmpeg's decode of an encoded file with the PCM that went in.

usage: compare_encode.py SRC.wav DECODED.s16 lossless|FLOOR_DB MAX_MISSING

SRC.wav is 16-bit PCM; DECODED.s16 raw s16le with the same rate and channels.
lossless: DECODED must be SRC's first frames, bit for bit.  FLOOR_DB: a lossy
codec; the decode is aligned with SRC by its delay (cross-correlation of the
first channel) and the signal-to-noise ratio over everything both hold must
reach FLOOR_DB, so a repeated or skipped stretch of input fails.  Either way at
most MAX_MISSING frames of SRC may be missing at the end (the encoder's tail,
when the host never sends END) and nothing may come out beyond SRC plus the
delay and one frame of padding (2304).

Prints one line "frames src=S out=O delay=D missing=M snr=X" and exits 0 when
it passes, 1 when not, 2 on bad input.
"""

import array
import math
import sys
import wave


def main():
    if len(sys.argv) != 5:
        print(__doc__.strip().splitlines()[2])
        return 2
    with wave.open(sys.argv[1], 'rb') as w:
        ch = w.getnchannels()
        if w.getsampwidth() != 2:
            print('SRC must be 16-bit PCM')
            return 2
        src = array.array('h', w.readframes(w.getnframes()))
    out = array.array('h')
    with open(sys.argv[2], 'rb') as f:
        data = f.read()
    out.frombytes(data[:len(data) - len(data) % (2 * ch)])
    if sys.byteorder != 'little':
        src.byteswap()
        out.byteswap()
    n_src, n_out = len(src) // ch, len(out) // ch
    lossless = sys.argv[3] == 'lossless'
    max_missing = int(sys.argv[4])
    delay, snr = 0, float('inf')
    ok = n_out > 0
    if lossless:
        ok = ok and n_out <= n_src and out.tobytes() == src[:len(out)].tobytes()
    elif ok:
        # The delay: the lag with the best normalised correlation over a window of the
        # first channel (the test signal's level varies, so raw dot products mislead).
        start, win, best = min(8192, n_src // 4), 2048, None
        a = src[start * ch:(start + win) * ch:ch]
        for lag in range(0, 3000):
            b = out[(start + lag) * ch:(start + lag + win) * ch:ch]
            if len(b) < len(a):
                break
            energy = sum(y * y for y in b)
            score = sum(x * y for x, y in zip(a, b)) / math.sqrt(energy) if energy else 0
            if best is None or score > best:
                best, delay = score, lag
        sig = err = 0.0
        m = min(n_src, n_out - delay) * ch
        for i in range(m):
            x, y = src[i], out[i + delay * ch]
            sig += x * x
            err += (x - y) * (x - y)
        snr = 10 * math.log10(sig / err) if err else float('inf')
        ok = snr >= float(sys.argv[3])
    missing = n_src - (n_out - delay)
    ok = ok and 0 <= missing + 2304 and missing <= max_missing
    print(f'frames src={n_src} out={n_out} delay={delay} missing={missing} snr={snr:.1f}')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())

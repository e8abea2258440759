#!/usr/bin/env python3
"""Minimal RIFF WAV / AVI reader and writer for the ffacm test suite.

Python 3 standard library only.  The goal is not to be a general purpose
container library but to give the tests precise control over the bytes
that reach the ACM driver: the exact WAVEFORMATEX (including sloppy or
unusual headers) and the exact packet boundaries.

Library API
-----------
    read_wav(path)  -> (fmt_bytes, data_bytes)
    read_avi(path)  -> (strf_bytes, [packet_bytes, ...], strh_info_dict)
    write_wav(path, fmt_bytes, data_bytes, fact_samples=None)
    write_avi(path, fmt_bytes, packets, samples_per_packet=None)
    wfx(tag, channels, rate, avg_bytes, block_align, bits, extra=b'')
    wfx_extensible(channels, rate, avg_bytes, block_align, bits,
                   valid_bits, channel_mask, subformat, extra=b'')
    parse_wfx(fmt_bytes) -> dict
    heaac_wave_info(payload_type, asc, profile_level=0xFE) -> extra bytes

CLI
---
    riff.py info FILE      print the format fields and the data/packet sizes
"""

import struct
import sys

WAVE_FORMAT_PCM = 0x0001
WAVE_FORMAT_IEEE_FLOAT = 0x0003
WAVE_FORMAT_EXTENSIBLE = 0xFFFE

# AVI index flag: every audio chunk is a random access point.
AVIIF_KEYFRAME = 0x10
# avih.dwFlags: the file has an idx1 index / chunks are interleaved.
AVIF_HASINDEX = 0x10
AVIF_ISINTERLEAVED = 0x100

# Tail of the KSDATAFORMAT_SUBTYPE_* GUIDs built from a 16-bit format tag:
# {0000TTTT-0000-0010-8000-00AA00389B71}.
_KSDATAFORMAT_TAIL = b'\x80\x00\x00\xaa\x00\x38\x9b\x71'


# --------------------------------------------------------------------------
# Generic RIFF chunk walking
# --------------------------------------------------------------------------

def iter_chunks(buf, start, end):
    """Yield (fourcc, data_offset, data_size) for each chunk in buf[start:end].

    Chunk data is padded to an even length (the pad byte is not counted in
    the size field).  A size that runs past `end` is clamped: files written
    to a pipe or truncated downloads often carry a bogus final size, and a
    reader used for tests should still show what is there.
    """
    pos = start
    while pos + 8 <= end:
        fourcc = buf[pos:pos + 4]
        size = struct.unpack_from('<I', buf, pos + 4)[0]
        data = pos + 8
        if size > end - data:
            size = end - data
        yield fourcc, data, size
        pos = data + size + (size & 1)


def _list_type(buf, data, size):
    """Return the 4-byte form type of a RIFF/LIST chunk body (or b'')."""
    return buf[data:data + 4] if size >= 4 else b''


def _read_file(path):
    with open(path, 'rb') as f:
        return f.read()


def _riff_form(buf):
    """Return the RIFF form type ('WAVE', 'AVI ') or raise ValueError."""
    if len(buf) < 12 or buf[:4] not in (b'RIFF', b'RF64'):
        raise ValueError('not a RIFF file')
    return buf[8:12]


# --------------------------------------------------------------------------
# WAVEFORMATEX helpers
# --------------------------------------------------------------------------

def wfx(tag, channels, rate, avg_bytes, block_align, bits, extra=b''):
    """Build a WAVEFORMATEX: 18 bytes + extra, cbSize = len(extra)."""
    return struct.pack('<HHIIHHH', tag, channels, rate, avg_bytes,
                       block_align, bits, len(extra)) + bytes(extra)


def guid_from_tag(tag):
    """KSDATAFORMAT_SUBTYPE GUID (16 bytes, Windows byte order) for a tag."""
    return struct.pack('<IHH', tag, 0x0000, 0x0010) + _KSDATAFORMAT_TAIL


def wfx_extensible(channels, rate, avg_bytes, block_align, bits,
                   valid_bits, channel_mask, subformat, extra=b''):
    """Build a WAVEFORMATEXTENSIBLE (tag 0xFFFE) followed by `extra`.

    `subformat` is either a 16-byte GUID or an int format tag, which is
    turned into the standard KSDATAFORMAT_SUBTYPE GUID.
    cbSize = 22 + len(extra).
    """
    if isinstance(subformat, int):
        subformat = guid_from_tag(subformat)
    if len(subformat) != 16:
        raise ValueError('subformat GUID must be 16 bytes')
    ext = struct.pack('<HI', valid_bits, channel_mask) + subformat + extra
    return wfx(WAVE_FORMAT_EXTENSIBLE, channels, rate, avg_bytes,
               block_align, bits, ext)


def parse_wfx(fmt):
    """Decode a WAVEFORMAT(EX) into a dict.

    Handles the 14-byte WAVEFORMAT and 16-byte PCMWAVEFORMAT (no cbSize)
    that old files use; 'extra' is the cbSize bytes actually present.
    """
    if len(fmt) < 14:
        raise ValueError('fmt chunk too short (%d bytes)' % len(fmt))
    tag, ch, rate, avg, align = struct.unpack_from('<HHIIH', fmt, 0)
    bits = struct.unpack_from('<H', fmt, 14)[0] if len(fmt) >= 16 else 0
    cb = struct.unpack_from('<H', fmt, 16)[0] if len(fmt) >= 18 else 0
    info = dict(tag=tag, channels=ch, rate=rate, avg_bytes=avg,
                block_align=align, bits=bits, cb_size=cb,
                extra=bytes(fmt[18:18 + cb]))
    if tag == WAVE_FORMAT_EXTENSIBLE and len(info['extra']) >= 22:
        vb, mask = struct.unpack_from('<HI', info['extra'], 0)
        info.update(valid_bits=vb, channel_mask=mask,
                    subformat=info['extra'][6:22])
    return info


def effective_tag(info):
    """Format tag, looking through WAVE_FORMAT_EXTENSIBLE when possible."""
    sub = info.get('subformat')
    if sub is not None and sub[4:] == guid_from_tag(0)[4:]:
        return struct.unpack_from('<I', sub, 0)[0] & 0xFFFF
    return info['tag']


def heaac_wave_info(payload_type, asc, profile_level=0xFE):
    """Extra bytes for a HEAACWAVEFORMAT (tag 0x1610).

    12-byte HEAACWAVEINFO remainder (wPayloadType, wAudioProfileLevel-
    Indication, wStructType=0, wReserved1=0, dwReserved2=0) followed by the
    AudioSpecificConfig.  payload_type: 0 raw, 1 ADTS, 2 ADIF, 3 LOAS.
    """
    return struct.pack('<HHHHI', payload_type, profile_level, 0, 0, 0) + \
        bytes(asc)


# --------------------------------------------------------------------------
# WAV
# --------------------------------------------------------------------------

def read_wav_chunks(path):
    """Return {'fmt': bytes, 'data': bytes, 'fact': int|None} for a WAV."""
    buf = _read_file(path)
    if _riff_form(buf) != b'WAVE':
        raise ValueError('%s: not a WAVE file' % path)
    # Walk to the end of the file, not the RIFF size: some writers leave
    # 0 or 0xFFFFFFFF there (streamed output).
    out = {'fmt': None, 'data': None, 'fact': None}
    for fourcc, data, size in iter_chunks(buf, 12, len(buf)):
        if fourcc == b'fmt ' and out['fmt'] is None:
            out['fmt'] = bytes(buf[data:data + size])
        elif fourcc == b'data' and out['data'] is None:
            out['data'] = bytes(buf[data:data + size])
        elif fourcc == b'fact' and size >= 4:
            out['fact'] = struct.unpack_from('<I', buf, data)[0]
        # LIST/INFO, JUNK, PAD, bext, ... are skipped.
    if out['fmt'] is None or out['data'] is None:
        raise ValueError('%s: missing fmt or data chunk' % path)
    return out


def read_wav(path):
    """Return (fmt_bytes, data_bytes) of a RIFF WAVE file."""
    c = read_wav_chunks(path)
    return c['fmt'], c['data']


def _chunk(fourcc, payload):
    """Serialise one RIFF chunk, padding odd payloads to an even length."""
    pad = b'\0' if len(payload) & 1 else b''
    return fourcc + struct.pack('<I', len(payload)) + payload + pad


def _needs_fact(fmt):
    """Every non-PCM WAV should carry a 'fact' chunk (RIFF spec)."""
    info = parse_wfx(fmt)
    return effective_tag(info) != WAVE_FORMAT_PCM


def write_wav(path, fmt, data, fact_samples=None):
    """Write a WAV with the given raw fmt bytes and data bytes.

    For non-PCM tags a 'fact' chunk is added holding `fact_samples`
    (sample frames per channel; 0 when unknown — FFmpeg ignores 0).
    """
    body = b'WAVE' + _chunk(b'fmt ', bytes(fmt))
    if _needs_fact(fmt):
        body += _chunk(b'fact', struct.pack('<I', fact_samples or 0))
    body += _chunk(b'data', bytes(data))
    with open(path, 'wb') as f:
        f.write(b'RIFF' + struct.pack('<I', len(body)) + body)


# --------------------------------------------------------------------------
# AVI
# --------------------------------------------------------------------------

_STRH_FIELDS = ('fccType', 'fccHandler', 'dwFlags', 'wPriority', 'wLanguage',
                'dwInitialFrames', 'dwScale', 'dwRate', 'dwStart',
                'dwLength', 'dwSuggestedBufferSize', 'dwQuality',
                'dwSampleSize')
_STRH_FMT = '<4s4sIHHIIIIIIII'   # 48 bytes, rcFrame (8 bytes) follows


def _parse_strh(raw):
    vals = struct.unpack_from(_STRH_FMT, raw + b'\0' * 56, 0)
    return dict(zip(_STRH_FIELDS, vals))


def _parse_hdrl(buf, data, size):
    """Return a list of (strh_dict, strf_bytes) from a LIST hdrl body."""
    streams = []
    for fourcc, d, s in iter_chunks(buf, data + 4, data + size):
        if fourcc != b'LIST' or _list_type(buf, d, s) != b'strl':
            continue
        strh, strf = None, None
        for f2, d2, s2 in iter_chunks(buf, d + 4, d + s):
            if f2 == b'strh':
                strh = _parse_strh(bytes(buf[d2:d2 + s2]))
            elif f2 == b'strf':
                strf = bytes(buf[d2:d2 + s2])
        streams.append((strh, strf))
    return streams


def _collect_movi(buf, data, end, ckid, out):
    """Append the payload of every `ckid` chunk inside a movi body.

    Recurses into LIST 'rec ' groups; skips OpenDML 'ix##' indexes and
    JUNK.  File order is kept.
    """
    for fourcc, d, s in iter_chunks(buf, data, end):
        if fourcc == ckid:
            out.append(bytes(buf[d:d + s]))
        elif fourcc == b'LIST' and _list_type(buf, d, s) == b'rec ':
            _collect_movi(buf, d + 4, d + s, ckid, out)


def read_avi(path):
    """Return (strf_bytes, packets, strh_info) for the first audio stream.

    strh_info is the strh fields as a dict plus 'stream_index'.  Packets
    come from 'LIST movi' of the 'AVI ' RIFF and of any following OpenDML
    'AVIX' RIFFs, in file order.
    """
    buf = _read_file(path)
    if _riff_form(buf) != b'AVI ':
        raise ValueError('%s: not an AVI file' % path)
    streams, strf, strh, ckid = None, None, None, None
    packets = []
    # Top level: 'RIFF AVI ' followed by zero or more 'RIFF AVIX'.
    for fourcc, rdata, rsize in iter_chunks(buf, 0, len(buf)):
        if fourcc not in (b'RIFF', b'RF64'):
            continue
        form = _list_type(buf, rdata, rsize)
        if form not in (b'AVI ', b'AVIX'):
            continue
        for f2, d2, s2 in iter_chunks(buf, rdata + 4, rdata + rsize):
            if f2 != b'LIST':
                continue
            ltype = _list_type(buf, d2, s2)
            if ltype == b'hdrl' and streams is None:
                streams = _parse_hdrl(buf, d2, s2)
                for idx, (h, f) in enumerate(streams):
                    if h and h['fccType'] == b'auds':
                        strh = dict(h, stream_index=idx)
                        strf = f
                        ckid = b'%02dwb' % idx
                        break
                if ckid is None:
                    raise ValueError('%s: no audio stream' % path)
            elif ltype == b'movi' and ckid is not None:
                _collect_movi(buf, d2 + 4, d2 + s2, ckid, packets)
    if strf is None:
        raise ValueError('%s: no hdrl/strf found' % path)
    return strf, packets, strh


def write_avi(path, fmt, packets, samples_per_packet=None):
    """Write a minimal AVI 1.0 file holding one audio stream (stream 0).

    Two layouts:
      * samples_per_packet given (VBR, one packet per chunk, e.g. AAC,
        Opus, Vorbis): dwScale = samples_per_packet, dwRate = sample
        rate, dwSampleSize = 0, dwLength = number of chunks.  Demuxers
        then treat every chunk as one packet.
      * samples_per_packet None (CBR byte stream): dwScale = nBlockAlign,
        dwRate = nAvgBytesPerSec, dwSampleSize = nBlockAlign, dwLength =
        total bytes / nBlockAlign (the classic Video for Windows layout;
        dwRate must then be bytes/s, not the sample rate).
    Chunks are '00wb'; idx1 marks every chunk AVIIF_KEYFRAME with offsets
    relative to the 'movi' fourcc, as the AVI 1.0 spec says.
    """
    info = parse_wfx(fmt)
    packets = [bytes(p) for p in packets]
    total = sum(len(p) for p in packets)
    max_chunk = max([len(p) for p in packets] or [0])
    if samples_per_packet:
        scale, rate, sample_size = samples_per_packet, info['rate'], 0
        length = len(packets)
        usec = int(round(1e6 * samples_per_packet / info['rate']))
    else:
        align = info['block_align'] or 1
        avg = info['avg_bytes'] or 1
        scale, rate, sample_size = align, avg, align
        length = total // align
        usec = int(round(1e6 * align / avg))
    byte_rate = info['avg_bytes'] or (
        total * info['rate'] // max(1, length * scale) if samples_per_packet
        else 0)

    avih = struct.pack('<IIIIIIIIII4I',
                       usec,                  # dwMicroSecPerFrame
                       byte_rate,             # dwMaxBytesPerSec
                       0,                     # dwPaddingGranularity
                       AVIF_HASINDEX | AVIF_ISINTERLEAVED,
                       len(packets),          # dwTotalFrames (chunks)
                       0,                     # dwInitialFrames
                       1,                     # dwStreams
                       max_chunk,             # dwSuggestedBufferSize
                       0, 0,                  # dwWidth, dwHeight
                       0, 0, 0, 0)            # dwReserved[4]
    strh = struct.pack(_STRH_FMT, b'auds', b'\0\0\0\0', 0, 0, 0, 0,
                       scale, rate, 0, length, max_chunk, 0xFFFFFFFF,
                       sample_size) + struct.pack('<4h', 0, 0, 0, 0)
    strl = _chunk(b'LIST', b'strl' + _chunk(b'strh', strh) +
                  _chunk(b'strf', bytes(fmt)))
    hdrl = _chunk(b'LIST', b'hdrl' + _chunk(b'avih', avih) + strl)

    movi_body = bytearray(b'movi')
    idx = bytearray()
    for p in packets:
        # Offset of the chunk header from the 'movi' fourcc.
        idx += struct.pack('<4sIII', b'00wb', AVIIF_KEYFRAME,
                           len(movi_body), len(p))
        movi_body += _chunk(b'00wb', p)
    movi = _chunk(b'LIST', bytes(movi_body))
    body = b'AVI ' + hdrl + movi + _chunk(b'idx1', bytes(idx))
    with open(path, 'wb') as f:
        f.write(b'RIFF' + struct.pack('<I', len(body)) + body)


# --------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------

def format_wfx(fmt):
    """Human readable one-per-line summary of a fmt/strf chunk."""
    i = parse_wfx(fmt)
    lines = ['fmt_size=%d' % len(fmt),
             'tag=0x%04X' % i['tag'],
             'channels=%d' % i['channels'],
             'rate=%d' % i['rate'],
             'avg_bytes=%d' % i['avg_bytes'],
             'block_align=%d' % i['block_align'],
             'bits=%d' % i['bits'],
             'cb_size=%d' % i['cb_size'],
             'extra=%s%s' % (i['extra'][:64].hex(),
                             '...' if len(i['extra']) > 64 else '')]
    if 'subformat' in i:
        lines.append('valid_bits=%d channel_mask=0x%X subformat=%s' % (
            i['valid_bits'], i['channel_mask'], i['subformat'].hex()))
    return '\n'.join(lines)


def _size_summary(sizes):
    if not sizes:
        return 'count=0'
    head = ' '.join(str(s) for s in sizes[:16])
    return 'count=%d total=%d min=%d max=%d first=[%s%s]' % (
        len(sizes), sum(sizes), min(sizes), max(sizes), head,
        ' ...' if len(sizes) > 16 else '')


def cmd_info(path):
    """Print fmt fields plus data size (WAV) or packet sizes (AVI)."""
    with open(path, 'rb') as f:
        form = _riff_form(f.read(12))
    print('file=%s' % path)
    if form == b'WAVE':
        c = read_wav_chunks(path)
        print('container=WAV')
        print(format_wfx(c['fmt']))
        if c['fact'] is not None:
            print('fact_samples=%d' % c['fact'])
        print('data_bytes=%d' % len(c['data']))
    elif form == b'AVI ':
        strf, packets, strh = read_avi(path)
        print('container=AVI')
        print(format_wfx(strf))
        print('strh stream=%d scale=%d rate=%d length=%d sample_size=%d' % (
            strh['stream_index'], strh['dwScale'], strh['dwRate'],
            strh['dwLength'], strh['dwSampleSize']))
        print('packets ' + _size_summary([len(p) for p in packets]))
    else:
        raise ValueError('unsupported RIFF form %r' % form)


def main(argv):
    if len(argv) != 3 or argv[1] != 'info':
        sys.stderr.write('usage: riff.py info FILE\n')
        return 2
    try:
        cmd_info(argv[2])
    except (OSError, ValueError) as e:
        sys.stderr.write('riff.py: %s\n' % e)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))

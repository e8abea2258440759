#!/usr/bin/env python3
"""Ogg page/packet reader plus small Opus/Vorbis helpers (stdlib only).

The tests need the exact codec packets that FFmpeg (or opusenc/oggenc)
produced, so they can be rewrapped into AVI for the ACM driver and the
reference decode can be made from the very same packets.

Library API
-----------
    read_ogg_pages(path)          -> [OggPage, ...]  (raw bytes in .raw)
    read_ogg_packets(path, serial=None)
                                  -> [(packet_bytes, granule_or_None), ...]
    read_ogg(path, serial=None)   -> (packets, pages)
    opus_head_info(head)          -> dict (channels, pre_skip, rate, ...)
    opus_packet_samples(pkt)      -> samples at 48 kHz in one Opus packet
    VorbisInfo(id_hdr, setup_hdr) -> .packet_blocksize(pkt), .durations()
    xiph_extradata(headers)       -> FFmpeg-style Xiph-laced extradata
    xiph_split(extradata)         -> [header packets] (inverse)

CLI
---
    ogg.py info FILE    page/packet counts, codec header summary
"""

import collections
import struct
import sys

OggPage = collections.namedtuple(
    'OggPage', 'offset header_type granule serial seqno segments raw')

_PAGE_HDR = struct.Struct('<4sBBqIIIB')   # 27 bytes up to the lacing count

# Ogg uses CRC-32 with polynomial 0x04C11DB7, no reflection, init 0.
_CRC_TABLE = []
for _i in range(256):
    _r = _i << 24
    for _ in range(8):
        _r = ((_r << 1) ^ 0x04C11DB7) if _r & 0x80000000 else (_r << 1)
    _CRC_TABLE.append(_r & 0xFFFFFFFF)


def ogg_crc(data):
    """Ogg page checksum of `data` (with the CRC field zeroed)."""
    crc = 0
    tbl = _CRC_TABLE
    for b in data:
        crc = ((crc << 8) & 0xFFFFFFFF) ^ tbl[((crc >> 24) ^ b) & 0xFF]
    return crc


def read_ogg_pages(path, check_crc=True):
    """Parse every page of an Ogg file into OggPage tuples.

    `segments` is the lacing table (list of ints); `raw` the complete page
    bytes.  Raises ValueError on a bad capture pattern or CRC, because a
    silently corrupt reference would make every later comparison useless.
    """
    with open(path, 'rb') as f:
        buf = f.read()
    pages = []
    pos = 0
    while pos < len(buf):
        if pos + 27 > len(buf):
            raise ValueError('%s: truncated page header at %d' % (path, pos))
        (magic, version, htype, granule, serial, seqno, crc,
         nseg) = _PAGE_HDR.unpack_from(buf, pos)
        if magic != b'OggS' or version != 0:
            raise ValueError('%s: no Ogg page at offset %d' % (path, pos))
        segs = list(buf[pos + 27:pos + 27 + nseg])
        end = pos + 27 + nseg + sum(segs)
        if end > len(buf):
            raise ValueError('%s: truncated page at %d' % (path, pos))
        raw = buf[pos:end]
        if check_crc:
            zeroed = raw[:22] + b'\0\0\0\0' + raw[26:]
            if ogg_crc(zeroed) != crc:
                raise ValueError('%s: CRC mismatch at %d' % (path, pos))
        pages.append(OggPage(pos, htype, granule, serial, seqno, segs, raw))
        pos = end
    return pages


def packets_from_pages(pages, serial=None):
    """Reassemble packets of one logical stream from its pages.

    A packet ends at the first lacing value < 255; a packet whose last
    segment is 255 at the end of a page continues on the next page.  The
    page granule position is attached to the last packet that *ends* on
    that page (None for the others), which is how Ogg defines it.
    Default stream: the serial of the first page.
    """
    if not pages:
        return []
    if serial is None:
        serial = pages[0].serial
    packets = []
    partial = bytearray()
    for page in pages:
        if page.serial != serial:
            continue
        # Continued-packet flag without pending data means we started
        # mid-stream; drop the orphan tail.
        skip_orphan = bool(page.header_type & 1) and not partial
        body = 27 + len(page.segments)
        ended_here = []
        for seg in page.segments:
            partial += page.raw[body:body + seg]
            body += seg
            if seg < 255:
                if skip_orphan:
                    skip_orphan = False
                else:
                    ended_here.append(bytes(partial))
                partial = bytearray()
        for i, pkt in enumerate(ended_here):
            last = i == len(ended_here) - 1
            gran = page.granule if last and page.granule != -1 else None
            packets.append((pkt, gran))
    return packets


def read_ogg_packets(path, serial=None):
    """Return [(packet_bytes, granulepos_or_None), ...] for one stream."""
    return packets_from_pages(read_ogg_pages(path), serial)


def read_ogg(path, serial=None):
    """Return (packets, raw_page_bytes_list) for one stream."""
    pages = read_ogg_pages(path)
    if serial is None and pages:
        serial = pages[0].serial
    return (packets_from_pages(pages, serial),
            [p.raw for p in pages if p.serial == serial])


# --------------------------------------------------------------------------
# Opus
# --------------------------------------------------------------------------

def opus_head_info(head):
    """Decode the fixed part of an OpusHead packet (RFC 7845 5.1)."""
    if len(head) < 19 or head[:8] != b'OpusHead':
        raise ValueError('not an OpusHead packet')
    ver, ch, pre_skip, rate, gain, family = struct.unpack_from(
        '<BBHIhB', head, 8)
    return dict(version=ver, channels=ch, pre_skip=pre_skip,
                input_rate=rate, output_gain=gain, mapping_family=family)


# Frame size in 48 kHz samples for each TOC configuration (RFC 6716 3.1):
# configs 0-11 SILK 10/20/40/60 ms, 12-15 hybrid 10/20 ms,
# 16-31 CELT 2.5/5/10/20 ms.
_OPUS_FRAME = ([480, 960, 1920, 2880] * 3 + [480, 960] * 2 +
               [120, 240, 480, 960] * 4)


def opus_packet_samples(pkt):
    """Number of 48 kHz samples (per channel) decoded from one Opus packet.

    TOC byte: config (5 bits) gives the frame size, code (2 bits) gives
    the frame count: 0 -> 1, 1/2 -> 2, 3 -> count in the next byte.
    """
    if not pkt:
        return 0
    toc = pkt[0]
    frame = _OPUS_FRAME[toc >> 3]
    code = toc & 3
    if code == 0:
        n = 1
    elif code in (1, 2):
        n = 2
    else:
        if len(pkt) < 2:
            raise ValueError('truncated Opus code 3 packet')
        n = pkt[1] & 0x3F
    return frame * n


# --------------------------------------------------------------------------
# Vorbis
# --------------------------------------------------------------------------

def _ilog(v):
    """Vorbis ilog(): number of bits needed to hold v (ilog(0) = 0)."""
    return v.bit_length() if v > 0 else 0


class VorbisInfo:
    """Enough of a Vorbis stream's headers to compute packet durations.

    Packet duration needs each mode's blockflag, which lives at the very
    end of the setup header.  Parsing codebooks/floors/residues forward to
    reach it is a lot of code; instead the mode list is found by reading
    the setup header backwards from its framing bit: every mode is
    blockflag(1) windowtype(16)=0 transformtype(16)=0 mapping(8), preceded
    by a 6-bit (mode_count - 1).
    """

    def __init__(self, ident, setup):
        if ident[:7] != b'\x01vorbis' or setup[:7] != b'\x05vorbis':
            raise ValueError('not Vorbis identification/setup headers')
        self.channels = ident[11]
        self.rate = struct.unpack_from('<I', ident, 12)[0]
        bs = ident[28]
        self.blocksize = (1 << (bs & 0x0F), 1 << (bs >> 4))
        self.mode_blockflags = self._find_modes(setup)
        self.mode_bits = _ilog(len(self.mode_blockflags) - 1)

    @staticmethod
    def _find_modes(setup):
        """Return the list of blockflags, one per mode."""
        data = int.from_bytes(setup, 'little')   # bit i = LSB-first bit i
        nbits = len(setup) * 8
        # The framing bit is the highest set bit of the packet.
        top = data.bit_length() - 1
        if top < 0:
            raise ValueError('empty Vorbis setup header')

        def bits(pos, n):
            return (data >> pos) & ((1 << n) - 1)

        flags = []          # collected backwards
        pos = top           # bit index just after the last mode
        best = None
        while pos - 41 >= 7 * 8:
            start = pos - 41
            if bits(start + 1, 32) != 0:      # window & transform type
                break
            flags.append(bits(start, 1))
            pos = start
            # A candidate split: the 6 bits before hold count - 1.
            if pos >= 6 and bits(pos - 6, 6) == len(flags) - 1:
                best = list(reversed(flags))
        if best is None or pos > nbits:
            raise ValueError('could not locate Vorbis modes')
        return best

    def packet_blocksize(self, pkt):
        """Blocksize of one audio packet (0 for header or empty packets)."""
        if not pkt or pkt[0] & 1:
            return 0
        # Bit 0 is the packet type; the mode number follows, LSB first.
        v = int.from_bytes(pkt[:4], 'little') >> 1
        mode = v & ((1 << self.mode_bits) - 1)
        if mode >= len(self.mode_blockflags):
            raise ValueError('invalid Vorbis mode %d' % mode)
        return self.blocksize[self.mode_blockflags[mode]]

    def durations(self, packets):
        """Samples each audio packet yields: prev/4 + cur/4, first = 0."""
        out = []
        prev = 0
        for pkt in packets:
            cur = self.packet_blocksize(pkt)
            if cur == 0:
                out.append(0)
                continue
            out.append(prev // 4 + cur // 4 if prev else 0)
            prev = cur
        return out


def xiph_extradata(headers):
    """FFmpeg's Xiph-laced extradata: count-1, laced sizes, then packets.

    Layout (as used by FFmpeg for Vorbis in Matroska/AVI): one byte with
    len(headers) - 1, the sizes of all but the last header each written as
    runs of 255 plus a remainder byte, then the concatenated headers.
    """
    out = bytearray([len(headers) - 1])
    for h in headers[:-1]:
        n = len(h)
        while n >= 255:
            out.append(255)
            n -= 255
        out.append(n)
    for h in headers:
        out += h
    return bytes(out)


def xiph_split(extradata):
    """Inverse of xiph_extradata(): return the list of header packets."""
    count = extradata[0] + 1
    pos = 1
    sizes = []
    for _ in range(count - 1):
        n = 0
        while True:
            b = extradata[pos]
            pos += 1
            n += b
            if b < 255:
                break
        sizes.append(n)
    sizes.append(len(extradata) - pos - sum(sizes))
    if sizes[-1] < 0:
        raise ValueError('bad Xiph-laced extradata')
    out = []
    for n in sizes:
        out.append(bytes(extradata[pos:pos + n]))
        pos += n
    return out


# --------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------

def cmd_info(path):
    pages = read_ogg_pages(path)
    packets = packets_from_pages(pages)
    print('file=%s pages=%d packets=%d' % (path, len(pages), len(packets)))
    if not packets:
        return
    first = packets[0][0]
    if first.startswith(b'OpusHead'):
        info = opus_head_info(first)
        print('codec=opus ' + ' '.join('%s=%s' % kv for kv in info.items()))
        audio = [p for p, _ in packets[2:]]
        total = sum(opus_packet_samples(p) for p in audio)
        print('audio_packets=%d samples_48k=%d last_granule=%s' % (
            len(audio), total, packets[-1][1]))
    elif first.startswith(b'\x01vorbis'):
        vi = VorbisInfo(first, packets[2][0])
        audio = [p for p, _ in packets[3:]]
        print('codec=vorbis channels=%d rate=%d blocksizes=%s modes=%s' % (
            vi.channels, vi.rate, vi.blocksize, vi.mode_blockflags))
        print('audio_packets=%d samples=%d last_granule=%s' % (
            len(audio), sum(vi.durations(audio)), packets[-1][1]))


def main(argv):
    if len(argv) != 3 or argv[1] != 'info':
        sys.stderr.write('usage: ogg.py info FILE\n')
        return 2
    try:
        cmd_info(argv[2])
    except (OSError, ValueError) as e:
        sys.stderr.write('ogg.py: %s\n' % e)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))

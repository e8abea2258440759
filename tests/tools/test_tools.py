#!/usr/bin/env python3
"""Self-tests for riff.py, ogg.py and compare_pcm.py (unittest, stdlib).

Run:  python3 -m unittest discover -s tests/tools -p 'test_*.py'
Tests that need ffmpeg/ffprobe are skipped when they are not installed.
"""

import array
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare_pcm   # noqa: E402
import ogg           # noqa: E402
import riff          # noqa: E402

HAVE_FFMPEG = bool(shutil.which('ffmpeg') and shutil.which('ffprobe'))


def _chunk(fourcc, payload):
    pad = b'\0' if len(payload) & 1 else b''
    return fourcc + struct.pack('<I', len(payload)) + payload + pad


def _list(ltype, payload):
    return _chunk(b'LIST', ltype + payload)


class TmpDir(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix='ffacm-tools-')

    def tearDown(self):
        shutil.rmtree(self.dir)

    def path(self, name):
        return os.path.join(self.dir, name)


class WfxTest(unittest.TestCase):
    def test_wfx_layout(self):
        f = riff.wfx(0x55, 2, 44100, 16000, 1, 0, b'\x01\x02\x03')
        self.assertEqual(len(f), 21)
        self.assertEqual(f[:2], b'\x55\x00')
        self.assertEqual(struct.unpack_from('<H', f, 16)[0], 3)
        i = riff.parse_wfx(f)
        self.assertEqual((i['tag'], i['channels'], i['rate'], i['avg_bytes'],
                          i['block_align'], i['bits'], i['extra']),
                         (0x55, 2, 44100, 16000, 1, 0, b'\x01\x02\x03'))

    def test_extensible(self):
        f = riff.wfx_extensible(6, 48000, 576000, 12, 16, 16, 0x3F, 1,
                                b'xy')
        self.assertEqual(len(f), 18 + 22 + 2)
        i = riff.parse_wfx(f)
        self.assertEqual(i['tag'], 0xFFFE)
        self.assertEqual(i['cb_size'], 24)
        self.assertEqual(i['channel_mask'], 0x3F)
        self.assertEqual(riff.effective_tag(i), 1)
        self.assertEqual(i['subformat'].hex(),
                         '0100000000001000800000aa00389b71')

    def test_heaac_info(self):
        x = riff.heaac_wave_info(1, b'\x12\x10')
        self.assertEqual(x.hex(), '0100fe0000000000000000001210')


class WavTest(TmpDir):
    def test_roundtrip_and_fact(self):
        fmt = riff.wfx(0x55, 1, 22050, 2000, 1, 0, b'abc')  # odd size
        riff.write_wav(self.path('a.wav'), fmt, b'12345', fact_samples=99)
        c = riff.read_wav_chunks(self.path('a.wav'))
        self.assertEqual((c['fmt'], c['data'], c['fact']),
                         (fmt, b'12345', 99))
        pcm = riff.wfx(1, 2, 44100, 176400, 4, 16)
        riff.write_wav(self.path('p.wav'), pcm, b'\0' * 8)
        self.assertIsNone(riff.read_wav_chunks(self.path('p.wav'))['fact'])

    def test_list_and_padding_before_data(self):
        fmt = riff.wfx(1, 1, 8000, 16000, 2, 16)
        body = (b'WAVE' + _chunk(b'fmt ', fmt) +
                _list(b'INFO', _chunk(b'ISFT', b'odd')) +
                _chunk(b'JUNK', b'x') + _chunk(b'data', b'\1\2\3\4'))
        with open(self.path('l.wav'), 'wb') as f:
            f.write(b'RIFF' + struct.pack('<I', len(body)) + body)
        self.assertEqual(riff.read_wav(self.path('l.wav')),
                         (fmt, b'\1\2\3\4'))

    def test_truncated_data_size(self):
        fmt = riff.wfx(1, 1, 8000, 16000, 2, 16)
        body = b'WAVE' + _chunk(b'fmt ', fmt) + b'data' + \
            struct.pack('<I', 0xFFFFFFFF) + b'\1\2\3\4'
        with open(self.path('t.wav'), 'wb') as f:
            f.write(b'RIFF' + struct.pack('<I', 0) + body)
        self.assertEqual(riff.read_wav(self.path('t.wav'))[1], b'\1\2\3\4')


class AviTest(TmpDir):
    FMT = riff.wfx(0xFF, 2, 44100, 16000, 1, 16, b'\x12\x10\x56')

    def _hdrl(self, fmt):
        strh = struct.pack(riff._STRH_FMT, b'auds', b'\0' * 4, 0, 0, 0, 0,
                           1024, 44100, 0, 3, 0, 0, 0) + b'\0' * 8
        vids = struct.pack(riff._STRH_FMT, b'vids', b'XVID', 0, 0, 0, 0,
                           1, 25, 0, 3, 0, 0, 0) + b'\0' * 8
        return _list(b'hdrl', _chunk(b'avih', b'\0' * 56) +
                     _list(b'strl', _chunk(b'strh', vids) +
                           _chunk(b'strf', b'\0' * 40)) +
                     _list(b'strl', _chunk(b'strh', strh) +
                           _chunk(b'strf', fmt)))

    def test_roundtrip(self):
        pk = [b'a', b'bb', b'ccc', b'']
        riff.write_avi(self.path('a.avi'), self.FMT, pk,
                       samples_per_packet=1024)
        strf, got, strh = riff.read_avi(self.path('a.avi'))
        self.assertEqual((strf, got), (self.FMT, pk))
        self.assertEqual((strh['dwScale'], strh['dwRate'],
                          strh['dwSampleSize'], strh['dwLength']),
                         (1024, 44100, 0, 4))

    def test_rec_lists_avix_and_second_stream(self):
        # Audio is stream 1 (after a video stream): chunks are '01wb'.
        movi1 = _list(b'movi', _chunk(b'00dc', b'VV') +
                      _list(b'rec ', _chunk(b'01wb', b'p1') +
                            _chunk(b'00dc', b'V')) +
                      _chunk(b'ix01', b'\0' * 8) + _chunk(b'01wb', b'p2x'))
        riff1 = b'AVI ' + self._hdrl(self.FMT) + movi1 + \
            _chunk(b'idx1', b'')
        movi2 = _list(b'movi', _chunk(b'JUNK', b'') +
                      _chunk(b'01wb', b'p3'))
        data = _chunk(b'RIFF', riff1) + _chunk(b'RIFF', b'AVIX' + movi2)
        with open(self.path('x.avi'), 'wb') as f:
            f.write(data)
        strf, pk, strh = riff.read_avi(self.path('x.avi'))
        self.assertEqual(strf, self.FMT)
        self.assertEqual(pk, [b'p1', b'p2x', b'p3'])
        self.assertEqual(strh['stream_index'], 1)

    @unittest.skipUnless(HAVE_FFMPEG, 'ffmpeg not installed')
    def test_ffmpeg_reads_cbr_pcm_avi(self):
        # CBR layout: dwSampleSize = nBlockAlign, dwRate = bytes/s.
        pcm = array.array('h', [(i * 37) % 2000 - 1000
                                for i in range(2 * 4410)]).tobytes()
        chunks = [pcm[i:i + 4000] for i in range(0, len(pcm), 4000)]
        riff.write_avi(self.path('p.avi'),
                       riff.wfx(1, 2, 44100, 176400, 4, 16), chunks)
        out = subprocess.run(['ffmpeg', '-v', 'error', '-i',
                              self.path('p.avi'), '-f', 's16le', '-'],
                             stdout=subprocess.PIPE, check=True).stdout
        self.assertEqual(out, pcm)


class OggTest(TmpDir):
    @staticmethod
    def page(htype, granule, serial, seq, segs, body):
        hdr = struct.pack('<4sBBqIIIB', b'OggS', 0, htype, granule, serial,
                          seq, 0, len(segs)) + bytes(segs)
        raw = hdr + body
        crc = ogg.ogg_crc(raw)
        return raw[:22] + struct.pack('<I', crc) + raw[26:]

    def test_lacing_and_continuation(self):
        p1, p2, p3 = b'A' * 300, b'B' * 255, b'C' * 10
        # Page 1: p1 complete (255+45), then first 255 bytes of p2,
        # which ends exactly at 255 and needs a 0 lacing value on page 2.
        pg1 = self.page(2, 100, 7, 0, [255, 45, 255], p1 + p2)
        pg2 = self.page(1, 200, 7, 1, [0, 10], p3)
        other = self.page(2, 5, 9, 0, [1], b'Z')
        with open(self.path('t.ogg'), 'wb') as f:
            f.write(pg1 + other + pg2)
        pk = ogg.read_ogg_packets(self.path('t.ogg'))
        self.assertEqual(pk, [(p1, 100), (p2, None), (p3, 200)])
        pk, pages = ogg.read_ogg(self.path('t.ogg'))
        self.assertEqual(pages, [pg1, pg2])

    def test_bad_crc(self):
        pg = bytearray(self.page(2, 0, 1, 0, [1], b'x'))
        pg[-1] ^= 1
        with open(self.path('b.ogg'), 'wb') as f:
            f.write(pg)
        with self.assertRaises(ValueError):
            ogg.read_ogg_pages(self.path('b.ogg'))

    def test_opus_toc(self):
        self.assertEqual(ogg.opus_packet_samples(bytes([31 << 3])), 960)
        self.assertEqual(ogg.opus_packet_samples(bytes([16 << 3])), 120)
        self.assertEqual(ogg.opus_packet_samples(bytes([3 << 3 | 1])), 5760)
        self.assertEqual(ogg.opus_packet_samples(bytes([1 << 3 | 3, 3])),
                         2880)
        self.assertEqual(ogg.opus_packet_samples(bytes([13 << 3 | 2])),
                         1920)

    def test_xiph_extradata(self):
        hdrs = [b'a' * 30, b'b' * 600, b'c' * 4000]
        x = ogg.xiph_extradata(hdrs)
        self.assertEqual(x[:5], bytes([2, 30, 255, 255, 90]))
        self.assertEqual(ogg.xiph_split(x), hdrs)

    @unittest.skipUnless(HAVE_FFMPEG, 'ffmpeg not installed')
    def test_real_vorbis_durations(self):
        out = self.path('v.ogg')
        subprocess.run(['ffmpeg', '-v', 'error', '-f', 'lavfi', '-i',
                        'sine=f=440:r=44100:d=1', '-c:a', 'libvorbis',
                        out], check=True)
        pk = [p for p, _ in ogg.read_ogg_packets(out)]
        vi = ogg.VorbisInfo(pk[0], pk[2])
        self.assertEqual(vi.blocksize, (256, 2048))
        self.assertEqual(sorted(set(vi.mode_blockflags)), [0, 1])
        total = sum(vi.durations(pk[3:]))
        dec = subprocess.run(['ffmpeg', '-v', 'error', '-flags2',
                              '+skip_manual', '-i', out, '-f', 's16le',
                              '-ac', '1', '-'],
                             stdout=subprocess.PIPE, check=True).stdout
        self.assertEqual(total, len(dec) // 2)


class ComparePcmTest(TmpDir):
    def run_cmp(self, ref, out, *args):
        return compare_pcm.main([ref, out] + list(args))

    def setUp(self):
        super().setUp()
        self.ref = self.path('r.s16')
        pcm = array.array('h', [(i * 7919) % 60000 - 30000
                                for i in range(2 * 50000)])
        self.pcm = pcm
        with open(self.ref, 'wb') as f:
            f.write(pcm.tobytes())

    def wav(self, name, pcm, channels=2):
        riff.write_wav(self.path(name),
                       riff.wfx(1, channels, 44100, 44100 * 2 * channels,
                                2 * channels, 16), pcm.tobytes())
        return self.path(name)

    def test_identical(self):
        self.assertEqual(self.run_cmp(self.ref, self.wav('a.wav',
                                                         self.pcm)), 0)
        self.assertEqual(self.run_cmp(self.ref, self.ref), 0)

    def test_truncated(self):
        w = self.wav('t.wav', self.pcm[:-2])
        self.assertEqual(self.run_cmp(self.ref, w), 1)
        self.assertEqual(compare_pcm.compare(
            self.pcm.tobytes(), self.pcm[:-2].tobytes(), 2, 0),
            (50000, 49999, 0, 49999))

    def test_modified_and_tolerance(self):
        mod = array.array('h', self.pcm)
        mod[2 * 1234 + 1] += 2
        w = self.wav('m.wav', mod)
        self.assertEqual(self.run_cmp(self.ref, w), 1)
        self.assertEqual(self.run_cmp(self.ref, w, '--tolerance', '2'), 0)
        self.assertEqual(compare_pcm.compare(
            self.pcm.tobytes(), mod.tobytes(), 2, 1), (50000, 50000, 2, 1234))

    def test_channel_mismatch(self):
        w = self.wav('c.wav', self.pcm, channels=1)
        self.assertEqual(self.run_cmp(self.ref, w, '--channels', '2'), 1)


if __name__ == '__main__':
    unittest.main()

#!/usr/bin/env python3
"""Helper steps for tests/media/make_media.sh (stdlib only).

make_media.sh runs the ffmpeg encodes; this script does the byte-level
work around them: re-wrapping packets into WAV/AVI with the exact
WAVEFORMATEX we want, trimming/validating the reference decodes, checking
that FFmpeg reads our AVIs back, and writing manifest.tsv.

Subcommands (all print one summary line on success, exit 1 on failure):
  adts-wav IN.aac OUT.wav TAG        ADTS stream in a WAV, tag 0x1600 or
                                     0x1610 (HEAACWAVEINFO payload 1 + ASC)
  heaac-avi IN.avi OUT.avi           same packets, tag 0x1610 payload 0
  sloppy-mp3 IN.wav OUT.wav          fmt rewritten: cbSize 0, bits 16,
                                     nAvgBytesPerSec 0
  plain-wfx IN.wav OUT.wav           WAVE_FORMAT_EXTENSIBLE -> WAVEFORMATEX
  opus-avi IN.opus OUT.avi           Ogg Opus packets -> AVI tag 0x704F;
                                     prints pre_skip= samples=
  vorbis-avi IN.ogg OUT.avi          Ogg Vorbis packets -> AVI tag 0x566F;
                                     prints samples=
  vorbis-samples FILE.avi            prints samples= FFmpeg should decode
  trim-frames IN OUT SKIP CHANNELS [--expect N]
                                     drop SKIP leading frames of raw s16
  check-ref REF MEDIA SECONDS [--expect N]
                                     plausible length, not silent
  verify-avi FILE [--decoder NAME | --probe-only]
                                     ffprobe packet sizes == ours, and
                                     FFmpeg decodes it (unless probe-only)
  manifest OUTDIR NAME...            write OUTDIR/manifest.tsv
"""

import array
import os
import struct
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ogg    # noqa: E402
import riff   # noqa: E402

TAG_MPEG_ADTS_AAC = 0x1600
TAG_MPEG_HEAAC = 0x1610
TAG_OPUS = 0x704F          # FFmpeg's/Xiph's 'Op' tag, unknown to FFmpeg 5.1
TAG_VORBIS = 0x566F        # FFmpeg's 'Vo' tag (Xiph-laced headers extra)

AAC_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050,
             16000, 12000, 11025, 8000, 7350]


class Fail(Exception):
    """A check failed; main() prints it and exits 1."""


# --------------------------------------------------------------------------
# AAC / ADTS
# --------------------------------------------------------------------------

def adts_frames(data):
    """Split an ADTS byte stream into frames; return list of (hdr, frame)."""
    frames = []
    pos = 0
    while pos + 7 <= len(data):
        if data[pos] != 0xFF or (data[pos + 1] & 0xF6) != 0xF0:
            raise Fail('ADTS sync lost at byte %d' % pos)
        length = ((data[pos + 3] & 3) << 11) | (data[pos + 4] << 3) | \
            (data[pos + 5] >> 5)
        if length < 7 or pos + length > len(data):
            raise Fail('bad ADTS frame length at byte %d' % pos)
        frames.append(data[pos:pos + length])
        pos += length
    if pos != len(data):
        raise Fail('trailing garbage after ADTS frames')
    return frames


def adts_asc(hdr):
    """Build the 2-byte AudioSpecificConfig matching an ADTS header.

    ADTS profile is object type - 1; sampling index and channel config
    are copied as is.
    """
    aot = (hdr[2] >> 6) + 1
    sri = (hdr[2] >> 2) & 0x0F
    chan = ((hdr[2] & 1) << 2) | (hdr[3] >> 6)
    return bytes([(aot << 3) | (sri >> 1), ((sri & 1) << 7) | (chan << 3)])


def asc_rate_channels(asc):
    """(rate, channels) from a simple AudioSpecificConfig."""
    sri = ((asc[0] & 7) << 1) | (asc[1] >> 7)
    return AAC_RATES[sri], (asc[1] >> 3) & 0x0F


def cmd_adts_wav(src, dst, tag):
    """Wrap an ADTS file, unchanged, as the data chunk of a WAV."""
    data = open(src, 'rb').read()
    frames = adts_frames(data)
    asc = adts_asc(frames[0])
    rate, ch = asc_rate_channels(asc)
    samples = 1024 * len(frames)
    avg = len(data) * rate // samples
    if tag == TAG_MPEG_ADTS_AAC:
        extra = b''   # 0x1600 carries no extra data: ADTS is self-describing
    elif tag == TAG_MPEG_HEAAC:
        extra = riff.heaac_wave_info(1, asc)
    else:
        raise Fail('adts-wav: tag must be 0x1600 or 0x1610')
    riff.write_wav(dst, riff.wfx(tag, ch, rate, avg, 1, 16, extra), data,
                   fact_samples=samples)
    print('adts frames=%d samples=%d asc=%s' % (len(frames), samples,
                                                asc.hex()))


def cmd_heaac_avi(src, dst):
    """Rewrite a 0x00FF (raw AAC + ASC) AVI as HEAACWAVEFORMAT payload 0."""
    strf, packets, _ = riff.read_avi(src)
    info = riff.parse_wfx(strf)
    if info['tag'] != 0x00FF or not info['extra']:
        raise Fail('heaac-avi: %s is not tag 0x00FF with an ASC' % src)
    fmt = riff.wfx(TAG_MPEG_HEAAC, info['channels'], info['rate'],
                   info['avg_bytes'], 1, 16,
                   riff.heaac_wave_info(0, info['extra']))
    riff.write_avi(dst, fmt, packets, samples_per_packet=1024)
    print('packets=%d asc=%s' % (len(packets), info['extra'].hex()))


# --------------------------------------------------------------------------
# MP3
# --------------------------------------------------------------------------

def cmd_sloppy_mp3(src, dst):
    """Copy an MP3 WAV with the fmt sloppy headers often seen in the wild.

    cbSize 0 (no MPEGLAYER3WAVEFORMAT fields), wBitsPerSample 16 and
    nAvgBytesPerSec 0; channels/rate/nBlockAlign are kept.
    """
    c = riff.read_wav_chunks(src)
    i = riff.parse_wfx(c['fmt'])
    fmt = riff.wfx(i['tag'], i['channels'], i['rate'], 0,
                   i['block_align'], 16)
    riff.write_wav(dst, fmt, c['data'], fact_samples=c['fact'])
    print('fmt=%s' % fmt.hex())


def cmd_plain_wfx(src, dst):
    """WAVE_FORMAT_EXTENSIBLE WAV or AVI -> same data with a plain WAVEFORMATEX.

    The tag comes from the KSDATAFORMAT subformat GUID; the codec's extra
    bytes (after the 22 extensible ones) are kept.
    """
    with open(src, 'rb') as f:
        avi = f.read(12)[8:12] == b'AVI '
    if avi:
        fmt, packets, _ = riff.read_avi(src)
    else:
        c = riff.read_wav_chunks(src)
        fmt = c['fmt']
    i = riff.parse_wfx(fmt)
    tag = riff.effective_tag(i)
    if i['tag'] != riff.WAVE_FORMAT_EXTENSIBLE or tag == i['tag']:
        raise Fail('plain-wfx: %s has no KSDATAFORMAT subformat' % src)
    fmt = riff.wfx(tag, i['channels'], i['rate'], i['avg_bytes'],
                   i['block_align'], i['bits'], i['extra'][22:])
    if avi:
        durs = None if i['block_align'] > 1 else 1024
        riff.write_avi(dst, fmt, packets, samples_per_packet=durs)
    else:
        riff.write_wav(dst, fmt, c['data'], fact_samples=c['fact'])
    print('fmt=%s' % fmt.hex())


def cmd_retag(src, dst, tag):
    """Same file (WAV or AVI) with another wFormatTag: the other tags of a codec."""
    with open(src, 'rb') as f:
        form = f.read(12)[8:12]
    if form == b'AVI ':
        fmt, packets, _ = riff.read_avi(src)
        fmt = struct.pack('<H', tag) + bytes(fmt[2:])
        durs = None if riff.parse_wfx(fmt)['block_align'] > 1 else 1024
        riff.write_avi(dst, fmt, packets, samples_per_packet=durs)
    else:
        c = riff.read_wav_chunks(src)
        fmt = struct.pack('<H', tag) + bytes(c['fmt'][2:])
        riff.write_wav(dst, fmt, c['data'], fact_samples=c['fact'])
    print('tag=0x%04X' % tag)


def cmd_wrap_wav(src, dst, tag, channels, rate, mask=None):
    """A self-framing byte stream (LOAS, DTS ...) as the data chunk of a WAV.

    With a speaker mask: WAVE_FORMAT_EXTENSIBLE whose subformat is the
    KSDATAFORMAT_SUBTYPE GUID of `tag` (e.g. 0x000C, IEC61937_DOLBY_MLP)."""
    data = open(src, 'rb').read()
    if mask is None:
        fmt = riff.wfx(tag, channels, rate, rate * 2, 1, 16)
    else:
        fmt = riff.wfx_extensible(channels, rate, rate * 2, 1, 16, 16, mask, tag)
    riff.write_wav(dst, fmt, data)
    print('bytes=%d' % len(data))


def _ffprobe_packets(src):
    """(extradata, [packet bytes]) of the first audio stream, as FFmpeg demuxes it."""
    import json
    def hexdump(text):
        out = bytearray()
        for line in (text or '').splitlines():
            body = line.split(':', 1)[1][:40] if ':' in line else ''
            out += bytes.fromhex(body.replace(' ', ''))
        return bytes(out)
    info = json.loads(subprocess.run(
        ['ffprobe', '-v', 'error', '-select_streams', 'a:0', '-show_streams',
         '-show_packets', '-show_data', '-of', 'json', src],
        check=True, capture_output=True).stdout)
    st = info['streams'][0]
    return (hexdump(st.get('extradata')), [hexdump(p.get('data')) for p in info['packets']],
            int(st['channels']), int(st['sample_rate']))


def cmd_packets_avi(src, dst, tag, spp):
    """Any container -> AVI with one packet per chunk, extra = FFmpeg's extradata."""
    extra, packets, ch, rate = _ffprobe_packets(src)
    total = sum(len(p) for p in packets)
    fmt = riff.wfx(tag, ch, rate, total * rate // max(1, spp * len(packets)), 1, 16, extra)
    riff.write_avi(dst, fmt, packets, samples_per_packet=spp)
    print('packets=%d extra=%d' % (len(packets), len(extra)))


def cmd_vorbis_acm(src, dst, tag):
    """Ogg Vorbis -> WAV the Vorbis ACM codec's way: 8 bytes of versions, then for mode 2
    (0x6750/0x6770) the header pages as extra bytes and the audio pages as data; for mode 1
    (0x674F/0x676F) the whole Ogg stream, header pages included, as data."""
    pages = ogg.read_ogg_pages(src)
    headers, audio, packets = [], [], 0
    for pg in pages:
        if packets < 3:
            headers.append(pg.raw)
            packets += sum(1 for v in pg.segments if v < 255)
        else:
            audio.append(pg.raw)
    if packets != 3:
        raise Fail('vorbis-acm: header pages also hold audio packets')
    vi = ogg.VorbisInfo(*[p for p, _ in ogg.read_ogg_packets(src)][0:3:2])
    versions = struct.pack('<II', 0x00000001, 0x01030300)
    if tag & 0xFF in (0x4F, 0x6F):  # mode 1
        extra, data = versions, b''.join(headers + audio)
    else:
        extra, data = versions + b''.join(headers), b''.join(audio)
    riff.write_wav(dst, riff.wfx(tag, vi.channels, vi.rate, vi.rate * vi.channels // 8, 1, 16, extra), data)
    print('header_pages=%d audio_pages=%d' % (len(headers), len(audio)))


# --------------------------------------------------------------------------
# Opus / Vorbis
# --------------------------------------------------------------------------

def _most_common(values):
    counts = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return max(counts, key=counts.get)


def cmd_opus_avi(src, dst):
    """Ogg Opus -> AVI: extra = OpusHead, one audio packet per chunk."""
    packets = [p for p, _ in ogg.read_ogg_packets(src)]
    head, audio = packets[0], packets[2:]   # [1] is OpusTags
    info = ogg.opus_head_info(head)
    if info['mapping_family'] != 0:
        raise Fail('opus-avi: only mapping family 0 expected')
    durs = [ogg.opus_packet_samples(p) for p in audio]
    total = sum(durs)
    avg = sum(len(p) for p in audio) * 48000 // total
    # Opus always decodes at 48 kHz; input_rate in OpusHead is informative.
    fmt = riff.wfx(TAG_OPUS, info['channels'], 48000, avg, 1, 16, head)
    riff.write_avi(dst, fmt, audio, samples_per_packet=_most_common(durs))
    print('pre_skip=%d samples=%d packets=%d' % (info['pre_skip'], total,
                                                 len(audio)))


def cmd_vorbis_avi(src, dst):
    """Ogg Vorbis -> AVI: extra = Xiph-laced headers, packet per chunk."""
    packets = [p for p, _ in ogg.read_ogg_packets(src)]
    headers, audio = packets[:3], packets[3:]
    vi = ogg.VorbisInfo(headers[0], headers[2])
    total = sum(vi.durations(audio))
    avg = sum(len(p) for p in audio) * vi.rate // total
    fmt = riff.wfx(TAG_VORBIS, vi.channels, vi.rate, avg, 1, 16,
                   ogg.xiph_extradata(headers))
    # Durations vary (short/long blocks); AVI can only state an average.
    spp = max(1, round(total / len(audio)))
    riff.write_avi(dst, fmt, audio, samples_per_packet=spp)
    print('samples=%d packets=%d' % (total, len(audio)))


def cmd_vorbis_samples(path):
    """Samples FFmpeg should decode from a Vorbis AVI (empty chunks = 0)."""
    strf, packets, _ = riff.read_avi(path)
    headers = ogg.xiph_split(riff.parse_wfx(strf)['extra'])
    vi = ogg.VorbisInfo(headers[0], headers[2])
    audio = [p for p in packets if p]
    print('samples=%d packets=%d empty_chunks=%d' % (
        sum(vi.durations(audio)), len(audio), len(packets) - len(audio)))


# --------------------------------------------------------------------------
# Reference checks
# --------------------------------------------------------------------------

def _expect_arg(args):
    if '--expect' in args:
        i = args.index('--expect')
        val = int(args[i + 1])
        del args[i:i + 2]
        return val
    return None


def cmd_trim_frames(args):
    expect = _expect_arg(args)
    src, dst, skip, ch = args[0], args[1], int(args[2]), int(args[3])
    data = open(src, 'rb').read()
    out = data[skip * 2 * ch:]
    frames = len(out) // (2 * ch)
    if expect is not None and frames != expect:
        raise Fail('trim-frames: %d frames after skipping %d, expected %d'
                   % (frames, skip, expect))
    with open(dst, 'wb') as f:
        f.write(out)
    print('frames=%d (skipped %d)' % (frames, skip))


def media_format(path):
    """(channels, rate) of a WAV or AVI test file."""
    with open(path, 'rb') as f:
        form = f.read(12)[8:12]
    fmt = riff.read_avi(path)[0] if form == b'AVI ' else riff.read_wav(path)[0]
    i = riff.parse_wfx(fmt)
    return i['channels'], i['rate']


def cmd_check_ref(args):
    """Reference must be non-empty, non-silent and about SECONDS long."""
    expect = _expect_arg(args)
    ref, media, seconds = args[0], args[1], float(args[2])
    ch, rate = media_format(media)
    size = os.path.getsize(ref)
    if size == 0 or size % (2 * ch):
        raise Fail('%s: size %d is not a whole number of %d-ch frames'
                   % (ref, size, ch))
    frames = size // (2 * ch)
    nominal = seconds * rate
    # Codec delay/padding adds at most a few thousand frames.
    if not nominal * 0.99 <= frames <= nominal + 0.25 * rate:
        raise Fail('%s: %d frames, implausible for %.1f s at %d Hz'
                   % (ref, frames, seconds, rate))
    if expect is not None and frames != expect:
        raise Fail('%s: %d frames, expected %d' % (ref, frames, expect))
    pcm = array.array('h')
    with open(ref, 'rb') as f:
        pcm.frombytes(f.read())
    # Every channel must carry signal (catches dropped/zeroed channels).
    for c in range(ch):
        peak = max(abs(v) for v in pcm[c::ch])
        if peak < 1000:
            raise Fail('%s: channel %d is (nearly) silent, peak %d'
                       % (ref, c, peak))
    print('frames=%d channels=%d rate=%d' % (frames, ch, rate))


def _run(cmd):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          check=False)


def cmd_verify_avi(args):
    """FFmpeg must read back the same packets we wrote and decode them."""
    decoder = None
    if '--decoder' in args:
        decoder = args[args.index('--decoder') + 1]
    path = args[0]
    _, packets, _ = riff.read_avi(path)
    ours = [len(p) for p in packets]
    r = _run(['ffprobe', '-v', 'error', '-select_streams', 'a:0',
              '-show_entries', 'packet=size', '-of', 'csv=p=0', path])
    if r.returncode:
        raise Fail('ffprobe failed on %s: %s' % (path, r.stderr.decode()))
    theirs = [int(x) for x in r.stdout.split()]
    note = ''
    if theirs != ours:
        # FFmpeg's demuxer drops empty chunks (its own muxer writes them
        # as timestamp fillers); anything else is a real mismatch.
        nonempty = [s for s in ours if s]
        if theirs != nonempty:
            raise Fail('%s: ffprobe sees %d packets (%d bytes), we wrote '
                       '%d (%d bytes)' % (path, len(theirs), sum(theirs),
                                          len(ours), sum(ours)))
        note = ' (%d empty chunks not returned by FFmpeg)' % (
            len(ours) - len(nonempty))
    if '--probe-only' in args:
        # Tag unknown to FFmpeg (e.g. 0x1610): packets only, no decode.
        print('ffprobe packets=%d match%s' % (len(theirs), note))
        return
    cmd = ['ffmpeg', '-nostdin', '-v', 'error']
    if decoder:
        cmd += ['-c:a', decoder]
    r = _run(cmd + ['-i', path, '-f', 's16le', '-'])
    if r.returncode or not r.stdout:
        raise Fail('%s: FFmpeg cannot decode it: %s'
                   % (path, r.stderr.decode()[-300:]))
    print('ffprobe packets=%d match%s; ffmpeg decodes %d bytes' % (
        len(theirs), note, len(r.stdout)))


# --------------------------------------------------------------------------
# Manifest
# --------------------------------------------------------------------------

MANIFEST_HEADER = ('name', 'kind', 'frames', 'channels', 'rate',
                   'tolerance', 'tag', 'ref')


def ref_name(name):
    """mp3.wav -> mp3.ref.s16"""
    return os.path.splitext(name)[0] + '.ref.s16'


def cmd_manifest(outdir, names):
    """manifest.tsv: one line per test file, columns in MANIFEST_HEADER.

    kind: 'stream' = self-framing byte stream in a WAV data chunk,
    'packets' = AVI with one codec packet per chunk.  tolerance: 'exact'
    (both sides are decoded by the same FFmpeg build) or max |diff|.
    """
    lines = ['\t'.join(MANIFEST_HEADER)]
    for name in names:
        path = os.path.join(outdir, name)
        with open(path, 'rb') as f:
            form = f.read(12)[8:12]
        kind = 'packets' if form == b'AVI ' else 'stream'
        fmt = (riff.read_avi(path)[0] if kind == 'packets'
               else riff.read_wav(path)[0])
        i = riff.parse_wfx(fmt)
        ref = ref_name(name)
        frames = os.path.getsize(os.path.join(outdir, ref)) // (
            2 * i['channels'])
        lines.append('\t'.join([name, kind, str(frames), str(i['channels']),
                                str(i['rate']), 'exact',
                                '0x%04X' % i['tag'], ref]))
    tmp = os.path.join(outdir, 'manifest.tsv.tmp')
    with open(tmp, 'w') as f:
        f.write('\n'.join(lines) + '\n')
    os.replace(tmp, os.path.join(outdir, 'manifest.tsv'))
    print('manifest: %d entries' % len(names))


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    cmd, args = argv[1], list(argv[2:])
    try:
        if cmd == 'adts-wav':
            cmd_adts_wav(args[0], args[1], int(args[2], 0))
        elif cmd == 'heaac-avi':
            cmd_heaac_avi(args[0], args[1])
        elif cmd == 'sloppy-mp3':
            cmd_sloppy_mp3(args[0], args[1])
        elif cmd == 'plain-wfx':
            cmd_plain_wfx(args[0], args[1])
        elif cmd == 'retag':
            cmd_retag(args[0], args[1], int(args[2], 0))
        elif cmd == 'wrap-wav':
            cmd_wrap_wav(args[0], args[1], int(args[2], 0), int(args[3]), int(args[4]),
                         int(args[5], 0) if len(args) > 5 else None)
        elif cmd == 'packets-avi':
            cmd_packets_avi(args[0], args[1], int(args[2], 0), int(args[3]))
        elif cmd == 'vorbis-acm':
            cmd_vorbis_acm(args[0], args[1], int(args[2], 0))
        elif cmd == 'opus-avi':
            cmd_opus_avi(args[0], args[1])
        elif cmd == 'vorbis-avi':
            cmd_vorbis_avi(args[0], args[1])
        elif cmd == 'vorbis-samples':
            cmd_vorbis_samples(args[0])
        elif cmd == 'trim-frames':
            cmd_trim_frames(args)
        elif cmd == 'check-ref':
            cmd_check_ref(args)
        elif cmd == 'verify-avi':
            cmd_verify_avi(args)
        elif cmd == 'manifest':
            cmd_manifest(args[0], args[1:])
        else:
            sys.stderr.write('unknown subcommand %s\n' % cmd)
            return 2
    except (Fail, ValueError, OSError, IndexError) as e:
        sys.stderr.write('mediatool %s: %s\n' % (cmd, e))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))

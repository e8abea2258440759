/* The Xiph-family codecs: FLAC (STREAMINFO), Opus (OpusHead), Vorbis (three header packets).
 *
 * Their extra bytes are exactly what libavcodec wants as extradata; what this file adds is
 * validation that allocates nothing (so a QUERY open can refuse garbage) and the size model
 * read from the headers themselves. */
#include "codecs.h"

#include <string.h>

/* ---- FLAC ---------------------------------------------------------------------------- */

#define STREAMINFO_SIZE 34

int ffacm_unpack_flac(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    const uint8_t *si = src->extra;
    size_t size = src->extra_size;
    /* Some writers keep the native "fLaC" marker and metadata block header in front. */
    if (size >= 8 + STREAMINFO_SIZE && memcmp(si, "fLaC", 4) == 0) {
        si += 8;
        size -= 8;
    }
    if (size < STREAMINFO_SIZE)
        return -1;
    unsigned min_block = ffacm_rd16((const uint8_t[2]){ si[1], si[0] });
    unsigned max_block = ffacm_rd16((const uint8_t[2]){ si[3], si[2] });
    uint32_t min_frame = (uint32_t)si[4] << 16 | (uint32_t)si[5] << 8 | si[6];
    uint32_t rate = (uint32_t)si[10] << 12 | (uint32_t)si[11] << 4 | si[12] >> 4;
    unsigned channels = ((si[12] >> 1) & 7) + 1;
    unsigned bps = (((si[12] & 1) << 4) | si[13] >> 4) + 1;
    if (max_block < 16 || min_block > max_block || rate == 0 || bps < 4)
        return -1;
    /* The smallest frame: a 6-byte header, a CRC-8, a 2-byte constant subframe per channel and
     * the CRC-16; STREAMINFO's own minimum frame size is used when it is known. */
    uint32_t smallest = 9 + 2 * channels;
    setup->unit_min_bytes = min_frame > smallest ? min_frame : smallest;
    setup->unit_max_frames = max_block;
    setup->packet_max_frames = max_block;
    setup->bits_per_coded_sample = (int)bps;
    ffacm_put_extradata(setup, extradata, si, STREAMINFO_SIZE);
    return 0;
}

/* ---- Opus ---------------------------------------------------------------------------- */

#define OPUSHEAD_SIZE 19
#define OPUS_MAX_FRAMES 5760 /* 120 ms at 48 kHz, the longest packet */

int ffacm_unpack_opus(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    const uint8_t *h = src->extra;
    if (src->extra_size < OPUSHEAD_SIZE || memcmp(h, "OpusHead", 8) != 0 || (h[8] >> 4) != 0)
        return -1;
    unsigned channels = h[9], family = h[18];
    if (channels == 0)
        return -1;
    if (family == 0 && channels > 2)
        return -1; /* more than stereo needs a channel mapping table */
    if (family != 0) {
        if (src->extra_size < (size_t)OPUSHEAD_SIZE + 2 + channels)
            return -1;
        unsigned streams = h[19], coupled = h[20];
        if (streams == 0 || coupled > streams || streams + coupled > 255)
            return -1;
        for (unsigned i = 0; i < channels; i++)
            if (h[21 + i] != 255 && h[21 + i] >= streams + coupled)
                return -1;
    }
    setup->sample_rate = 48000; /* Opus always decodes at 48 kHz */
    setup->channels = (int)channels;
    /* Pre-skip (bytes 10-11) is dropped by libavcodec's decoder itself from the extradata. */
    ffacm_put_extradata(setup, extradata, h, src->extra_size);
    return 0;
}

void ffacm_enum_opus(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra)
{
    memset(extra, 0, OPUSHEAD_SIZE);
    memcpy(extra, "OpusHead", 8);
    extra[8] = 1;
    extra[9] = (uint8_t)fmt->channels;
    ffacm_wr16(extra + 10, 312); /* libopus' lookahead at 48 kHz: what its encoder writes */
    ffacm_wr32(extra + 12, fmt->rate);
    fmt->avg_bytes_per_sec = bitrate / 8;
    fmt->block_align = 1;
    fmt->bits_per_sample = 0;
}

/* ---- Vorbis ---------------------------------------------------------------------------- */

/* Split FFmpeg-style Xiph-laced extradata (0x02, two lacing runs, three packets) or the
 * 16-bit length-prefixed form into the three header packets. */
int ffacm_split_xiph_headers(const uint8_t *p, size_t size, const uint8_t *pkt[3], size_t len[3])
{
    if (size >= 6 && p[0] == 0 && p[1] == 30) {
        size_t off = 0;
        for (int i = 0; i < 3; i++) {
            if (size - off < 2)
                return -1;
            len[i] = (size_t)p[off] << 8 | p[off + 1];
            off += 2;
            if (size - off < len[i])
                return -1;
            pkt[i] = p + off;
            off += len[i];
        }
        return 0;
    }
    if (size < 3 || p[0] != 2)
        return -1;
    size_t off = 1;
    for (int i = 0; i < 2; i++) {
        len[i] = 0;
        do {
            if (off >= size)
                return -1;
            len[i] += p[off];
        } while (p[off++] == 255);
    }
    if (len[0] + len[1] > size - off)
        return -1;
    pkt[0] = p + off;
    pkt[1] = pkt[0] + len[0];
    pkt[2] = pkt[1] + len[1];
    len[2] = size - off - len[0] - len[1];
    return 0;
}

int ffacm_unpack_vorbis(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    const uint8_t *pkt[3];
    size_t len[3];
    if (ffacm_split_xiph_headers(src->extra, src->extra_size, pkt, len) < 0)
        return -1;
    static const uint8_t types[3] = { 1, 3, 5 };
    for (int i = 0; i < 3; i++)
        if (len[i] < 7 || pkt[i][0] != types[i] || memcmp(pkt[i] + 1, "vorbis", 6) != 0)
            return -1;
    if (len[0] < 30)
        return -1;
    unsigned channels = pkt[0][11], blocks = pkt[0][28];
    unsigned long_block = 1u << (blocks >> 4);
    if (channels == 0 || (blocks >> 4) > 13 || (blocks & 15) < 6 || (blocks & 15) > (blocks >> 4))
        return -1;
    setup->channels = (int)channels;
    setup->sample_rate = (int)ffacm_rd32(pkt[0] + 12);
    if (setup->sample_rate <= 0)
        return -1;
    /* A packet overlaps half of the previous block with half of its own. */
    setup->unit_max_frames = long_block / 2;
    setup->packet_max_frames = long_block / 2;
    ffacm_put_extradata(setup, extradata, src->extra, src->extra_size);
    return 0;
}

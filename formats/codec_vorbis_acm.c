/* The Vorbis ACM codec's tags (0x674F-0x6751, "+" variants 0x676F-0x6771).
 *
 * WAVEFORMATEX is followed by 8 bytes of versions (the ACM codec's and libvorbis').  The data
 * is the encoder's Ogg page stream.  Mode 2 (0x6750, 0x6770) also carries the three header
 * packets as Ogg pages in the extra bytes: they become libavcodec's Xiph-laced extradata.
 * Mode 1 (0x674F, 0x676F) keeps the headers only at the start of the data: the decoder
 * gathers them from the stream before it opens (bridge/core/decoder.c, stream_headers).
 * Mode 3 leaves them out altogether: no decoder can be opened for it, so it is not a row. */
#include "codecs.h"

#include <string.h>

#define VERSIONS 8

/* Walk the Ogg pages in `p`: the sizes of the first three packets, and with `out` their
 * bytes back to back.  *ident points at packet 0 when it lies in one page (it always does:
 * the identification header has a page of its own).  Returns 0 when three packets were found. */
static int header_packets(const uint8_t *p, size_t n, size_t len[3], uint8_t *out, const uint8_t **ident)
{
    size_t k = 0, written = 0;
    unsigned index = 0;
    len[0] = len[1] = len[2] = 0;
    *ident = NULL;
    while (index < 3) {
        if (n - k < 27 || memcmp(p + k, "OggS", 4) != 0 || p[k + 4] != 0)
            return -1;
        unsigned segments = p[k + 26];
        if (n - k < 27u + segments)
            return -1;
        const uint8_t *table = p + k + 27, *body = table + segments;
        size_t offset = 0;
        for (unsigned i = 0; i < segments && index < 3; i++) {
            size_t size = table[i];
            if ((size_t)(p + n - body) < offset + size)
                return -1;
            if (index == 0 && len[0] == 0)
                *ident = body + offset;
            if (out)
                memcpy(out + written, body + offset, size);
            written += size;
            len[index] += size;
            offset += size;
            if (size < 255)
                index++;
        }
        size_t body_size = 0;
        for (unsigned i = 0; i < segments; i++)
            body_size += table[i];
        if ((size_t)(p + n - body) < body_size)
            return -1;
        k = (size_t)(body - p) + body_size;
    }
    return 0;
}

static size_t lace_size(size_t len) { return len / 255 + 1; }

static uint8_t *lace(uint8_t *o, size_t len)
{
    for (; len >= 255; len -= 255)
        *o++ = 255;
    *o++ = (uint8_t)len;
    return o;
}

int ffacm_unpack_vorbis_acm2(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    size_t len[3];
    const uint8_t *ident;
    if (src->extra_size < VERSIONS)
        return -1;
    const uint8_t *pages = src->extra + VERSIONS;
    size_t pages_size = src->extra_size - VERSIONS;
    if (header_packets(pages, pages_size, len, NULL, &ident) < 0 || !ident || len[0] < 30 ||
        ident[0] != 1 || memcmp(ident + 1, "vorbis", 6) != 0)
        return -1;
    unsigned channels = ident[11], blocks = ident[28];
    if (channels == 0 || (blocks >> 4) > 13 || (blocks & 15) < 6 || (blocks & 15) > (blocks >> 4))
        return -1;
    setup->channels = (int)channels;
    setup->sample_rate = (int)ffacm_rd32(ident + 12);
    if (setup->sample_rate <= 0)
        return -1;
    /* A packet overlaps half of the previous block with half of its own. */
    setup->unit_max_frames = (1u << (blocks >> 4)) / 2;
    setup->packet_max_frames = setup->unit_max_frames;
    /* A page can end a packet every two bytes (a lacing value and a one-byte packet, which
     * Vorbis decodes to a whole block): a true bound, if a generous one. */
    setup->unit_min_bytes = 2;
    size_t size = 1 + lace_size(len[0]) + lace_size(len[1]) + len[0] + len[1] + len[2];
    setup->extradata_size = size;
    if (size > pages_size)
        return -1; /* cannot be: the pages hold the same bytes plus their headers */
    if (extradata) {
        uint8_t *o = extradata;
        *o++ = 2;
        o = lace(o, len[0]);
        o = lace(o, len[1]);
        header_packets(pages, pages_size, len, o, &ident);
    }
    return 0;
}

int ffacm_unpack_vorbis_acm1(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    (void)extradata;
    if (src->extra_size < VERSIONS)
        return -1;
    /* Rate and channels come from WAVEFORMATEX until the identification header says otherwise
     * (the output keeps the opened format: a different stream is converted to it).  A block
     * is at most 8192 samples, so a packet gives at most 4096 (the row's bounds). */
    setup->stream_headers = 3;
    setup->extradata_size = 0;
    return 0;
}

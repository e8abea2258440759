#include "wavefmt.h"

#include <string.h>

/* KSDATAFORMAT_SUBTYPE_* GUIDs are {XXXXXXXX-0000-0010-8000-00AA00389B71} with the format tag
 * in the first field; stored little endian that is "tag tag 00 00" then this tail. */
static const uint8_t ks_guid_tail[12] = { 0x00, 0x00, 0x10, 0x00, 0x80, 0x00,
                                          0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 };

void ffacm_tag_guid(uint16_t tag, uint8_t guid[16])
{
    ffacm_wr16(guid, tag);
    guid[2] = guid[3] = 0;
    memcpy(guid + 4, ks_guid_tail, sizeof ks_guid_tail);
}

static uint16_t tag_from_guid(const uint8_t guid[16])
{
    if (guid[2] != 0 || guid[3] != 0 || memcmp(guid + 4, ks_guid_tail, sizeof ks_guid_tail) != 0)
        return 0;
    return ffacm_rd16(guid);
}

int ffacm_wavefmt_parse(const void *bytes, size_t size, ffacm_wavefmt *out)
{
    const uint8_t *p = bytes;
    memset(out, 0, sizeof *out);
    if (!p || size < 16)
        return FFACM_WAVEFMT_TRUNCATED;
    out->tag = ffacm_rd16(p);
    out->channels = ffacm_rd16(p + 2);
    out->rate = ffacm_rd32(p + 4);
    out->avg_bytes_per_sec = ffacm_rd32(p + 8);
    out->block_align = ffacm_rd16(p + 12);
    out->bits_per_sample = ffacm_rd16(p + 14);
    out->codec_tag = out->tag;
    if (out->tag == FFACM_TAG_PCM)
        return FFACM_WAVEFMT_OK; /* WAVEFORMAT/PCMWAVEFORMAT: cbSize is not part of it */
    if (size < FFACM_WAVEFORMATEX_SIZE)
        return FFACM_WAVEFMT_TRUNCATED;
    out->cb_size = ffacm_rd16(p + 16);
    if (size - FFACM_WAVEFORMATEX_SIZE < out->cb_size)
        return FFACM_WAVEFMT_TRUNCATED;
    out->extra = p + FFACM_WAVEFORMATEX_SIZE;
    out->extra_size = out->cb_size;
    if (out->tag == FFACM_TAG_EXTENSIBLE) {
        if (out->extra_size < FFACM_EXTENSIBLE_EXTRA)
            return FFACM_WAVEFMT_INVALID;
        out->valid_bits = ffacm_rd16(out->extra);
        out->channel_mask = ffacm_rd32(out->extra + 2);
        memcpy(out->subformat, out->extra + 6, 16);
        out->codec_tag = tag_from_guid(out->subformat);
        out->extra += FFACM_EXTENSIBLE_EXTRA;
        out->extra_size -= FFACM_EXTENSIBLE_EXTRA;
    }
    return FFACM_WAVEFMT_OK;
}

size_t ffacm_wavefmt_size(const ffacm_wavefmt *fmt)
{
    return FFACM_WAVEFORMATEX_SIZE + (fmt->tag == FFACM_TAG_EXTENSIBLE ? FFACM_EXTENSIBLE_EXTRA : 0) +
           fmt->extra_size;
}

size_t ffacm_wavefmt_write(const ffacm_wavefmt *fmt, void *dst, size_t cap)
{
    uint8_t *p = dst;
    size_t total = ffacm_wavefmt_size(fmt);
    size_t cb = total - FFACM_WAVEFORMATEX_SIZE;
    if (total > cap || cb > 0xFFFF)
        return 0;
    ffacm_wr16(p, fmt->tag);
    ffacm_wr16(p + 2, fmt->channels);
    ffacm_wr32(p + 4, fmt->rate);
    ffacm_wr32(p + 8, fmt->avg_bytes_per_sec);
    ffacm_wr16(p + 12, fmt->block_align);
    ffacm_wr16(p + 14, fmt->bits_per_sample);
    ffacm_wr16(p + 16, (uint16_t)cb);
    p += FFACM_WAVEFORMATEX_SIZE;
    if (fmt->tag == FFACM_TAG_EXTENSIBLE) {
        ffacm_wr16(p, fmt->valid_bits);
        ffacm_wr32(p + 2, fmt->channel_mask);
        memcpy(p + 6, fmt->subformat, 16);
        p += FFACM_EXTENSIBLE_EXTRA;
    }
    if (fmt->extra_size)
        memmove(p, fmt->extra, fmt->extra_size);
    return total;
}

void ffacm_wavefmt_pcm(ffacm_wavefmt *out, uint32_t rate, uint16_t channels, uint16_t bits,
                       int float_samples, int extensible, uint32_t channel_mask)
{
    uint16_t tag = float_samples ? FFACM_TAG_IEEE_FLOAT : FFACM_TAG_PCM;
    memset(out, 0, sizeof *out);
    out->tag = extensible ? FFACM_TAG_EXTENSIBLE : tag;
    out->codec_tag = tag;
    out->channels = channels;
    out->rate = rate;
    out->bits_per_sample = bits;
    out->block_align = (uint16_t)(channels * ((bits + 7) / 8));
    out->avg_bytes_per_sec = rate * out->block_align;
    if (extensible) {
        out->valid_bits = bits;
        out->channel_mask = channel_mask;
        ffacm_tag_guid(tag, out->subformat);
    }
}

int ffacm_wavefmt_is_pcm(const ffacm_wavefmt *fmt) { return fmt->codec_tag == FFACM_TAG_PCM; }
int ffacm_wavefmt_is_float(const ffacm_wavefmt *fmt) { return fmt->codec_tag == FFACM_TAG_IEEE_FLOAT; }

/* Encoding AAC-LC with FFmpeg's native encoder.
 *
 * 0x00FF carries raw access units with the AudioSpecificConfig in the format: a raw AU does
 * not say how long it is, so they go out one per convert call (each AU does end with an
 * ID_END element, which is why FFmpeg's decoder - and ffacm through it - can still walk a
 * buffer of several AUs in a row).  0x1600 wraps each AU in a 7-byte ADTS header: a stream
 * any host can cut anywhere. */
#include <libavcodec/avcodec.h>

#include "codecs.h"

static const uint32_t rates[13] = { 96000, 88200, 64000, 48000, 44100, 32000, 24000,
                                    22050, 16000, 12000, 11025, 8000, 7350 };

static int rate_index(uint32_t rate)
{
    for (int i = 0; i < 13; i++)
        if (rates[i] == rate)
            return i;
    return -1;
}

int ffacm_valid_aac(uint32_t rate, uint16_t channels, uint32_t bitrate)
{
    uint32_t per_channel = bitrate / channels;
    /* An AAC frame holds at most 6144 bits per channel: 6144 * rate / 1024 bit/s. */
    return rate_index(rate) >= 0 && per_channel >= 16000 && per_channel <= 160000 &&
           (uint64_t)per_channel <= 6ull * rate;
}

static int configure_common(const ffacm_wavefmt *dst, AVCodecContext *ctx)
{
    uint32_t bitrate = dst->avg_bytes_per_sec * 8;
    if (dst->channels < 1 || dst->channels > 2 || !ffacm_valid_aac(dst->rate, dst->channels, bitrate))
        return -1;
    if (ctx) {
        ctx->bit_rate = bitrate;
        ctx->profile = FF_PROFILE_AAC_LOW;
    }
    return 0;
}

/* The format's AudioSpecificConfig must describe what the encoder writes: AAC-LC, this rate
 * and channel configuration. */
static int configure_raw(const ffacm_wavefmt *dst, AVCodecContext *ctx)
{
    if (dst->extra_size < 2)
        return -1;
    unsigned aot = dst->extra[0] >> 3;
    unsigned freq = (dst->extra[0] & 7) << 1 | dst->extra[1] >> 7;
    unsigned chan = (dst->extra[1] >> 3) & 15;
    if (aot != 2 || (int)freq != rate_index(dst->rate) || chan != dst->channels)
        return -1;
    return configure_common(dst, ctx);
}

static int configure_adts(const ffacm_wavefmt *dst, AVCodecContext *ctx)
{
    return configure_common(dst, ctx);
}

static uint32_t aac_max_packet(const ffacm_wavefmt *dst) { return 768u * dst->channels; }

/* ADTS header (ISO 14496-3 1.A.3.2): MPEG-4, no CRC, AAC-LC, one raw data block. */
static size_t wrap_adts(const AVCodecContext *ctx, const uint8_t *pkt, size_t size, uint8_t *out)
{
    size_t length = size + 7;
    unsigned sf = (unsigned)rate_index((uint32_t)ctx->sample_rate);
    unsigned ch = (unsigned)ctx->ch_layout.nb_channels;
    out[0] = 0xFF;
    out[1] = 0xF1;                                     /* sync, MPEG-4, layer 0, no CRC */
    out[2] = (uint8_t)(1 << 6 | sf << 2 | ch >> 2);    /* profile LC (1), rate, channels */
    out[3] = (uint8_t)((ch & 3) << 6 | (length >> 11 & 3));
    out[4] = (uint8_t)(length >> 3);
    out[5] = (uint8_t)((length & 7) << 5 | 0x1F);      /* buffer fullness 0x7FF: VBR */
    out[6] = 0xFC;                                     /* ... and one raw data block */
    for (size_t i = 0; i < size; i++)
        out[7 + i] = pkt[i];
    return length;
}

const ffacm_encoder_spec ffacm_encode_aac = {
    .encoder = "aac", .one_packet_per_call = 1, .min_frame = 1024, .max_packet_bytes = aac_max_packet,
    .configure = configure_raw,
};

const ffacm_encoder_spec ffacm_encode_adts = {
    .encoder = "aac", .min_frame = 1024, .max_packet_bytes = aac_max_packet, .configure = configure_adts,
    .wrap = wrap_adts,
};

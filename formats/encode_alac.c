/* Encoding ALAC with FFmpeg's alac encoder.
 *
 * Tag 0x6C61 carries the 36-byte 'alac' atom (the magic cookie) as extra bytes, and raw ALAC
 * packets as data.  A packet does not say how long it is, so they go out one per convert call
 * (like raw AAC).  The cookie of a standard format is exactly the one FFmpeg's encoder writes
 * as extradata (alacenc.c, alac_encode_init), computed here from rate, channels and depth
 * without opening the encoder; configure refuses a format whose cookie says anything else,
 * since a decoder reads the frame length and depth from it. */
#include <string.h>

#include <libavcodec/avcodec.h>

#include "codecs.h"

#define ALAC_FRAME 4096u /* alacenc's DEFAULT_FRAME_SIZE: every frame but the last */
#define ALAC_COOKIE 36u

/* alacenc's get_max_frame_size: a verbatim frame (23 header bits, the samples, 3 end bits).
 * The encoder falls back to such a frame when prediction does worse, so no packet is longer. */
static uint32_t alac_max_frame(unsigned channels, unsigned bits)
{
    return (23u + bits * channels * ALAC_FRAME + 3u + 7u) / 8u;
}

static void wr32be(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}

/* The atom FFmpeg's encoder writes at its default compression level (1 and 2 write the same;
 * level 0 leaves the Rice parameters 40/10/14 out, see configure_alac). */
static void alac_cookie(uint32_t rate, unsigned channels, unsigned bits, uint8_t out[ALAC_COOKIE])
{
    memset(out, 0, ALAC_COOKIE);
    wr32be(out, ALAC_COOKIE);
    memcpy(out + 4, "alac", 4);
    wr32be(out + 12, ALAC_FRAME);       /* frameLength (version/flags and compatibleVersion 0) */
    out[17] = (uint8_t)bits;            /* bitDepth */
    out[18] = 40;                       /* pb: history_mult */
    out[19] = 10;                       /* mb: initial_history */
    out[20] = 14;                       /* kb: k_modifier */
    out[21] = (uint8_t)channels;        /* numChannels (maxRun stays 0, as FFmpeg writes it) */
    wr32be(out + 24, alac_max_frame(channels, bits));
    wr32be(out + 28, rate * channels * bits); /* avgBitRate: FFmpeg writes the PCM rate */
    wr32be(out + 32, rate);
}

void ffacm_enum_alac(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra)
{
    (void)bitrate;
    alac_cookie(fmt->rate, fmt->channels, fmt->bits_per_sample, extra);
    /* Packets of varying size, as for raw AAC and Opus; the byte rate is a hint for hosts
     * that show one (lossless: about 60 % of PCM for music). */
    fmt->block_align = 1;
    fmt->avg_bytes_per_sec = fmt->rate * fmt->channels * fmt->bits_per_sample / 8 * 6 / 10;
}

static int configure_alac(const ffacm_wavefmt *dst, AVCodecContext *ctx)
{
    unsigned bits = dst->bits_per_sample, channels = dst->channels;
    if (channels < 1 || channels > 2 || (bits != 16 && bits != 24) || dst->rate < 1000 || dst->rate > 768000)
        return -1;
    uint8_t cookie[ALAC_COOKIE];
    alac_cookie(dst->rate, channels, bits, cookie);
    /* The whole atom, or the bare 24-byte ALACSpecificConfig the decoder also takes. */
    int same = (dst->extra_size >= ALAC_COOKIE && memcmp(dst->extra, cookie, ALAC_COOKIE) == 0) ||
               (dst->extra_size == ALAC_COOKIE - 12 && memcmp(dst->extra, cookie + 12, ALAC_COOKIE - 12) == 0);
    if (!same)
        return -1;
    if (ctx) {
        /* alacenc codes 16 bits from s16p, 24 from s32p (it lists s32p first). */
        ctx->sample_fmt = bits == 24 ? AV_SAMPLE_FMT_S32P : AV_SAMPLE_FMT_S16P;
        ctx->bits_per_raw_sample = (int)bits;
        if (ctx->compression_level == 0) /* level 0 writes a different cookie */
            ctx->compression_level = 1;
    }
    return 0;
}

static uint32_t alac_max_packet(const ffacm_wavefmt *dst)
{
    return alac_max_frame(dst->channels, dst->bits_per_sample);
}

const ffacm_encoder_spec ffacm_encode_alac = {
    .encoder = "alac", .one_packet_per_call = 1, .min_frame = ALAC_FRAME, .max_packet_bytes = alac_max_packet,
    .configure = configure_alac,
};

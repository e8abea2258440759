/* Encoding the classic ACM formats: A-law and u-law (G.711), IMA ADPCM and MS ADPCM, with
 * FFmpeg's pcm_alaw/pcm_mulaw/adpcm_ima_wav/adpcm_ms.
 *
 * The ADPCM formats are whole blocks of nBlockAlign bytes; Windows' own codecs use 256 bytes
 * per channel up to 11 kHz, 512 at 22 kHz and 1024 at 44 kHz, and so do ffacm's standard
 * formats.  FFmpeg's encoders take any power-of-two block size from 32 to 8192 bytes. */
#include <libavcodec/avcodec.h>
#include <libavutil/opt.h>

#include "codecs.h"

/* ---- G.711 ---------------------------------------------------------------------------- */

static int configure_g711(const ffacm_wavefmt *dst, AVCodecContext *ctx)
{
    (void)ctx;
    return dst->channels >= 1 && dst->channels <= 8 && dst->bits_per_sample == 8 &&
                   dst->block_align == dst->channels
               ? 0
               : -1;
}

/* A frame of FALLBACK samples: one byte per sample and channel. */
static uint32_t g711_max_packet(const ffacm_wavefmt *dst) { return 1024u * dst->channels; }

const ffacm_encoder_spec ffacm_encode_alaw = {
    .encoder = "pcm_alaw", .sample_codec = 1, .min_frame = 1024, .max_packet_bytes = g711_max_packet, .configure = configure_g711,
};
const ffacm_encoder_spec ffacm_encode_mulaw = {
    .encoder = "pcm_mulaw", .sample_codec = 1, .min_frame = 1024, .max_packet_bytes = g711_max_packet, .configure = configure_g711,
};

/* ---- ADPCM ----------------------------------------------------------------------------- */

static const int16_t ms_coef[7][2] = { { 256, 0 },   { 512, -256 }, { 0, 0 },      { 192, 64 },
                                       { 240, 0 },   { 460, -208 }, { 392, -232 } };

static uint16_t standard_block(uint32_t rate, unsigned channels)
{
    unsigned per_channel = rate <= 11025 ? 256 : rate <= 22050 ? 512 : 1024;
    return (uint16_t)(per_channel * channels);
}

static unsigned ima_samples(unsigned block, unsigned ch) { return (block - 4 * ch) * 8 / (4 * ch) + 1; }
static unsigned ms_samples(unsigned block, unsigned ch) { return (block - 7 * ch) * 2 / ch + 2; }

void ffacm_enum_ima(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra)
{
    (void)bitrate;
    fmt->block_align = standard_block(fmt->rate, fmt->channels);
    fmt->bits_per_sample = 4;
    unsigned spb = ima_samples(fmt->block_align, fmt->channels);
    ffacm_wr16(extra, (uint16_t)spb);
    fmt->avg_bytes_per_sec = (uint32_t)((uint64_t)fmt->rate * fmt->block_align / spb);
}

void ffacm_enum_msadpcm(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra)
{
    (void)bitrate;
    fmt->block_align = standard_block(fmt->rate, fmt->channels);
    fmt->bits_per_sample = 4;
    unsigned spb = ms_samples(fmt->block_align, fmt->channels);
    ffacm_wr16(extra, (uint16_t)spb);
    ffacm_wr16(extra + 2, 7);
    for (int i = 0; i < 7; i++) {
        ffacm_wr16(extra + 4 + 4 * i, (uint16_t)ms_coef[i][0]);
        ffacm_wr16(extra + 6 + 4 * i, (uint16_t)ms_coef[i][1]);
    }
    fmt->avg_bytes_per_sec = (uint32_t)((uint64_t)fmt->rate * fmt->block_align / spb);
}

static int block_ok(const ffacm_wavefmt *dst, unsigned overhead)
{
    unsigned b = dst->block_align;
    return dst->channels >= 1 && dst->channels <= 2 && dst->bits_per_sample == 4 && b >= 32 && b <= 8192 &&
           (b & (b - 1)) == 0 && b > overhead * dst->channels;
}

static int configure_ima(const ffacm_wavefmt *dst, AVCodecContext *ctx)
{
    if (!block_ok(dst, 4) ||
        (dst->extra_size >= 2 && ffacm_rd16(dst->extra) != ima_samples(dst->block_align, dst->channels)))
        return -1;
    if (ctx)
        av_opt_set_int(ctx->priv_data, "block_size", dst->block_align, 0);
    return 0;
}

static int configure_msadpcm(const ffacm_wavefmt *dst, AVCodecContext *ctx)
{
    if (!block_ok(dst, 7))
        return -1;
    if (dst->extra_size >= 4) { /* the block size and the standard coefficient table */
        if (ffacm_rd16(dst->extra) != ms_samples(dst->block_align, dst->channels) || ffacm_rd16(dst->extra + 2) != 7 ||
            dst->extra_size < 32)
            return -1;
        for (int i = 0; i < 7; i++)
            if ((int16_t)ffacm_rd16(dst->extra + 4 + 4 * i) != ms_coef[i][0] ||
                (int16_t)ffacm_rd16(dst->extra + 6 + 4 * i) != ms_coef[i][1])
                return -1;
    }
    if (ctx)
        av_opt_set_int(ctx->priv_data, "block_size", dst->block_align, 0);
    return 0;
}

static uint32_t block_max_packet(const ffacm_wavefmt *dst) { return dst->block_align; }

const ffacm_encoder_spec ffacm_encode_ima = {
    .encoder = "adpcm_ima_wav", .min_frame = 57, .max_packet_bytes = block_max_packet, .configure = configure_ima,
};
const ffacm_encoder_spec ffacm_encode_msadpcm = {
    .encoder = "adpcm_ms", .min_frame = 52, .max_packet_bytes = block_max_packet, .configure = configure_msadpcm,
};

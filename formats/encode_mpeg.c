/* Encoding MPEG audio: MP3 through LAME (libmp3lame), Layer II through FFmpeg's mp2.
 *
 * MP3 formats come in three kinds, told apart by MPEGLAYER3WAVEFORMAT.fdwFlags:
 *   CBR  - fdwFlags PADDING_ISO, nAvgBytesPerSec = bitrate/8, nBlockSize = frame size;
 *   VBR  - FFACM_MP3_VBR | quality << 20 (LAME -V quality), nAvgBytesPerSec = LAME's typical
 *          average for that quality (an estimate, as for any VBR stream), nBlockSize 0;
 *   ABR  - FFACM_MP3_ABR, nAvgBytesPerSec = the target average.
 * nCodecDelay is the real encoder delay (LAME's 576 plus the decoder's 529). */
#include <string.h>

#include <libavcodec/avcodec.h>
#include <libavutil/opt.h>

#include "codecs.h"

#define MPEGLAYER3_ID_MPEG 1
#define MPEGLAYER3_FLAG_PADDING_ISO 0
#define MP3_CODEC_DELAY 1105
#define ACM_MPEG_LAYER2 2
#define ACM_MPEG_STEREO 1
#define ACM_MPEG_JOINTSTEREO 2
#define ACM_MPEG_SINGLECHANNEL 8
#define ACM_MPEG_ID_MPEG1 0x10

static const uint16_t l3_kbps[2][15] = {
    { 0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320 }, /* MPEG-1 */
    { 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160 },     /* MPEG-2/2.5 */
};
static const uint16_t l2_kbps[2][15] = {
    { 0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384 },
    { 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160 },
};
/* LAME's typical averages for -V 0..9 at 44.1 kHz stereo (kbit/s). */
static const uint16_t vbr_kbps[10] = { 245, 225, 190, 175, 165, 130, 115, 100, 85, 65 };

static int lsf(uint32_t rate) { return rate < 32000; }

static int mpeg_rate(uint32_t rate)
{
    static const uint32_t rates[] = { 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000 };
    for (size_t i = 0; i < sizeof rates / sizeof rates[0]; i++)
        if (rates[i] == rate)
            return 1;
    return 0;
}

static int table_has(const uint16_t table[2][15], uint32_t rate, uint32_t bitrate)
{
    for (int i = 1; i < 15; i++)
        if (table[lsf(rate)][i] * 1000u == bitrate)
            return 1;
    return 0;
}

/* ---- MP3 ---------------------------------------------------------------------------- */

int ffacm_valid_mp3(uint32_t rate, uint16_t channels, uint32_t bitrate)
{
    (void)channels;
    if (bitrate & FFACM_BR_VBR_FLAG) /* VBR/ABR presets: full-rate MPEG-1 only */
        return !lsf(rate);
    if (bitrate & FFACM_BR_ABR_FLAG)
        return !lsf(rate);
    if (rate <= 12000 && bitrate > 64000) /* MPEG-2.5: LAME goes no higher */
        return 0;
    return table_has(l3_kbps, rate, bitrate);
}

void ffacm_enum_mp3(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra)
{
    uint32_t flags = MPEGLAYER3_FLAG_PADDING_ISO, block = 0, avg;
    if (bitrate & FFACM_BR_VBR_FLAG) {
        uint32_t q = bitrate & 15;
        flags = FFACM_MP3_VBR | q << 20;
        avg = vbr_kbps[q] * 1000u / (fmt->channels == 1 ? 2 : 1);
    } else if (bitrate & FFACM_BR_ABR_FLAG) {
        flags = FFACM_MP3_ABR;
        avg = bitrate & 0x0FFFFFFF;
    } else {
        avg = bitrate;
        block = (lsf(fmt->rate) ? 72 : 144) * bitrate / fmt->rate;
    }
    fmt->avg_bytes_per_sec = avg / 8;
    fmt->block_align = 1;
    fmt->bits_per_sample = 0;
    ffacm_wr16(extra, MPEGLAYER3_ID_MPEG);
    ffacm_wr32(extra + 2, flags);
    ffacm_wr16(extra + 6, (uint16_t)block);
    ffacm_wr16(extra + 8, 1);
    ffacm_wr16(extra + 10, MP3_CODEC_DELAY);
}

static int configure_mp3(const ffacm_wavefmt *dst, AVCodecContext *ctx)
{
    if (!mpeg_rate(dst->rate) || dst->channels < 1 || dst->channels > 2)
        return -1;
    uint32_t flags = dst->extra_size >= 12 ? ffacm_rd32(dst->extra + 2) : 0;
    uint32_t bitrate = dst->avg_bytes_per_sec * 8;
    if (flags & FFACM_MP3_VBR) {
        unsigned q = (flags >> 20) & 15;
        if (q > 9 || lsf(dst->rate))
            return -1;
        if (ctx) {
            ctx->flags |= AV_CODEC_FLAG_QSCALE;
            ctx->global_quality = (int)q * FF_QP2LAMBDA;
        }
        return 0;
    }
    if (flags & FFACM_MP3_ABR) {
        if (bitrate < 8000 || bitrate > 320000 || lsf(dst->rate))
            return -1;
        if (ctx) {
            ctx->bit_rate = bitrate;
            av_opt_set_int(ctx->priv_data, "abr", 1, 0);
        }
        return 0;
    }
    if (!ffacm_valid_mp3(dst->rate, dst->channels, bitrate))
        return -1; /* a bitrate MPEG does not have: refused, never rounded */
    if (ctx)
        ctx->bit_rate = bitrate;
    return 0;
}

/* The longest Layer III frame: 320 kbit/s at 32 kHz, padded (1441 bytes). */
static uint32_t mp3_max_packet(const ffacm_wavefmt *dst) { (void)dst; return 1441; }

const ffacm_encoder_spec ffacm_encode_mp3 = {
    .encoder = "libmp3lame", .min_frame = 576, .max_packet_bytes = mp3_max_packet, .configure = configure_mp3,
};

/* ---- MPEG-1/2 Layer II ----------------------------------------------------------------- */

int ffacm_valid_mp2(uint32_t rate, uint16_t channels, uint32_t bitrate)
{
    if (rate < 16000 || !mpeg_rate(rate) || !table_has(l2_kbps, rate, bitrate))
        return 0;
    /* Layer II allows only some bitrates per channel mode (ISO 11172-3, 2.4.2.3). */
    if (!lsf(rate) && channels == 1 && bitrate > 192000)
        return 0;
    if (!lsf(rate) && channels == 2 && (bitrate < 64000 || bitrate == 80000))
        return 0;
    return 1;
}

void ffacm_enum_mpeg1(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra)
{
    memset(extra, 0, 22);
    fmt->avg_bytes_per_sec = bitrate / 8;
    /* A whole number of bytes per frame only where padding never occurs. */
    uint32_t frame = 144 * bitrate;
    fmt->block_align = frame % fmt->rate == 0 ? (uint16_t)(frame / fmt->rate) : 1;
    fmt->bits_per_sample = 0;
    ffacm_wr16(extra, ACM_MPEG_LAYER2);
    ffacm_wr32(extra + 2, bitrate);
    ffacm_wr16(extra + 6, fmt->channels == 1 ? ACM_MPEG_SINGLECHANNEL : ACM_MPEG_STEREO);
    ffacm_wr16(extra + 10, 1); /* wHeadEmphasis: none */
    ffacm_wr16(extra + 12, lsf(fmt->rate) ? 0 : ACM_MPEG_ID_MPEG1);
}

static int configure_mp2(const ffacm_wavefmt *dst, AVCodecContext *ctx)
{
    uint32_t bitrate = dst->avg_bytes_per_sec * 8;
    if (dst->channels < 1 || dst->channels > 2 || !ffacm_valid_mp2(dst->rate, dst->channels, bitrate))
        return -1;
    if (dst->extra_size >= 22) {
        unsigned layer = ffacm_rd16(dst->extra);
        uint32_t head_bitrate = ffacm_rd32(dst->extra + 2);
        if (layer != ACM_MPEG_LAYER2 || (head_bitrate && head_bitrate != bitrate))
            return -1;
    }
    if (ctx)
        ctx->bit_rate = bitrate;
    return 0;
}

/* The longest Layer II frame: 384 kbit/s at 32 kHz, padded (1729 bytes). */
static uint32_t mp2_max_packet(const ffacm_wavefmt *dst) { (void)dst; return 1729; }

const ffacm_encoder_spec ffacm_encode_mp2 = {
    .encoder = "mp2", .min_frame = 1152, .max_packet_bytes = mp2_max_packet, .configure = configure_mp2,
};

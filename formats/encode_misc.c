/* Encoding AC-3 (FFmpeg's ac3), E-AC-3 (FFmpeg's eac3), FLAC (FFmpeg's flac) and Opus (libopus). */
#include <string.h>

#include <libavcodec/avcodec.h>
#include <libavutil/opt.h>

#include "codecs.h"

/* ---- AC-3 ------------------------------------------------------------------------------ */

static const uint16_t ac3_kbps[19] = { 32, 40, 48, 56, 64, 80, 96, 112, 128, 160,
                                       192, 224, 256, 320, 384, 448, 512, 576, 640 };

int ffacm_valid_ac3(uint32_t rate, uint16_t channels, uint32_t bitrate)
{
    if (rate != 32000 && rate != 44100 && rate != 48000)
        return 0;
    int known = 0;
    for (int i = 0; i < 19; i++)
        known |= ac3_kbps[i] * 1000u == bitrate;
    /* Below ~48 kbit/s a channel is not worth coding; above 320 it gains nothing. */
    return known && bitrate / channels >= 48000 && bitrate / channels <= 320000;
}

void ffacm_enum_ac3(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra)
{
    (void)extra;
    fmt->avg_bytes_per_sec = bitrate / 8;
    /* Frames of 1536 samples have a fixed size at 48 and 32 kHz; at 44.1 kHz they alternate. */
    uint64_t bits = (uint64_t)bitrate * 1536;
    fmt->block_align = bits % ((uint64_t)fmt->rate * 8) == 0 ? (uint16_t)(bits / fmt->rate / 8) : 1;
    fmt->bits_per_sample = 0;
}

static int configure_ac3(const ffacm_wavefmt *dst, AVCodecContext *ctx)
{
    uint32_t bitrate = dst->avg_bytes_per_sec * 8;
    if (dst->channels < 1 || dst->channels > 6 || !ffacm_valid_ac3(dst->rate, dst->channels, bitrate))
        return -1;
    if (ctx)
        ctx->bit_rate = bitrate;
    return 0;
}

static uint32_t ac3_max_packet(const ffacm_wavefmt *dst) { (void)dst; return 3840; }

const ffacm_encoder_spec ffacm_encode_ac3 = {
    .encoder = "ac3", .min_frame = 1536, .max_packet_bytes = ac3_max_packet, .configure = configure_ac3,
};

/* E-AC-3 (FFmpeg's eac3): the same rates and bitrates, frames of 1536 samples (six blocks)
 * that state their own length, so they go out back to back as AC-3 frames do.  Its format is
 * WAVE_FORMAT_EXTENSIBLE with the E-AC-3 subformat; nothing in it but the bitrate matters. */
static uint32_t eac3_max_packet(const ffacm_wavefmt *dst) { (void)dst; return 4096; } /* frmsiz: 2048 words */

const ffacm_encoder_spec ffacm_encode_eac3 = {
    .encoder = "eac3", .min_frame = 1536, .max_packet_bytes = eac3_max_packet, .configure = configure_ac3,
};

/* ---- FLAC ------------------------------------------------------------------------------ */

/* FFmpeg's FLAC encoder picks the largest standard block size within 105 ms. */
static unsigned flac_block_size(uint32_t rate)
{
    static const unsigned sizes[] = { 192, 576, 1152, 2304, 4608, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768 };
    unsigned target = rate * 105 / 1000, best = 192;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        if (sizes[i] <= target && sizes[i] > best)
            best = sizes[i];
    return best;
}

void ffacm_enum_flac(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra)
{
    (void)bitrate;
    unsigned block = flac_block_size(fmt->rate), ch = fmt->channels, bps = fmt->bits_per_sample;
    memset(extra, 0, 34);
    extra[0] = (uint8_t)(block >> 8); extra[1] = (uint8_t)block;
    extra[2] = (uint8_t)(block >> 8); extra[3] = (uint8_t)block;
    extra[10] = (uint8_t)(fmt->rate >> 12);
    extra[11] = (uint8_t)(fmt->rate >> 4);
    extra[12] = (uint8_t)((fmt->rate & 15) << 4 | (ch - 1) << 1 | (bps - 1) >> 4);
    extra[13] = (uint8_t)(((bps - 1) & 15) << 4);
    fmt->block_align = (uint16_t)(ch * bps / 8);
    /* Lossless: about 60 % of PCM for music; only a hint for hosts that show bitrates. */
    fmt->avg_bytes_per_sec = fmt->rate * fmt->block_align * 6 / 10;
}

static int configure_flac(const ffacm_wavefmt *dst, AVCodecContext *ctx)
{
    unsigned bps = dst->bits_per_sample;
    if (dst->channels < 1 || dst->channels > 8 || (bps != 16 && bps != 24) || dst->rate > 655350)
        return -1;
    const uint8_t *si = dst->extra;
    if (dst->extra_size >= 42 && memcmp(si, "fLaC", 4) == 0)
        si += 8;
    if (dst->extra_size >= 34) { /* a STREAMINFO must say the same as the format */
        uint32_t rate = (uint32_t)si[10] << 12 | (uint32_t)si[11] << 4 | si[12] >> 4;
        unsigned ch = ((si[12] >> 1) & 7) + 1, sbps = (((si[12] & 1) << 4) | si[13] >> 4) + 1;
        if (rate != dst->rate || ch != dst->channels || sbps != bps)
            return -1;
    }
    if (ctx)
        ctx->bits_per_raw_sample = (int)bps;
    return 0;
}

/* A verbatim frame: header, per channel a subframe header and the raw samples, CRC. */
static uint32_t flac_max_packet(const ffacm_wavefmt *dst)
{
    unsigned block = flac_block_size(dst->rate);
    return 18 + dst->channels * (2 + block * (dst->bits_per_sample + 1u) / 8) + 2;
}

const ffacm_encoder_spec ffacm_encode_flac = {
    .encoder = "flac", .min_frame = 192, .max_packet_bytes = flac_max_packet, .configure = configure_flac,
};

/* ---- Opus ------------------------------------------------------------------------------ */

#define OPUS_PRESKIP 312 /* libopus' lookahead at 48 kHz, application "audio", 20 ms frames */

int ffacm_valid_opus(uint32_t rate, uint16_t channels, uint32_t bitrate)
{
    return rate == 48000 && bitrate / channels >= 16000 && bitrate / channels <= 128000;
}

static int configure_opus(const ffacm_wavefmt *dst, AVCodecContext *ctx)
{
    const uint8_t *h = dst->extra;
    uint32_t bitrate = dst->avg_bytes_per_sec * 8;
    if (dst->channels < 1 || dst->channels > 2 || !ffacm_valid_opus(dst->rate, dst->channels, bitrate))
        return -1;
    /* The OpusHead must be the one this encoder writes: the pre-skip decoders will drop. */
    if (dst->extra_size < 19 || memcmp(h, "OpusHead", 8) != 0 || h[9] != dst->channels || h[18] != 0 ||
        ffacm_rd16(h + 10) != OPUS_PRESKIP)
        return -1;
    if (ctx)
        ctx->bit_rate = bitrate;
    return 0;
}

static uint32_t opus_max_packet(const ffacm_wavefmt *dst) { (void)dst; return 1276; }

const ffacm_encoder_spec ffacm_encode_opus = {
    .encoder = "libopus", .one_packet_per_call = 1, .min_frame = 960, .max_packet_bytes = opus_max_packet,
    .configure = configure_opus,
};

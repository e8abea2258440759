/* Encoding GSM 6.10 in its Microsoft packing (WAVE_FORMAT_GSM610, 0x0031) with FFmpeg's
 * libgsm_ms, a wrapper around libgsm: FFmpeg has no GSM encoder of its own.
 *
 * A block is two GSM frames, 320 samples in 65 bytes, mono.  The formats are those of
 * Windows' own GSM 6.10 codec (msgsm32.acm, the DDK's gsm610 sample): GSM610WAVEFORMAT with
 * nBlockAlign 65, wBitsPerSample 0, cbSize 2, wSamplesPerBlock 320 and
 * nAvgBytesPerSec = nSamplesPerSec * 65 / 320 (1625 at 8 kHz), at 8000, 11025, 22050 and
 * 44100 Hz.  GSM is defined at 8 kHz only; libgsm itself does not care about the rate, but
 * libgsm_ms refuses any other unless strict_std_compliance allows unofficial streams, so the
 * other three rates ask for that (as `ffmpeg -strict unofficial -c:a libgsm_ms` does).
 * Every decoder ffacm was checked against (its own, Debian's ffmpeg) plays them at the
 * rate the header gives. */
#include <libavcodec/avcodec.h>

#include "codecs.h"

#define GSM_BLOCK 65
#define GSM_SAMPLES 320
#define GSM_RATE 8000

/* The rates of the standard formats (format_table.c's gsm_rates). */
static int valid_rate(uint32_t rate)
{
    return rate == 8000 || rate == 11025 || rate == 22050 || rate == 44100;
}

void ffacm_enum_gsm(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra)
{
    (void)bitrate;
    fmt->block_align = GSM_BLOCK;
    fmt->bits_per_sample = 0;
    fmt->avg_bytes_per_sec = fmt->rate * GSM_BLOCK / GSM_SAMPLES;
    ffacm_wr16(extra, GSM_SAMPLES);
}

static int configure_gsm(const ffacm_wavefmt *dst, AVCodecContext *ctx)
{
    if (dst->channels != 1 || !valid_rate(dst->rate) || dst->block_align != GSM_BLOCK ||
        dst->bits_per_sample != 0 || (dst->extra_size >= 2 && ffacm_rd16(dst->extra) != GSM_SAMPLES))
        return -1;
    if (ctx && dst->rate != GSM_RATE)
        ctx->strict_std_compliance = FF_COMPLIANCE_UNOFFICIAL;
    return 0;
}

static uint32_t gsm_max_packet(const ffacm_wavefmt *dst) { (void)dst; return GSM_BLOCK; }

/* libgsm_ms has no CAP_SMALL_LAST_FRAME: the encoder session pads the last block with
 * silence, as FFmpeg's own encode loop does, so the bytes match `ffmpeg -c:a libgsm_ms`. */
const ffacm_encoder_spec ffacm_encode_gsm = {
    .encoder = "libgsm_ms", .min_frame = GSM_SAMPLES, .max_packet_bytes = gsm_max_packet, .configure = configure_gsm,
};

/* MPEG audio layers 1-3: MPEGLAYER3WAVEFORMAT (0x0055) and MPEG1WAVEFORMAT (0x0050).
 *
 * The streams are self-framing, so the extra bytes carry nothing the decoder needs.  Real
 * files arrive with cbSize 0, wBitsPerSample != 0 or nAvgBytesPerSec 0: none of it matters,
 * only the channel count and rate are checked. */
#include "codecs.h"

#include <string.h>

#define MPEGLAYER3_ID_MPEG 1
#define MPEGLAYER3_FLAG_PADDING_OFF 2
#define ACM_MPEG_LAYER2 2
#define ACM_MPEG_STEREO 1
#define ACM_MPEG_SINGLECHANNEL 8
#define ACM_MPEG_ID_MPEG1 0x10

static int is_mpeg1_rate(uint32_t rate) { return rate >= 32000; }

int ffacm_unpack_mpeg_audio(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    (void)extradata;
    if (src->channels > 2 || src->rate < 8000 || src->rate > 48000)
        return -1;
    /* Densest frames: MPEG-1 at 32 kbit/s carries rate/4000 frames per byte, the half-rate
     * extensions at 8 kbit/s rate/1000 (e.g. 24 per byte at 24 kHz). */
    setup->unit_min_bytes = 1;
    setup->unit_max_frames = (is_mpeg1_rate(src->rate) ? src->rate / 4000 : src->rate / 1000) + 1;
    return 0;
}

/* Bytes of one frame at `bitrate` without padding (what nBlockSize means). */
static uint16_t mpeg_frame_bytes(uint32_t rate, uint32_t bitrate, int layer3_lsf)
{
    uint32_t coef = layer3_lsf ? 72 : 144;
    return (uint16_t)(coef * bitrate / rate);
}

void ffacm_enum_mp3(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra)
{
    fmt->avg_bytes_per_sec = bitrate / 8;
    fmt->block_align = 1;
    fmt->bits_per_sample = 0;
    ffacm_wr16(extra, MPEGLAYER3_ID_MPEG);
    ffacm_wr32(extra + 2, MPEGLAYER3_FLAG_PADDING_OFF);
    ffacm_wr16(extra + 6, mpeg_frame_bytes(fmt->rate, bitrate, !is_mpeg1_rate(fmt->rate)));
    ffacm_wr16(extra + 8, 1);  /* nFramesPerBlock */
    ffacm_wr16(extra + 10, 0); /* nCodecDelay: unknown for a stream we only decode */
}

void ffacm_enum_mpeg1(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra)
{
    memset(extra, 0, 22);
    fmt->avg_bytes_per_sec = bitrate / 8;
    fmt->block_align = 1; /* padding makes frame sizes vary at 44.1 kHz */
    fmt->bits_per_sample = 0;
    ffacm_wr16(extra, ACM_MPEG_LAYER2);
    ffacm_wr32(extra + 2, bitrate);
    ffacm_wr16(extra + 6, fmt->channels == 1 ? ACM_MPEG_SINGLECHANNEL : ACM_MPEG_STEREO);
    ffacm_wr16(extra + 10, 1); /* wHeadEmphasis: none */
    ffacm_wr16(extra + 12, is_mpeg1_rate(fmt->rate) ? ACM_MPEG_ID_MPEG1 : 0);
}

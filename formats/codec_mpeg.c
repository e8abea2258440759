/* MPEG audio layers 1-3: MPEGLAYER3WAVEFORMAT (0x0055) and MPEG1WAVEFORMAT (0x0050).
 *
 * The streams are self-framing, so the extra bytes carry nothing the decoder needs.  Real
 * files arrive with cbSize 0, wBitsPerSample != 0 or nAvgBytesPerSec 0: none of it matters,
 * only the channel count and rate are checked. */
#include "codecs.h"

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

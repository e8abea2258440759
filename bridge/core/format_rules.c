#include "format_rules.h"

#include "../../formats/format_table.h"
#include "codec_session.h"
#include "pcm_convert.h"
#include "status.h"

int ffacm_format_validate(const ffacm_wavefmt *fmt)
{
    const ffacm_format_row *row = ffacm_format_find(fmt);
    if (!row)
        return FFACM_ERR_NOTPOSSIBLE;
    if (row->framing == FFACM_FRAMING_NONE)
        return ffacm_pcm_convert_supports(fmt) ? FFACM_OK : FFACM_ERR_NOTPOSSIBLE;
    ffacm_decoder_setup setup;
    return ffacm_format_unpack(row, fmt, &setup, NULL) == 0 ? FFACM_OK : FFACM_ERR_NOTPOSSIBLE;
}

/* The speaker mask for `channels` decoded from a stream whose own mask is `stream_mask`. */
static uint32_t speaker_mask(int channels, uint64_t stream_mask, int stream_channels)
{
    if (stream_mask && channels == stream_channels)
        return (uint32_t)stream_mask;
    return ffacm_default_speaker_mask((unsigned)channels);
}

int ffacm_format_suggest(const ffacm_wavefmt *src, uint32_t flags, const ffacm_wavefmt *want,
                         ffacm_wavefmt *out)
{
    ffacm_decoder_setup setup;
    const ffacm_format_row *row = ffacm_format_find(src);
    if (!row || row->framing == FFACM_FRAMING_NONE || ffacm_format_unpack(row, src, &setup, NULL) < 0)
        return FFACM_ERR_NOTPOSSIBLE;

    uint16_t tag = FFACM_TAG_PCM;
    if (flags & FFACM_SUGGEST_TAG) {
        tag = want->tag;
        if (tag != FFACM_TAG_PCM && tag != FFACM_TAG_IEEE_FLOAT && tag != FFACM_TAG_EXTENSIBLE)
            return FFACM_ERR_NOTPOSSIBLE;
    }
    int is_float = tag == FFACM_TAG_IEEE_FLOAT;
    uint16_t bits = is_float ? 32 : 16;
    if (flags & FFACM_SUGGEST_BITS)
        bits = want->bits_per_sample;
    uint16_t channels = (flags & FFACM_SUGGEST_CHANNELS) ? want->channels : (uint16_t)setup.channels;
    uint32_t rate = (flags & FFACM_SUGGEST_RATE) ? want->rate : (uint32_t)setup.sample_rate;
    int extensible = tag == FFACM_TAG_EXTENSIBLE ||
                     (!(flags & FFACM_SUGGEST_TAG) && (channels > 2 || bits > 16));
    ffacm_wavefmt_pcm(out, rate, channels, bits, is_float, extensible,
                      extensible ? speaker_mask(channels, setup.channel_mask, setup.channels) : 0);
    if (!ffacm_pcm_convert_supports(out))
        return FFACM_ERR_NOTPOSSIBLE;
    return FFACM_OK;
}

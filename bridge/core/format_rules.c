#include "format_rules.h"

#include <libavutil/channel_layout.h>

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

/* The speaker mask to suggest for `channels` decoded from `src`: the layout the decoder
 * will really have, so that the stream (which produces exactly the suggested mask, see
 * pcm_convert.c) does not need to remix.  Without opening a decoder that is the source's own
 * extensible mask, else the row's knowledge of its decoder, else FFmpeg's default layout for
 * the count (what a decoder that only knows a count gets).  For another channel count, the
 * downmix/upmix target is Windows' standard layout for it. */
static uint32_t speaker_mask(const ffacm_format_row *row, const ffacm_decoder_setup *setup, int channels)
{
    if (channels != setup->channels)
        return ffacm_default_speaker_mask((unsigned)channels);
    if (setup->channel_mask)
        return (uint32_t)setup->channel_mask;
    if (row->layouts && channels >= 1 && channels <= 8 && row->layouts[channels - 1])
        return row->layouts[channels - 1];
    AVChannelLayout layout; /* a native-order default: no allocation */
    av_channel_layout_default(&layout, channels);
    uint32_t mask = layout.order == AV_CHANNEL_ORDER_NATIVE ? (uint32_t)layout.u.mask : 0;
    return mask ? mask : ffacm_default_speaker_mask((unsigned)channels);
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
                      extensible ? speaker_mask(row, &setup, channels) : 0);
    if (!ffacm_pcm_convert_supports(out))
        return FFACM_ERR_NOTPOSSIBLE;
    return FFACM_OK;
}

/* How far a standard format is from what the host has: 0 is a perfect match. */
static uint64_t distance(const ffacm_wavefmt *f, const ffacm_wavefmt *src, uint32_t bitrate_hint)
{
    uint64_t d = 0;
    d += (uint64_t)(f->channels != src->channels) << 40;
    /* Lossless formats (FLAC, ALAC) list depths: keep the source's. */
    d += (uint64_t)(f->bits_per_sample >= 16 && f->bits_per_sample != src->bits_per_sample) << 36;
    d += (uint64_t)(f->rate > src->rate ? f->rate - src->rate : src->rate - f->rate) << 12;
    uint32_t br = f->avg_bytes_per_sec * 8;
    d += br > bitrate_hint ? br - bitrate_hint : bitrate_hint - br;
    return d;
}

int ffacm_format_suggest_encode(const ffacm_wavefmt *src, uint32_t flags, const ffacm_wavefmt *want,
                                ffacm_wavefmt *out, uint8_t *extra, size_t extra_cap, uint32_t bitrate_hint)
{
    /* Only with a tag restriction: a plain "suggest something for this PCM" belongs to
     * msacm's PCM converter, not to a codec that would turn it into MP3. */
    if (!(flags & FFACM_SUGGEST_TAG) || !(ffacm_wavefmt_is_pcm(src) || ffacm_wavefmt_is_float(src)))
        return FFACM_ERR_NOTPOSSIBLE;
    /* 0xFFFE names the codec by the destination's subformat (E-AC-3), a row of that tag. */
    const ffacm_format_row *row =
        want->tag == FFACM_TAG_EXTENSIBLE ? ffacm_format_find(want) : ffacm_format_find_tag(want->tag);
    if (!row || row->tag != want->tag || !row->encoder || row->enum_extra_size > extra_cap)
        return FFACM_ERR_NOTPOSSIBLE;
    /* Among the standard formats that honour the restrictions, the one nearest the source:
     * same channels, nearest rate, then the user's default bitrate (else 64 kbit/s a channel). */
    uint32_t hint = bitrate_hint ? bitrate_hint : 64000u * src->channels;
    uint64_t best = UINT64_MAX;
    uint32_t best_index = 0;
    for (uint32_t i = 0; i < ffacm_format_count(row); i++) {
        ffacm_wavefmt f;
        if (ffacm_format_get(row, i, &f, extra) < 0)
            break;
        if (((flags & FFACM_SUGGEST_CHANNELS) && f.channels != want->channels) ||
            ((flags & FFACM_SUGGEST_RATE) && f.rate != want->rate) ||
            ((flags & FFACM_SUGGEST_BITS) && f.bits_per_sample != want->bits_per_sample) ||
            (!(flags & FFACM_SUGGEST_CHANNELS) && f.channels > src->channels && src->channels <= 2))
            continue;
        uint64_t d = distance(&f, src, hint);
        if (d < best) {
            best = d;
            best_index = i;
        }
    }
    if (best == UINT64_MAX || ffacm_format_get(row, best_index, out, extra) < 0)
        return FFACM_ERR_NOTPOSSIBLE;
    return FFACM_OK;
}

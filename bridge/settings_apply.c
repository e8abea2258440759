/* Settings applied to STREAM_OPEN and FORMAT_SUGGEST (see settings_apply.h). */
#include "settings_apply.h"

#include "core/format_rules.h"
#include "core/pcm_convert.h"
#include "../formats/format_table.h"
#include "log.h"
#include "settings.h"

int ffacm_settings_format_allowed(const ffacm_wavefmt *fmt)
{
    const ffacm_format_row *row = ffacm_format_find(fmt);
    uint16_t tag = row ? row->tag : fmt->tag;
    if (ffacm_settings_format_enabled(tag) && (tag == fmt->tag || ffacm_settings_format_enabled(fmt->tag)))
        return 1;
    ffacm_log(FFACM_LOG_INFO, "format 0x%04X is disabled in the settings: refusing the stream", (unsigned)tag);
    return 0;
}

void ffacm_settings_adjust_suggestion(ffacm_wavefmt *out, uint32_t host_flags)
{
    uint16_t channels = out->channels;
    uint32_t max_channels = (host_flags & FFACM_SUGGEST_CHANNELS) ? 0 : ffacm_settings_get(FFACM_SETTING_MAX_CHANNELS);
    if (max_channels && channels > max_channels)
        channels = (uint16_t)max_channels;

    int is_float = ffacm_wavefmt_is_float(out);
    uint16_t bits = out->bits_per_sample;
    if (!(host_flags & (FFACM_SUGGEST_TAG | FFACM_SUGGEST_BITS))) {
        switch ((ffacm_output_format)ffacm_settings_get(FFACM_SETTING_OUTPUT_FORMAT)) {
        case FFACM_OUTPUT_PCM16: is_float = 0; bits = 16; break;
        case FFACM_OUTPUT_PCM24: is_float = 0; bits = 24; break;
        case FFACM_OUTPUT_PCM32: is_float = 0; bits = 32; break;
        case FFACM_OUTPUT_FLOAT: is_float = 1; bits = 32; break;
        }
    }
    if (channels == out->channels && bits == out->bits_per_sample && is_float == ffacm_wavefmt_is_float(out))
        return;

    /* The same layout rule as the core's default: EXTENSIBLE above two channels or 16 bits,
     * unless the host fixed the tag (then keep the host's plain/extensible choice). */
    int extensible;
    if (host_flags & FFACM_SUGGEST_TAG)
        extensible = out->tag == FFACM_TAG_EXTENSIBLE;
    else
        extensible = channels > 2 || (!is_float && bits > 16); /* stereo float: plain tag 3 */
    uint32_t mask = channels == out->channels && out->channel_mask ? out->channel_mask
                                                                   : ffacm_default_speaker_mask(channels);
    ffacm_wavefmt adjusted;
    ffacm_wavefmt_pcm(&adjusted, out->rate, channels, bits, is_float, extensible, extensible ? mask : 0);
    if (!ffacm_pcm_convert_supports(&adjusted)) {
        ffacm_log(FFACM_LOG_WARNING, "preferred output (%u channels, %u-bit%s) is not possible here; "
                  "suggesting the default", (unsigned)channels, (unsigned)bits, is_float ? " float" : "");
        return;
    }
    *out = adjusted;
}

int ffacm_settings_compression_level(const ffacm_wavefmt *dst)
{
    switch (dst->codec_tag) {
    case 0x0055: return (int)ffacm_settings_get(FFACM_SETTING_LAME_QUALITY);
    case 0x704F: return (int)ffacm_settings_get(FFACM_SETTING_OPUS_COMPLEXITY);
    case 0xF1AC: return (int)ffacm_settings_get(FFACM_SETTING_FLAC_COMPRESSION);
    default: return -1;
    }
}

uint32_t ffacm_settings_bitrate_hint(uint16_t tag, unsigned channels)
{
    /* The settings are stereo bitrates in kbit/s; mono gets half. */
    uint32_t kbps;
    switch (tag) {
    case 0x0055: kbps = ffacm_settings_get(FFACM_SETTING_MP3_BITRATE); break;
    case 0x00FF:
    case 0x1600: kbps = ffacm_settings_get(FFACM_SETTING_AAC_BITRATE); break;
    case 0x704F: kbps = ffacm_settings_get(FFACM_SETTING_OPUS_BITRATE); break;
    case 0x674F: {
        /* Vorbis formats are bitrate targets: the quality setting picks oggenc's nominal
         * stereo rate for that -q at 44.1 kHz. */
        static const uint16_t vorbis_q_kbps[11] = { 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 500 };
        uint32_t q = ffacm_settings_get(FFACM_SETTING_VORBIS_QUALITY);
        kbps = vorbis_q_kbps[q > 10 ? 10 : q];
        break;
    }
    default: return 0;
    }
    return channels == 1 ? kbps * 500u : kbps * 1000u;
}

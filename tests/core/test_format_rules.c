/* bridge/core/format_rules.c: FORMAT_SUGGEST honours each restriction; validation. */
#include <string.h>

#include "bridge/core/format_rules.h"
#include "bridge/core/status.h"
#include "check.h"

static ffacm_wavefmt mp3(uint16_t channels, uint32_t rate)
{
    static uint8_t extra[12];
    ffacm_wavefmt f = { .tag = 0x55, .codec_tag = 0x55, .channels = channels, .rate = rate, .block_align = 1,
                        .extra = extra, .extra_size = 12, .cb_size = 12 };
    return f;
}

int main(void)
{
    ffacm_wavefmt src = mp3(2, 44100), want, out;
    memset(&want, 0, sizeof want);

    CHECK(ffacm_format_suggest(&src, 0, &want, &out) == FFACM_OK, "default");
    CHECK(out.tag == FFACM_TAG_PCM && out.bits_per_sample == 16 && out.channels == 2 && out.rate == 44100 &&
              out.block_align == 4 && out.avg_bytes_per_sec == 176400, "default is 16-bit PCM, same rate/channels");

    want.channels = 1;
    CHECK(ffacm_format_suggest(&src, FFACM_SUGGEST_CHANNELS, &want, &out) == FFACM_OK && out.channels == 1, "channels");
    want.rate = 8000;
    CHECK(ffacm_format_suggest(&src, FFACM_SUGGEST_RATE, &want, &out) == FFACM_OK && out.rate == 8000, "rate");
    want.bits_per_sample = 24;
    CHECK(ffacm_format_suggest(&src, FFACM_SUGGEST_BITS, &want, &out) == FFACM_OK && out.bits_per_sample == 24 &&
              out.tag == FFACM_TAG_EXTENSIBLE && out.block_align == 6, "24 bits (extensible)");
    want.bits_per_sample = 12;
    CHECK(ffacm_format_suggest(&src, FFACM_SUGGEST_BITS, &want, &out) == FFACM_ERR_NOTPOSSIBLE, "12 bits");
    want.tag = FFACM_TAG_IEEE_FLOAT;
    CHECK(ffacm_format_suggest(&src, FFACM_SUGGEST_TAG, &want, &out) == FFACM_OK && out.tag == FFACM_TAG_IEEE_FLOAT &&
              out.bits_per_sample == 32, "float");
    want.tag = 0x55;
    CHECK(ffacm_format_suggest(&src, FFACM_SUGGEST_TAG, &want, &out) == FFACM_ERR_NOTPOSSIBLE, "MP3 -> MP3");
    want.channels = 0;
    CHECK(ffacm_format_suggest(&src, FFACM_SUGGEST_CHANNELS, &want, &out) == FFACM_ERR_NOTPOSSIBLE, "0 channels");

    /* More than two channels: extensible with the mask of the decoder's layout: the source's
     * own mask, else the row's knowledge (AC-3 with 6 channels is 3/2 + LFE, which FFmpeg
     * decodes with side surrounds), else FFmpeg's default layout for the count. */
    ffacm_wavefmt src6 = { .tag = 0x2000, .codec_tag = 0x2000, .channels = 6, .rate = 48000, .block_align = 1 };
    CHECK(ffacm_format_suggest(&src6, 0, &want, &out) == FFACM_OK && out.tag == FFACM_TAG_EXTENSIBLE &&
              out.channels == 6 && out.channel_mask == 0x60F, "AC-3 5.1: mask %x", out.channel_mask);
    ffacm_wavefmt src6x = src6;
    src6x.tag = FFACM_TAG_EXTENSIBLE;
    src6x.channel_mask = 0x3F;
    CHECK(ffacm_format_suggest(&src6x, 0, &want, &out) == FFACM_OK && out.channel_mask == 0x3F,
          "AC-3 5.1 with the source mask 0x3F: mask %x", out.channel_mask);
    ffacm_wavefmt src7 = src6;
    src7.channels = 7;
    CHECK(ffacm_format_suggest(&src7, 0, &want, &out) == FFACM_OK && out.channel_mask == 0x70F,
          "7 channels, FFmpeg's 6.1: mask %x", out.channel_mask);
    want.channels = 6;
    src7.channels = 8;
    CHECK(ffacm_format_suggest(&src7, FFACM_SUGGEST_CHANNELS, &want, &out) == FFACM_OK && out.channel_mask == 0x3F,
          "8 -> 6 channels: Windows' 5.1 (KSAUDIO_SPEAKER_5POINT1): mask %x", out.channel_mask);

    ffacm_wavefmt zero;
    memset(&zero, 0, sizeof zero);
    CHECK(ffacm_format_suggest(&zero, 0, &want, &out) == FFACM_ERR_NOTPOSSIBLE, "all-zero source");
    ffacm_wavefmt pcm;
    ffacm_wavefmt_pcm(&pcm, 44100, 2, 16, 0, 0, 0);
    CHECK(ffacm_format_suggest(&pcm, 0, &want, &out) == FFACM_ERR_NOTPOSSIBLE, "PCM source");
    CHECK(ffacm_format_validate(&pcm) == FFACM_OK, "PCM valid");
    pcm.block_align = 3;
    CHECK(ffacm_format_validate(&pcm) == FFACM_ERR_NOTPOSSIBLE, "PCM with a wrong nBlockAlign");
    src = mp3(0, 44100);
    CHECK(ffacm_format_validate(&src) == FFACM_ERR_NOTPOSSIBLE, "0 channels");
    src = mp3(2, 0);
    CHECK(ffacm_format_validate(&src) == FFACM_ERR_NOTPOSSIBLE, "rate 0");
    src = mp3(2, 4000000000u);
    CHECK(ffacm_format_validate(&src) == FFACM_ERR_NOTPOSSIBLE, "rate 4 GHz");
    return check_summary("test_format_rules");
}

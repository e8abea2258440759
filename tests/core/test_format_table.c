/* formats/format_table.c: every row's standard formats are valid formats of that row, and
 * the table is consistent (unique tags, PCM first, sizes). */
#include <string.h>

#include <libavcodec/avcodec.h>
#include <libavutil/channel_layout.h>

#include "bridge/core/format_rules.h"
#include "bridge/core/status.h"
#include "formats/format_table.h"
#include "check.h"

/* Tag 0xFFFE lists extensible PCM, then E-AC-3; FORMAT_SUGGEST from PCM with an extensible
 * destination naming E-AC-3 picks one of those, and with no subformat picks nothing. */
static void check_subformat_listing(void)
{
    const ffacm_format_row *ext = ffacm_format_find_tag(FFACM_TAG_EXTENSIBLE);
    size_t n_guid;
    const ffacm_format_row *guid = ffacm_format_subformat_rows(&n_guid);
    const ffacm_format_row *eac3 = NULL;
    for (size_t i = 0; i < n_guid; i++)
        if (guid[i].codec_id == AV_CODEC_ID_EAC3)
            eac3 = &guid[i];
    CHECK(ext && eac3 && eac3->encoder && ffacm_format_count(eac3) > 0, "E-AC-3 row with formats");
    if (!ext || !eac3)
        return;
    uint32_t own = ffacm_format_count(ext), listed = ffacm_tag_format_count(ext);
    CHECK(listed == own + ffacm_format_count(eac3), "0xFFFE lists %u = %u PCM + E-AC-3", listed, own);
    for (uint32_t k = 0; k < listed; k++) {
        ffacm_wavefmt f, back;
        uint8_t extra[256], bytes[512];
        CHECK(ffacm_tag_format_get(ext, k, &f, extra) == 0, "0xFFFE format %u", k);
        size_t size = ffacm_wavefmt_write(&f, bytes, sizeof bytes);
        CHECK(size == ffacm_format_size(ext) && ffacm_wavefmt_parse(bytes, size, &back) == FFACM_WAVEFMT_OK,
              "0xFFFE format %u: %zu bytes", k, size);
        const ffacm_format_row *row = ffacm_format_find(&back);
        CHECK(back.tag == FFACM_TAG_EXTENSIBLE && row && (k < own ? row->framing == FFACM_FRAMING_NONE : row == eac3),
              "0xFFFE format %u row", k);
        CHECK(ffacm_format_validate(&back) == FFACM_OK, "0xFFFE format %u not valid", k);
        if (k >= own)
            CHECK(back.channel_mask == ffacm_default_speaker_mask(back.channels) && back.block_align > 0,
                  "E-AC-3 format %u fields", k);
    }
    ffacm_wavefmt f;
    uint8_t extra[256];
    CHECK(ffacm_tag_format_get(ext, listed, &f, extra) < 0, "0xFFFE past end");

    ffacm_wavefmt pcm, want, out;
    ffacm_wavefmt_pcm(&pcm, 44100, 2, 16, 0, 0, 0);
    memset(&want, 0, sizeof want);
    want.tag = FFACM_TAG_EXTENSIBLE; /* no subformat: nothing ffacm encodes */
    CHECK(ffacm_format_suggest_encode(&pcm, FFACM_SUGGEST_TAG, &want, &out, extra, sizeof extra, 0) ==
              FFACM_ERR_NOTPOSSIBLE, "0xFFFE without subformat suggested");
    ffacm_tag_guid(FFACM_TAG_PCM, want.subformat); /* extensible PCM: msacm's converter, not ffacm */
    want.codec_tag = FFACM_TAG_PCM;
    CHECK(ffacm_format_suggest_encode(&pcm, FFACM_SUGGEST_TAG, &want, &out, extra, sizeof extra, 0) ==
              FFACM_ERR_NOTPOSSIBLE, "0xFFFE PCM suggested as an encoding");
    memcpy(want.subformat, eac3->subformat, 16);
    want.codec_tag = 0;
    int ret = ffacm_format_suggest_encode(&pcm, FFACM_SUGGEST_TAG, &want, &out, extra, sizeof extra, 0);
    CHECK(ret == FFACM_OK && ffacm_format_find(&out) == eac3 && out.tag == FFACM_TAG_EXTENSIBLE &&
              out.rate == 44100 && out.channels == 2 && out.avg_bytes_per_sec == 128000 / 8,
          "E-AC-3 suggestion: %d, %u Hz %u ch %u B/s", ret, out.rate, out.channels, out.avg_bytes_per_sec);
    want.channels = 1;
    want.rate = 48000;
    ret = ffacm_format_suggest_encode(&pcm, FFACM_SUGGEST_TAG | FFACM_SUGGEST_CHANNELS | FFACM_SUGGEST_RATE, &want,
                                      &out, extra, sizeof extra, 0);
    CHECK(ret == FFACM_OK && ffacm_format_find(&out) == eac3 && out.rate == 48000 && out.channels == 1,
          "E-AC-3 restricted suggestion: %d, %u Hz %u ch", ret, out.rate, out.channels);
}

/* Lossless suggestions keep the source's depth. */
static void check_lossless_depth(void)
{
    static const uint16_t tags[] = { 0x6C61, 0xF1AC };
    for (size_t t = 0; t < 2; t++)
        for (uint16_t bits = 16; bits <= 24; bits += 8) {
            ffacm_wavefmt pcm, want, out;
            uint8_t extra[256];
            ffacm_wavefmt_pcm(&pcm, 44100, 2, bits, 0, bits > 16, bits > 16 ? 3 : 0);
            memset(&want, 0, sizeof want);
            want.tag = tags[t];
            int ret = ffacm_format_suggest_encode(&pcm, FFACM_SUGGEST_TAG, &want, &out, extra, sizeof extra, 0);
            CHECK(ret == FFACM_OK && out.bits_per_sample == bits && out.rate == 44100 && out.channels == 2,
                  "0x%04x from %u-bit PCM: %d, %u bits", tags[t], bits, ret, out.bits_per_sample);
        }
}

/* Every ALAC standard format carries exactly the cookie FFmpeg's encoder writes. */
static void check_alac_cookies(void)
{
    const ffacm_format_row *row = ffacm_format_find_tag(0x6C61);
    const AVCodec *codec = avcodec_find_encoder_by_name("alac");
    CHECK(row && row->encoder && codec, "ALAC row and encoder");
    if (!row || !row->encoder || !codec)
        return;
    for (uint32_t k = 0; k < ffacm_format_count(row); k++) {
        ffacm_wavefmt f;
        uint8_t extra[256];
        ffacm_format_get(row, k, &f, extra);
        AVCodecContext *ctx = avcodec_alloc_context3(codec);
        ctx->sample_rate = (int)f.rate;
        av_channel_layout_default(&ctx->ch_layout, f.channels);
        ctx->time_base = (AVRational){ 1, (int)f.rate };
        CHECK(row->encoder->configure(&f, ctx) == 0, "ALAC format %u refused", k);
        int ret = avcodec_open2(ctx, codec, NULL);
        CHECK(ret == 0 && ctx->extradata_size == (int)f.extra_size &&
                  memcmp(ctx->extradata, f.extra, f.extra_size) == 0,
              "ALAC format %u (%u Hz %u ch %u bit): cookie differs from FFmpeg's", k, f.rate, f.channels,
              f.bits_per_sample);
        avcodec_free_context(&ctx);
        /* A cookie that says something else is refused. */
        extra[17] ^= 8;
        CHECK(row->encoder->configure(&f, NULL) < 0, "ALAC format %u with a wrong cookie accepted", k);
    }
}

int main(void)
{
    size_t count;
    const ffacm_format_row *rows = ffacm_format_rows(&count);
    CHECK(count > 1 && rows[0].tag == FFACM_TAG_PCM, "PCM is row 0");
    for (size_t i = 0; i < count; i++) {
        const ffacm_format_row *row = &rows[i];
        CHECK(ffacm_format_find_tag(row->tag) == row, "tag 0x%04x listed twice", row->tag);
        CHECK(row->name && strlen(row->name) < 48, "row 0x%04x name", row->tag);
        if (row->framing != FFACM_FRAMING_NONE) {
            CHECK(avcodec_find_decoder(row->codec_id) != NULL, "row 0x%04x: no decoder", row->tag);
            CHECK(row->framing != FFACM_FRAMING_NONE, "row 0x%04x: no framing", row->tag);
        }
        for (uint32_t k = 0; k < ffacm_format_count(row); k++) {
            ffacm_wavefmt f;
            uint8_t extra[256];
            CHECK(ffacm_format_get(row, k, &f, extra) == 0, "row 0x%04x format %u", row->tag, k);
            CHECK(ffacm_wavefmt_size(&f) == ffacm_format_size(row), "row 0x%04x format %u size", row->tag, k);
            CHECK(ffacm_format_validate(&f) == FFACM_OK, "row 0x%04x format %u not valid", row->tag, k);
            CHECK(f.block_align > 0 && f.channels > 0 && f.rate > 0, "row 0x%04x format %u fields", row->tag, k);
        }
        ffacm_wavefmt f;
        uint8_t extra[256];
        CHECK(ffacm_format_get(row, ffacm_format_count(row), &f, extra) < 0, "row 0x%04x past end", row->tag);
        /* An all-zero format of the row's tag is refused. */
        memset(&f, 0, sizeof f);
        f.tag = f.codec_tag = row->tag;
        CHECK(ffacm_format_validate(&f) == FFACM_ERR_NOTPOSSIBLE, "row 0x%04x all-zero accepted", row->tag);
    }
    check_subformat_listing();
    check_alac_cookies();
    check_lossless_depth();
    return check_summary("test_format_table");
}

/* bridge/core/wavefmt.c: parsing what hosts hand over, including the lies. */
#include <string.h>

#include "bridge/core/wavefmt.h"
#include "check.h"

static size_t make(uint8_t *b, uint16_t tag, uint16_t ch, uint32_t rate, uint16_t cb)
{
    memset(b, 0, 128);
    ffacm_wr16(b, tag);
    ffacm_wr16(b + 2, ch);
    ffacm_wr32(b + 4, rate);
    ffacm_wr16(b + 12, 1);
    ffacm_wr16(b + 16, cb);
    return 18u + cb;
}

int main(void)
{
    uint8_t b[128];
    ffacm_wavefmt f;

    /* PCM: a 16-byte PCMWAVEFORMAT is complete, cbSize is never read. */
    make(b, 1, 2, 44100, 0xFFFF);
    CHECK(ffacm_wavefmt_parse(b, 16, &f) == FFACM_WAVEFMT_OK && f.extra_size == 0, "16-byte PCM");
    CHECK(ffacm_wavefmt_parse(b, 15, &f) == FFACM_WAVEFMT_TRUNCATED, "15 bytes");
    CHECK(ffacm_wavefmt_parse(NULL, 100, &f) == FFACM_WAVEFMT_TRUNCATED, "NULL");

    /* A cbSize larger than the bytes there are is refused, not read. */
    make(b, 0x55, 2, 44100, 12);
    CHECK(ffacm_wavefmt_parse(b, 30, &f) == FFACM_WAVEFMT_OK && f.extra_size == 12, "MP3 with 12 extra bytes");
    CHECK(ffacm_wavefmt_parse(b, 29, &f) == FFACM_WAVEFMT_TRUNCATED, "cbSize beyond the buffer");
    CHECK(ffacm_wavefmt_parse(b, 17, &f) == FFACM_WAVEFMT_TRUNCATED, "no cbSize");

    /* EXTENSIBLE: the subformat GUID gives the codec tag, extra bytes follow the 22. */
    make(b, 0xFFFE, 6, 48000, 22 + 3);
    ffacm_wr16(b + 18, 16);
    ffacm_wr32(b + 20, 0x3F);
    ffacm_tag_guid(0x2000, b + 24);
    b[40] = 0xAA;
    CHECK(ffacm_wavefmt_parse(b, 18 + 25, &f) == FFACM_WAVEFMT_OK, "extensible");
    CHECK(f.codec_tag == 0x2000 && f.channel_mask == 0x3F && f.extra_size == 3 && f.extra[0] == 0xAA,
          "extensible fields: tag %x mask %x extra %zu", f.codec_tag, f.channel_mask, f.extra_size);
    make(b, 0xFFFE, 2, 48000, 10);
    CHECK(ffacm_wavefmt_parse(b, 28, &f) == FFACM_WAVEFMT_INVALID, "extensible shorter than 22");
    make(b, 0xFFFE, 2, 48000, 22);
    memset(b + 24, 0x5A, 16); /* a GUID outside the KSDATAFORMAT family */
    CHECK(ffacm_wavefmt_parse(b, 40, &f) == FFACM_WAVEFMT_OK && f.codec_tag == 0, "unknown GUID has no tag");

    /* Round trip. */
    ffacm_wavefmt pcm;
    ffacm_wavefmt_pcm(&pcm, 96000, 6, 24, 0, 1, 0x60F);
    uint8_t out[64];
    size_t n = ffacm_wavefmt_write(&pcm, out, sizeof out);
    CHECK(n == 40 && ffacm_rd16(out + 16) == 22, "extensible write: %zu", n);
    CHECK(ffacm_wavefmt_parse(out, n, &f) == FFACM_WAVEFMT_OK && f.codec_tag == 1 && f.block_align == 18 &&
              f.avg_bytes_per_sec == 96000u * 18 && f.channel_mask == 0x60F, "round trip");
    CHECK(ffacm_wavefmt_write(&pcm, out, 39) == 0, "too small a buffer");
    return check_summary("test_wavefmt");
}

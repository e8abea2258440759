/* The RIFF-table rows no Debian encoder can make a file for (WMA Pro/Voice, ATRAC3, AMR,
 * TrueSpeech, SIPR, DV audio, Xan DPCM ...): each must open from a plausible WAVEFORMATEX, and survive hostile
 * data — deterministic garbage fed in the wave mapper's pattern at several chunk sizes must be
 * consumed whole into output buffers sized by STREAM_SIZE(SOURCE), which checks the row's
 * worst-case size model against whatever the decoder makes of noise.  Inconsistent formats
 * (missing or wrong extra bytes, impossible block sizes) must be refused at open. */
#include <stdlib.h>
#include <string.h>

#include "bridge/core/format_rules.h"
#include "bridge/core/status.h"
#include "bridge/core/stream_adapter.h"
#include "check.h"

typedef struct spec {
    const char *what;
    uint16_t tag, channels;
    uint32_t rate, avg;
    uint16_t block_align, bits;
    const uint8_t *extra;
    uint16_t extra_size;
    const uint8_t *guid; /* non-NULL: WAVE_FORMAT_EXTENSIBLE with this subformat */
} spec;

static const uint8_t zeros46[46];
static uint8_t wmavoice_extra[46]; /* filled in main(): a valid VBM tree */
static const uint8_t wmapro_extra[18] = { 16, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xE0, 0, 0, 0 };
static const uint8_t atrac3_extra[14] = { 1, 0, 0x00, 0x08, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0 };
static const uint8_t guid_eac3[16] = { 0xAF, 0x87, 0xFB, 0xA7, 0x02, 0x2D, 0xFB, 0x42,
                                       0xA4, 0xD4, 0x05, 0xCD, 0x93, 0x84, 0x3B, 0xDD };
static const uint8_t guid_ac3[16] = { 0x2C, 0x80, 0x6D, 0xE0, 0x46, 0xDB, 0xCF, 0x11,
                                      0xB4, 0xD1, 0x00, 0x80, 0x5F, 0x6C, 0xBB, 0xEA };
static const uint8_t guid_atrac3p[16] = { 0xBF, 0xAA, 0x23, 0xE9, 0x58, 0xCB, 0x71, 0x44,
                                          0xA1, 0x19, 0xFF, 0xFA, 0x01, 0xE4, 0xCE, 0x62 };
static const uint8_t sonic_extra[5] = { 0x80, 0x80, 0x20, 0x42, 0x18 };   /* FFmpeg's sonic encoder */
static const uint8_t sonic_v1[5] = { 0x40, 0x80, 0x20, 0x42, 0x18 };      /* version 1 */
static const uint8_t guid_mlp[16] = { 0x0C, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00,
                                      0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 };
static const uint8_t guid_unknown[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

/* Formats that must open (decode untested on real data, or a framing path worth hammering). */
static const spec openable[] = {
    { "WMA Voice", 0x000A, 1, 8000, 2000, 40, 16, wmavoice_extra, 46, NULL },
    { "OKI ADPCM", 0x0010, 1, 8000, 4000, 1, 4, NULL, 0, NULL },
    { "Dialogic OKI", 0x0017, 1, 8000, 4000, 1, 4, NULL, 0, NULL },
    { "TrueSpeech", 0x0022, 1, 8000, 1067, 32, 1, NULL, 0, NULL },
    { "TrueSpeech Voxware", 0x1501, 1, 8000, 1067, 32, 1, NULL, 0, NULL },
    { "AMR-NB 0x38", 0x0038, 1, 8000, 1600, 1, 0, NULL, 0, NULL },
    { "AMR-NB", 0x0057, 1, 8000, 1600, 1, 0, NULL, 0, NULL },
    { "AMR-WB", 0x0058, 1, 16000, 3000, 1, 0, NULL, 0, NULL },
    { "IMA DK4", 0x0061, 1, 22050, 11100, 256, 4, NULL, 0, NULL },
    { "IMA DK3", 0x0062, 2, 22050, 22200, 256, 4, NULL, 0, NULL },
    { "G.729", 0x0083, 1, 8000, 1000, 10, 0, NULL, 0, NULL },
    { "G.729 0x729A", 0x729A, 1, 8000, 1000, 10, 0, NULL, 0, NULL },
    { "ACELP.KELVIN", 0x0135, 1, 8000, 1100, 11, 0, NULL, 0, NULL },
    { "SIPR 16k", 0x0130, 1, 16000, 2000, 20, 0, NULL, 0, NULL },
    { "SIPR 5k", 0x0130, 1, 8000, 625, 19, 0, NULL, 0, NULL },
    { "WMA Pro", 0x0162, 2, 44100, 16000, 2973, 16, wmapro_extra, 18, NULL },
    { "WMA Lossless", 0x0163, 2, 44100, 100000, 13375, 16, wmapro_extra, 18, NULL },
    { "Creative ADPCM", 0x0200, 1, 8000, 4000, 1, 4, NULL, 0, NULL },
    { "DV audio 525/60", 0x0215, 2, 48000, 192000, 7200, 16, NULL, 0, NULL },
    { "DV audio 625/50 12-bit", 0x0216, 2, 32000, 128000, 8640, 12, NULL, 0, NULL },
    { "TrueHD/MLP by GUID", 0xFFFE, 6, 48000, 96000, 1, 0, NULL, 0, guid_mlp },
    { "Sonic", 0x2048, 2, 44100, 16000, 4, 16, sonic_extra, 5, NULL },
    { "Xan DPCM", 0x594A, 1, 22050, 22050, 1, 8, NULL, 0, NULL },
    { "Xan DPCM stereo", 0x594A, 2, 22050, 44100, 2, 8, NULL, 0, NULL },
    { "ATRAC3", 0x0270, 2, 44100, 16537, 384, 0, atrac3_extra, 14, NULL },
    { "MSN Siren", 0x028E, 1, 16000, 2000, 40, 0, NULL, 0, NULL },
    { "IMC", 0x0401, 1, 22050, 2756, 64, 0, NULL, 0, NULL },
    { "IAC", 0x0402, 1, 22050, 2756, 64, 0, NULL, 0, NULL },
    { "On2 AVC", 0x0500, 2, 44100, 16000, 1, 16, NULL, 0, NULL },
    { "E-AC-3 by GUID", 0xFFFE, 2, 48000, 24000, 1, 0, NULL, 0, guid_eac3 },
    { "AC-3 by GUID", 0xFFFE, 2, 48000, 24000, 1, 0, NULL, 0, guid_ac3 },
    { "ATRAC3+ by GUID", 0xFFFE, 2, 44100, 16000, 280, 0, NULL, 0, guid_atrac3p },
    { "DTS 0x0008", 0x0008, 2, 48000, 48000, 1, 16, NULL, 0, NULL },
    { "LATM", 0x1602, 2, 44100, 16000, 1, 16, NULL, 0, NULL },
    /* Mode 1: the headers come in the data; garbage never opens the codec. */
    { "Vorbis ACM mode 1", 0x674F, 2, 44100, 16000, 1, 16, zeros46, 8, NULL },
    { "Vorbis ACM mode 1+", 0x676F, 2, 44100, 16000, 1, 16, zeros46, 8, NULL },
};

static const uint8_t wma_short[2] = { 0, 0 };
static const uint8_t bad_speex[80] = { 'N', 'o', 't', 'S', 'p', 'e', 'e', 'x' };
static const uint8_t bad_alac[24] = { 0, 0, 0x10, 0, 0, 16, 0, 0, 0, 3 }; /* 3 ch, header says 2 */

/* Formats that must be refused (ACMERR_NOTPOSSIBLE). */
static const spec refused[] = {
    { "WMA v1 without flags", 0x0160, 2, 44100, 16000, 742, 16, NULL, 0, NULL },
    { "WMA v2 without flags", 0x0161, 2, 44100, 16000, 742, 16, NULL, 0, NULL },
    { "WMA v2 short flags", 0x0161, 2, 44100, 16000, 742, 16, wma_short, 2, NULL },
    { "WMA v2 without nBlockAlign", 0x0161, 2, 44100, 16000, 0, 16, zeros46, 10, NULL },
    { "WMA Pro without its 18 bytes", 0x0162, 2, 44100, 16000, 2973, 16, zeros46, 10, NULL },
    { "WMA Voice without its 46 bytes", 0x000A, 1, 8000, 2000, 40, 16, zeros46, 10, NULL },
    { "WMA Voice with a broken VBM tree", 0x000A, 1, 8000, 2000, 40, 16, zeros46, 46, NULL },
    { "ATRAC3 without its 14 bytes", 0x0270, 2, 44100, 16537, 384, 0, NULL, 0, NULL },
    { "DV audio mono", 0x0215, 1, 48000, 96000, 7200, 16, NULL, 0, NULL },
    { "DV audio at 22050 Hz", 0x0216, 2, 22050, 88200, 8640, 16, NULL, 0, NULL },
    { "TrueHD/MLP at 32 kHz", 0xFFFE, 2, 32000, 96000, 1, 0, NULL, 0, guid_mlp },
    { "Sonic without its header", 0x2048, 2, 44100, 16000, 4, 16, NULL, 0, NULL },
    { "Sonic version 1", 0x2048, 2, 44100, 16000, 4, 16, sonic_v1, 5, NULL },
    { "Sonic with a channel mismatch", 0x2048, 1, 44100, 16000, 4, 16, sonic_extra, 5, NULL },
    { "Sonic with a rate mismatch", 0x2048, 2, 48000, 16000, 4, 16, sonic_extra, 5, NULL },
    { "Xan DPCM with 3 channels", 0x594A, 3, 22050, 66150, 3, 8, NULL, 0, NULL },
    { "GSM with a 64-byte block", 0x0031, 1, 8000, 1625, 64, 0, NULL, 0, NULL },
    { "GSM stereo", 0x0031, 2, 8000, 1625, 65, 0, NULL, 0, NULL },
    { "TrueSpeech 31-byte block", 0x0022, 1, 8000, 1067, 31, 1, NULL, 0, NULL },
    { "IMA ADPCM 0 bits", 0x0011, 2, 44100, 44359, 2048, 0, NULL, 0, NULL },
    { "IMA ADPCM header-only block", 0x0011, 2, 44100, 44359, 8, 4, NULL, 0, NULL },
    { "MS ADPCM header-only block", 0x0002, 2, 44100, 44359, 14, 4, NULL, 0, NULL },
    { "G.726 at 7 bits", 0x0045, 1, 8000, 7000, 1, 4, NULL, 0, NULL },
    { "G.726 stereo", 0x0045, 2, 8000, 4000, 1, 4, NULL, 0, NULL },
    { "A-law with a split frame", 0x0006, 2, 8000, 16000, 3, 8, NULL, 0, NULL },
    { "Speex with a foreign header", 0xA109, 1, 8000, 1875, 2, 16, bad_speex, 80, NULL },
    { "ALAC with a channel mismatch", 0x6C61, 2, 44100, 100000, 1, 16, bad_alac, 24, NULL },
    { "ALAC without its config", 0x6C61, 2, 44100, 100000, 1, 16, NULL, 0, NULL },
    { "unknown subformat GUID", 0xFFFE, 2, 48000, 24000, 1, 0, NULL, 0, guid_unknown },
    { "Vorbis ACM mode 2 without header pages", 0x6750, 2, 44100, 16000, 1, 16, zeros46, 8, NULL },
    { "Vorbis ACM mode 2 with zeroed pages", 0x6770, 2, 44100, 16000, 1, 16, zeros46, 46, NULL },
    { "Vorbis ACM mode 1 without its versions", 0x674F, 2, 44100, 16000, 1, 16, NULL, 0, NULL },
    { "Vorbis ACM mode 3 (no headers)", 0x6751, 2, 44100, 16000, 1, 16, zeros46, 8, NULL },
    { "Vorbis ACM mode 3+", 0x6771, 2, 44100, 16000, 1, 16, zeros46, 8, NULL },
};

static size_t build(const spec *s, uint8_t *out)
{
    size_t ext = s->guid ? 22 : 0;
    memset(out, 0, 18 + ext);
    ffacm_wr16(out, s->tag);
    ffacm_wr16(out + 2, s->channels);
    ffacm_wr32(out + 4, s->rate);
    ffacm_wr32(out + 8, s->avg);
    ffacm_wr16(out + 12, s->block_align);
    ffacm_wr16(out + 14, s->bits);
    ffacm_wr16(out + 16, (uint16_t)(ext + s->extra_size));
    if (s->guid) {
        ffacm_wr16(out + 18, s->bits);
        ffacm_wr32(out + 20, s->channels == 2 ? 3 : 4);
        memcpy(out + 24, s->guid, 16);
    }
    if (s->extra_size)
        memcpy(out + 18 + ext, s->extra, s->extra_size);
    return 18 + ext + s->extra_size;
}

static int destination(const ffacm_wavefmt *src, ffacm_wavefmt *dst)
{
    ffacm_wavefmt none;
    memset(&none, 0, sizeof none);
    if (ffacm_format_suggest(src, 0, &none, dst) != FFACM_OK)
        return -1;
    ffacm_wavefmt_pcm(dst, dst->rate, dst->channels, 16, 0, dst->tag == FFACM_TAG_EXTENSIBLE, dst->channel_mask);
    return 0;
}

/* xorshift: the same garbage on every run. */
static uint32_t noise_state;
static uint8_t noise(void)
{
    noise_state ^= noise_state << 13;
    noise_state ^= noise_state >> 17;
    noise_state ^= noise_state << 5;
    return (uint8_t)(noise_state >> 11);
}

#define GARBAGE 24000

static void hammer(const spec *s, const ffacm_wavefmt *src, const ffacm_wavefmt *dst)
{
    static const size_t chunks[] = { 1, 417, 4096 };
    static uint8_t garbage[GARBAGE];
    noise_state = 0x12345678u ^ s->tag;
    for (size_t i = 0; i < GARBAGE; i++)
        garbage[i] = noise();
    for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
        ffacm_stream *st;
        if (ffacm_stream_open(src, dst, &st) != FFACM_OK) {
            CHECK(0, "%s: open failed", s->what);
            return;
        }
        size_t pos = 0, out = 0, short_calls = 0;
        int first = 1;
        while (pos < GARBAGE) {
            size_t n = GARBAGE - pos < chunks[c] ? GARBAGE - pos : chunks[c];
            uint32_t cap = 0, used = 0, made = 0;
            ffacm_size_source(ffacm_stream_model(st), (uint32_t)n, &cap);
            uint8_t *buf = malloc(cap);
            ffacm_stream_convert(st, garbage + pos, (uint32_t)n, buf, cap, first ? FFACM_CONVERT_START : 0,
                                 &used, &made);
            first = 0;
            free(buf);
            short_calls += used != n;
            pos += n;
            out += made;
        }
        for (int i = 0; i < 64; i++) { /* END until nothing comes (bounded) */
            uint8_t buf[65536];
            uint32_t used = 0, made = 0;
            ffacm_stream_convert(st, NULL, 0, buf, sizeof buf, FFACM_CONVERT_END, &used, &made);
            out += made;
            if (!made)
                break;
        }
        ffacm_stream_close(st);
        CHECK(short_calls == 0, "%s chunk %zu: %zu calls could not take all input into STREAM_SIZE(SOURCE)",
              s->what, chunks[c], short_calls);
        printf("%-22s chunk=%-5zu garbage=%d out=%zu bytes\n", s->what, chunks[c], GARBAGE, out);
    }
}

int main(void)
{
    uint8_t bytes[256];
    /* WMA Voice: VBM tree codes 0,0,0,0,1,1,1,1,...,4 (3 bits each, MSB first, from byte 22). */
    for (unsigned n = 0, bit = 22 * 8; n < 17; n++, bit += 3)
        for (unsigned b = 0; b < 3; b++)
            if ((n / 4) >> (2 - b) & 1)
                wmavoice_extra[(bit + b) / 8] |= (uint8_t)(0x80 >> ((bit + b) % 8));
    for (size_t i = 0; i < sizeof openable / sizeof openable[0]; i++) {
        const spec *s = &openable[i];
        ffacm_wavefmt src, dst;
        size_t n = build(s, bytes);
        CHECK(ffacm_wavefmt_parse(bytes, n, &src) == FFACM_WAVEFMT_OK, "%s: parse", s->what);
        CHECK(ffacm_format_validate(&src) == FFACM_OK, "%s: not a valid format", s->what);
        if (destination(&src, &dst) < 0) {
            CHECK(0, "%s: no suggestion", s->what);
            continue;
        }
        int q = ffacm_stream_query(&src, &dst);
        CHECK(q == FFACM_OK, "%s: query %d", s->what, q);
        if (q == FFACM_OK)
            hammer(s, &src, &dst);
    }
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        const spec *s = &refused[i];
        ffacm_wavefmt src, dst;
        size_t n = build(s, bytes);
        CHECK(ffacm_wavefmt_parse(bytes, n, &src) == FFACM_WAVEFMT_OK, "%s: parse", s->what);
        ffacm_wavefmt_pcm(&dst, s->rate, s->channels, 16, 0, 0, 0);
        int q = ffacm_stream_query(&src, &dst);
        ffacm_stream *st = NULL;
        int o = ffacm_stream_open(&src, &dst, &st);
        ffacm_stream_close(st);
        CHECK(q == FFACM_ERR_NOTPOSSIBLE && o == FFACM_ERR_NOTPOSSIBLE, "%s: query %d, open %d (want refusal)",
              s->what, q, o);
    }
    return check_summary("test_riff_rows");
}

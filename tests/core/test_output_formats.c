/* Output formats other than the default 16-bit PCM, against FFmpeg's own output.
 *
 * - 24-bit, 32-bit and float PCM: compared with `ffmpeg -f s32le` / `-f f32le` decodes of the
 *   same files (libswresample does the sample format conversion on both sides: exact).
 * - Multichannel: 5.1 and 7.1 sources get WAVE_FORMAT_EXTENSIBLE suggestions with the mask of
 *   the decoder's layout, decode into them exactly (also into the other 5.1 mask); a host that
 *   forces stereo gets swr's standard downmix, compared with
 *   `ffmpeg -ac 2` (the CLI builds its matrix with the same swr defaults).
 * - Resampling 44.1 -> 48 kHz: sample count, and the samples against FFmpeg's aresample with
 *   the resampler settings of bridge/core/pcm_convert.c.
 * - A stream whose sample rate changes half way (two MP3 streams back to back): the second half
 *   is resampled to the opened rate, so the length matches and nothing plays at the wrong speed.
 *
 * Media: tests/media/make_media.sh ("output formats" section). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bridge/core/format_rules.h"
#include "bridge/core/status.h"
#include "bridge/core/stream_adapter.h"
#include "check.h"
#include "media.h"

static const char *media_dir;

typedef struct bytes {
    uint8_t *data;
    size_t size, cap;
} bytes;

static void append(bytes *b, const uint8_t *p, size_t n)
{
    if (n == 0)
        return;
    if (b->size + n > b->cap) {
        b->cap = (b->size + n) * 2;
        b->data = realloc(b->data, b->cap);
    }
    memcpy(b->data + b->size, p, n);
    b->size += n;
}

static int read_file(const char *name, bytes *out)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", media_dir, name);
    FILE *f = fopen(path, "rb");
    memset(out, 0, sizeof *out);
    if (!f) {
        CHECK(0, "%s: missing", path);
        return -1;
    }
    uint8_t buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        append(out, buf, n);
    fclose(f);
    return 0;
}

static const media_file *find(const media_file *files, int count, const char *name)
{
    for (int i = 0; i < count; i++)
        if (strcmp(files[i].name, name) == 0)
            return &files[i];
    CHECK(0, "%s not in the manifest", name);
    return NULL;
}

/* Decode every record of `m` into `dst` the way VirtualDub does (4 KiB buffers of a byte
 * stream, output sized by STREAM_SIZE(SOURCE), END at the end).  Returns the output. */
static bytes decode(const media_file *m, const ffacm_wavefmt *dst)
{
    bytes out = { 0 };
    ffacm_wavefmt src;
    ffacm_stream *st;
    CHECK(ffacm_wavefmt_parse(m->fmt.data, m->fmt.size, &src) == FFACM_WAVEFMT_OK, "%s: fmt", m->name);
    int ret = ffacm_stream_open(&src, dst, &st);
    CHECK(ret == FFACM_OK, "%s: open %d (%u ch, %u Hz, %u bits)", m->name, ret, dst->channels, dst->rate,
          dst->bits_per_sample);
    if (ret != FFACM_OK)
        return out;
    uint32_t flags = FFACM_CONVERT_START | FFACM_CONVERT_BLOCKALIGN;
    for (size_t r = 0; r < m->n_records; r++) {
        const uint8_t *p = m->records[r].data;
        size_t left = m->records[r].size;
        while (left > 0) {
            uint32_t n = (uint32_t)(m->packets || left < 4096 ? left : 4096), cap = 0, used = 0, made = 0;
            ffacm_size_source(ffacm_stream_model(st), n, &cap);
            uint8_t *buf = malloc(cap);
            ffacm_stream_convert(st, p, n, buf, cap, flags, &used, &made);
            flags = FFACM_CONVERT_BLOCKALIGN;
            append(&out, buf, made);
            free(buf);
            CHECK(used == n, "%s: %u of %u bytes taken into STREAM_SIZE(SOURCE)", m->name, used, n);
            if (used == 0)
                break;
            p += used;
            left -= used;
        }
    }
    for (;;) {
        uint8_t buf[65536];
        uint32_t used = 0, made = 0;
        ffacm_stream_convert(st, NULL, 0, buf, sizeof buf, FFACM_CONVERT_END, &used, &made);
        append(&out, buf, made);
        if (!made)
            break;
    }
    ffacm_stream_close(st);
    return out;
}

static int32_t s24(const uint8_t *p) { return (int32_t)((uint32_t)p[0] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 24) >> 8; }
static int32_t s32(const uint8_t *p) { return (int32_t)((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24); }
static int16_t s16(const uint8_t *p) { return (int16_t)(p[0] | p[1] << 8); }

/* The PCM format FORMAT_SUGGEST gives for `src` with the given restrictions. */
static int suggest(const media_file *m, uint32_t flags, unsigned channels, unsigned rate, unsigned bits,
                   int float_samples, ffacm_wavefmt *out)
{
    ffacm_wavefmt src, want;
    ffacm_wavefmt_parse(m->fmt.data, m->fmt.size, &src);
    memset(&want, 0, sizeof want);
    want.tag = want.codec_tag = float_samples ? FFACM_TAG_IEEE_FLOAT : FFACM_TAG_PCM;
    want.channels = (uint16_t)channels;
    want.rate = rate;
    want.bits_per_sample = (uint16_t)bits;
    int ret = ffacm_format_suggest(&src, flags, &want, out);
    CHECK(ret == FFACM_OK, "%s: suggest %u ch %u Hz %u bits float %d: %d", m->name, channels, rate, bits,
          float_samples, ret);
    return ret;
}

/* 24/32-bit output against FFmpeg's s32 decode: 32-bit equal, 24-bit its top three bytes. */
static void check_wide(const media_file *m, const char *ref_name, unsigned bits)
{
    ffacm_wavefmt dst;
    if (suggest(m, FFACM_SUGGEST_BITS, 0, 0, bits, 0, &dst) != FFACM_OK)
        return;
    CHECK(dst.bits_per_sample == bits && ffacm_wavefmt_is_pcm(&dst), "%s: %u-bit suggestion", m->name, bits);
    CHECK(dst.tag == FFACM_TAG_EXTENSIBLE && dst.valid_bits == bits, "%s: %u-bit PCM is not extensible", m->name, bits);
    bytes ref, out = decode(m, &dst);
    if (read_file(ref_name, &ref) < 0)
        return;
    size_t bps = bits / 8, n = out.size / bps, want = ref.size / 4, diff = 0;
    for (size_t i = 0; i < n && i < want; i++) {
        int32_t a = bps == 3 ? s24(out.data + 3 * i) : s32(out.data + 4 * i);
        int32_t b = bps == 3 ? s32(ref.data + 4 * i) >> 8 : s32(ref.data + 4 * i);
        diff += a != b;
    }
    printf("%-14s %2u-bit: samples=%zu ref=%zu differing=%zu\n", m->name, bits, n, want, diff);
    CHECK(n == want && diff == 0, "%s %u-bit: %zu samples (ref %zu), %zu differ", m->name, bits, n, want, diff);
    free(ref.data);
    free(out.data);
}

static void check_float(const media_file *m, const char *ref_name)
{
    ffacm_wavefmt dst;
    if (suggest(m, FFACM_SUGGEST_TAG, 0, 0, 32, 1, &dst) != FFACM_OK)
        return;
    CHECK(ffacm_wavefmt_is_float(&dst) && dst.bits_per_sample == 32, "%s: float suggestion", m->name);
    bytes ref, out = decode(m, &dst);
    if (read_file(ref_name, &ref) < 0)
        return;
    size_t n = out.size / 4, want = ref.size / 4;
    int same = n == want && memcmp(out.data, ref.data, out.size) == 0;
    printf("%-14s float: samples=%zu ref=%zu identical=%d\n", m->name, n, want, same);
    CHECK(same, "%s float: %zu samples (ref %zu), not bit-identical", m->name, n, want);
    free(ref.data);
    free(out.data);
}

/* 16-bit output `out` of `channels` against a 16-bit reference: frame counts and largest
 * difference. */
static int compare16(const char *what, const bytes *out, const bytes *ref, unsigned channels, size_t *frames,
                     size_t *ref_frames)
{
    size_t n = out->size / 2, want = ref->size / 2;
    int maxdiff = 0;
    for (size_t i = 0; i < n && i < want; i++) {
        int d = abs(s16(out->data + 2 * i) - s16(ref->data + 2 * i));
        if (d > maxdiff)
            maxdiff = d;
    }
    *frames = n / channels;
    *ref_frames = want / channels;
    printf("%-22s frames=%zu ref=%zu maxdiff=%d\n", what, *frames, *ref_frames, maxdiff);
    return maxdiff;
}

/* Decode `m` into `dst` and compare with its own 16-bit reference (FFmpeg's decode, in the
 * decoder's channel order). */
static void check_same_as_ref(const media_file *m, const ffacm_wavefmt *dst, const char *what)
{
    bytes out = decode(m, dst), ref = { m->ref.data, m->ref.size, m->ref.size };
    size_t frames, ref_frames;
    int maxdiff = compare16(what, &out, &ref, dst->channels, &frames, &ref_frames);
    CHECK(frames == ref_frames && (long)frames == m->frames && maxdiff == 0, "%s: %zu frames (ref %zu), max diff %d",
          what, frames, ref_frames, maxdiff);
    free(out.data);
}

/* Multichannel source: extensible suggestion with the mask of the decoder's layout as far as
 * the format tells it (the source's mask, else the row's decoder layout); decoding into that
 * suggestion gives FFmpeg's samples (a decoder layout that differs only in names, side vs back
 * surrounds, is mapped 1:1), as does a host that asks for the other 5.1 mask; then a forced
 * stereo downmix against `ffmpeg -ac 2` when there is a reference for it. */
static void check_surround(const media_file *m, unsigned channels, uint32_t mask, const char *ref_name)
{
    ffacm_wavefmt dst;
    if (suggest(m, 0, 0, 0, 0, 0, &dst) != FFACM_OK)
        return;
    printf("%-14s suggestion: tag=0x%04X channels=%u mask=0x%X\n", m->name, dst.tag, dst.channels, dst.channel_mask);
    CHECK(dst.tag == FFACM_TAG_EXTENSIBLE && dst.channels == channels && dst.channel_mask == mask,
          "%s: suggestion tag 0x%04X, %u channels, mask 0x%X (want extensible, %u, 0x%X)", m->name, dst.tag,
          dst.channels, dst.channel_mask, channels, mask);
    char what[96];
    snprintf(what, sizeof what, "%.40s -> mask 0x%X", m->name, dst.channel_mask);
    check_same_as_ref(m, &dst, what);
    if (channels == 6) {
        uint32_t other = dst.channel_mask == 0x3F ? 0x60F : 0x3F;
        ffacm_wavefmt_pcm(&dst, dst.rate, 6, 16, 0, 1, other);
        snprintf(what, sizeof what, "%.40s -> mask 0x%X", m->name, other);
        check_same_as_ref(m, &dst, what);
    }
    if (!ref_name)
        return;
    if (suggest(m, FFACM_SUGGEST_CHANNELS, 2, 0, 0, 0, &dst) != FFACM_OK)
        return;
    CHECK(dst.channels == 2 && dst.tag == FFACM_TAG_PCM, "%s: stereo suggestion", m->name);
    bytes ref, out = decode(m, &dst);
    if (read_file(ref_name, &ref) < 0)
        return;
    size_t frames, ref_frames;
    snprintf(what, sizeof what, "%.60s -> stereo", m->name);
    int maxdiff = compare16(what, &out, &ref, 2, &frames, &ref_frames);
    /* Same swr, same default matrix (-3 dB centre and surrounds, LFE dropped, normalised). */
    CHECK(frames == ref_frames && maxdiff == 0, "%s: downmix %zu frames (ref %zu), max diff %d", m->name, frames,
          ref_frames, maxdiff);
    free(ref.data);
    free(out.data);
}

static void check_resample(const media_file *m, const char *ref_name)
{
    ffacm_wavefmt dst;
    if (suggest(m, FFACM_SUGGEST_RATE, 0, 48000, 0, 0, &dst) != FFACM_OK)
        return;
    CHECK(dst.rate == 48000, "%s: 48 kHz suggestion", m->name);
    bytes ref, out = decode(m, &dst);
    if (read_file(ref_name, &ref) < 0)
        return;
    size_t frames, ref_frames;
    int maxdiff = compare16("mp3 44.1k -> 48k", &out, &ref, 2, &frames, &ref_frames);
    long expect = lround(m->frames * 48000.0 / 44100.0);
    CHECK(labs((long)frames - expect) <= 1, "resample: %zu frames, %ld expected", frames, expect);
    /* FFmpeg's aresample runs the same swr filter, but the CLI feeds it differently sized
     * frames and converts float->s16 in a separate step: allow 1 LSB of rounding. */
    CHECK(maxdiff <= 1, "resample: max diff %d against aresample", maxdiff);
    free(ref.data);
    free(out.data);
}

/* mp3_ratechange.wav: n1 frames at rate1 then n2 at rate2 (mp3_ratechange.info), opened at
 * the header's rate1: the second part must come out resampled to rate1. */
static void check_rate_change(void)
{
    bytes pkt, info;
    if (read_file("mp3_ratechange.wav.pkt", &pkt) < 0 || read_file("mp3_ratechange.info", &info) < 0)
        return;
    append(&info, (const uint8_t *)"", 1);
    long n1, r1, n2, r2;
    CHECK(sscanf((const char *)info.data, "%ld %ld %ld %ld", &n1, &r1, &n2, &r2) == 4, "rate change info");
    media_file m;
    memset(&m, 0, sizeof m);
    snprintf(m.name, sizeof m.name, "mp3_ratechange.wav");
    /* .pkt: "FFPK", fmt size, fmt, kind, count, then (size, bytes) records. */
    const uint8_t *p = pkt.data;
    uint32_t fmt_size = (uint32_t)s32(p + 4);
    m.fmt.data = (uint8_t *)p + 8;
    m.fmt.size = fmt_size;
    p += 8 + fmt_size;
    m.packets = s32(p);
    m.n_records = (size_t)s32(p + 4);
    p += 8;
    media_buf records[1];
    CHECK(m.n_records == 1 && !m.packets, "rate change: one byte stream");
    records[0].size = (size_t)s32(p);
    records[0].data = (uint8_t *)p + 4;
    m.records = records;
    ffacm_wavefmt src, dst, none;
    ffacm_wavefmt_parse(m.fmt.data, m.fmt.size, &src);
    memset(&none, 0, sizeof none);
    ffacm_format_suggest(&src, 0, &none, &dst);
    CHECK(dst.rate == (uint32_t)r1, "rate change: opened at %u", dst.rate);
    bytes out = decode(&m, &dst);
    long frames = (long)(out.size / dst.block_align);
    long expect = n1 + lround((double)n2 * r1 / r2);
    printf("%-22s frames=%ld expected=%ld (%ld at %ld Hz + %ld at %ld Hz)\n", "rate change", frames, expect, n1, r1,
           n2, r2);
    /* Rounding of the resampled part may move the count by a frame; the wrong speed would be
     * off by n2 * (1 - r1/r2), thousands of frames, and FFmpeg 5.1's own stamping of the first
     * new-rate frame with the old rate (see decoder.c) by 94. */
    CHECK(labs(frames - expect) <= 2, "rate change: %ld frames, expected %ld", frames, expect);
    free(out.data);
    free(pkt.data);
    free(info.data);
}

int main(int argc, char **argv)
{
    media_dir = argc > 1 ? argv[1] : "media";
    media_file *files;
    int count = media_load_all(media_dir, &files);
    if (count <= 0)
        return 1;
    const media_file *flac24 = find(files, count, "flac24.wav"), *mp3 = find(files, count, "mp3.wav");
    const media_file *ac3_51 = find(files, count, "ac3_51.wav"), *flac71 = find(files, count, "flac71.wav");
    if (flac24) {
        check_wide(flac24, "flac24.ref.s32", 24);
        check_wide(flac24, "flac24.ref.s32", 32);
    }
    if (mp3) {
        check_wide(mp3, "mp3.ref.s32", 24);
        check_wide(mp3, "mp3.ref.s32", 32);
        check_float(mp3, "mp3.ref.f32");
        check_resample(mp3, "mp3.ref.48k.s16");
    }
    if (ac3_51)
        check_surround(ac3_51, 6, 0x3F, "ac3_51.ref.ac2.s16");
    if (flac71)
        check_surround(flac71, 8, 0x63F, "flac71.ref.ac2.s16");
    /* The source's mask where it has one (FFmpeg's WAV muxer wrote 0x3F for AC-3/E-AC-3 and
     * 0x60F for DTS), the row's decoder layout where it has none (plain 0x2000, 6 channels:
     * 3/2 + LFE, side surrounds; AAC in AVI with 3 channels). */
    /* AAC 3.0 (configuration 3) is FC FL FR (0x7), not FFmpeg's default 3 channels (2.1). */
    const char *more[] = { "ac3_51_wfx.wav", "dts_51.wav", "eac3_51.wav", "truehd_51.wav", "aac_30.avi" };
    const unsigned more_channels[] = { 6, 6, 6, 6, 3 };
    const uint32_t more_masks[] = { 0x60F, 0x60F, 0x3F, 0x60F, 0x7 };
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++) {
        const media_file *m = find(files, count, more[i]);
        if (m)
            check_surround(m, more_channels[i], more_masks[i], NULL);
    }
    check_rate_change();
    media_free_all(files, count);
    return check_summary("test_output_formats");
}

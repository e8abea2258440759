/* libFuzzer target: WAVEFORMATEX bytes of any length through every format-level entry point.
 *
 * The first input byte picks the tag (each row's tag, plain or as an EXTENSIBLE subformat, or
 * whatever the bytes say), the next ones the FORMAT_SUGGEST restrictions and the STREAM_SIZE
 * queries; the rest is the format, copied into a buffer of exactly its length so that
 * AddressSanitizer sees any read beyond what a host handed over.  Besides "no crash, no UB"
 * it checks the promises the bridge relies on:
 *   - a parsed format's extra bytes lie inside the buffer, and it serialises back to itself;
 *   - the extradata an unpacker writes fits ffacm_extradata_capacity();
 *   - a suggested destination is valid, and the source opens (QUERY) into it;
 *   - STREAM_SIZE(SOURCE) is a positive multiple of the output frame; DESTINATION's answer
 *     never makes SOURCE exceed the destination size it came from.
 * It allocates no codec (that is fuzz_decode's part, whose formats are mutated as well), so
 * it runs thousands of times faster and explores the format rules deeply. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bridge/core/format_rules.h"
#include "bridge/core/pcm_convert.h"
#include "bridge/core/status.h"
#include "bridge/core/stream_adapter.h"
#include "formats/format_table.h"
#include "fuzz_input.h"

#include <libavutil/log.h>

#define FUZZ_ASSERT(cond, ...)                                          \
    do {                                                                \
        if (!(cond)) {                                                  \
            fprintf(stderr, "invariant failed: %s: ", #cond);           \
            fprintf(stderr, __VA_ARGS__);                               \
            fprintf(stderr, "\n");                                      \
            abort();                                                    \
        }                                                               \
    } while (0)

/* Point the bytes at a tag of the table: plain, or EXTENSIBLE with that tag's GUID. */
static void choose_tag(uint8_t mode, uint8_t *fmt, size_t size)
{
    size_t rows_n;
    const ffacm_format_row *rows = ffacm_format_rows(&rows_n);
    if (size < 2 || mode >= 2 * rows_n)
        return; /* keep the fuzzer's own tag */
    uint16_t tag = rows[mode % rows_n].tag;
    if (mode < rows_n) {
        ffacm_wr16(fmt, tag);
        return;
    }
    ffacm_wr16(fmt, FFACM_TAG_EXTENSIBLE);
    if (size >= FFACM_WAVEFORMATEX_SIZE + FFACM_EXTENSIBLE_EXTRA) {
        uint8_t guid[16];
        ffacm_tag_guid(tag, guid);
        memcpy(fmt + FFACM_WAVEFORMATEX_SIZE + 6, guid, 16);
    }
}

static void check_roundtrip(const ffacm_wavefmt *f)
{
    size_t size = ffacm_wavefmt_size(f);
    uint8_t *buf = malloc(size);
    size_t written = ffacm_wavefmt_write(f, buf, size);
    FUZZ_ASSERT(written == size, "write %zu of %zu", written, size);
    ffacm_wavefmt back;
    FUZZ_ASSERT(ffacm_wavefmt_parse(buf, size, &back) == FFACM_WAVEFMT_OK, "re-parse");
    FUZZ_ASSERT(back.tag == f->tag && back.channels == f->channels && back.rate == f->rate &&
                    back.block_align == f->block_align && back.codec_tag == f->codec_tag &&
                    back.extra_size == f->extra_size &&
                    (!f->extra_size || memcmp(back.extra, f->extra, f->extra_size) == 0),
                "round trip of tag 0x%x", f->tag);
    free(buf);
}

static void check_unpack(const ffacm_wavefmt *f)
{
    const ffacm_format_row *row = ffacm_format_find(f);
    if (!row)
        return;
    ffacm_decoder_setup query, real;
    int q = ffacm_format_unpack(row, f, &query, NULL);
    size_t cap = ffacm_extradata_capacity(f);
    uint8_t *extradata = malloc(cap ? cap : 1);
    int r = ffacm_format_unpack(row, f, &real, extradata);
    FUZZ_ASSERT(q == r, "query unpack %d, real unpack %d", q, r);
    if (r == 0)
        FUZZ_ASSERT(real.extradata_size <= cap, "extradata %zu > capacity %zu", real.extradata_size, cap);
    free(extradata);
}

static void check_sizes(const ffacm_wavefmt *src, const ffacm_wavefmt *dst, uint32_t src_len, uint32_t dst_len)
{
    ffacm_size_model m;
    if (ffacm_stream_size_model(src, dst, &m) != FFACM_OK)
        return;
    uint32_t out = 0, in = 0;
    if (src_len && ffacm_size_source(&m, src_len, &out) == 0)
        FUZZ_ASSERT(out > 0 && out % m.dst_block_align == 0, "SOURCE %u -> %u (frame %u)", src_len, out,
                    m.dst_block_align);
    if (dst_len && ffacm_size_destination(&m, dst_len, &in) == 0) {
        FUZZ_ASSERT(in > 0, "DESTINATION %u -> 0", dst_len);
        if (ffacm_size_source(&m, in, &out) == 0)
            FUZZ_ASSERT(out <= dst_len, "DESTINATION %u -> %u, whose SOURCE is %u", dst_len, in, out);
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    /* Quiet as DRV_LOAD makes it (corrupt input is expected); FFACM_FUZZ_LOG=1 for triage. */
    if (!getenv("FFACM_FUZZ_LOG"))
        av_log_set_level(AV_LOG_QUIET);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in = { data, size };
    uint8_t mode = fuzz_u8(&in);
    uint32_t flags = fuzz_u32(&in);
    ffacm_wavefmt want = { 0 };
    want.tag = fuzz_u16(&in);
    want.channels = fuzz_u16(&in);
    want.rate = fuzz_u32(&in);
    want.bits_per_sample = fuzz_u16(&in);
    uint32_t src_len = fuzz_u32(&in), dst_len = fuzz_u32(&in);
    (void)fuzz_u8(&in); /* reserved (was: open the stream; fuzz_decode opens) */

    /* The format: exactly the remaining bytes, in a heap block of that size. */
    size_t fmt_size = in.left;
    uint8_t *fmt = malloc(fmt_size ? fmt_size : 1);
    memcpy(fmt, in.p, fmt_size);
    choose_tag(mode, fmt, fmt_size);

    ffacm_wavefmt src;
    int parsed = ffacm_wavefmt_parse(fmt, fmt_size, &src);
    if (parsed == FFACM_WAVEFMT_OK) {
        FUZZ_ASSERT(!src.extra_size || (src.extra >= fmt && src.extra + src.extra_size <= fmt + fmt_size),
                    "extra bytes outside the buffer");
        check_roundtrip(&src);
        check_unpack(&src);
        (void)ffacm_format_validate(&src);

        ffacm_wavefmt dst;
        if (ffacm_format_suggest(&src, flags, &want, &dst) == FFACM_OK) {
            FUZZ_ASSERT(ffacm_pcm_convert_supports(&dst), "suggested an unsupported destination");
            FUZZ_ASSERT(ffacm_format_validate(&dst) == FFACM_OK, "suggested destination fails FORMAT_DETAILS");
            FUZZ_ASSERT(ffacm_format_validate(&src) == FFACM_OK, "suggests for an invalid source");
            FUZZ_ASSERT(ffacm_stream_query(&src, &dst) == FFACM_OK, "suggested destination cannot be opened");
            check_sizes(&src, &dst, src_len, dst_len);
        }
        /* The fuzzer's own destination too (anything that parses as one). */
        ffacm_wavefmt_pcm(&dst, want.rate, want.channels, want.bits_per_sample, mode & 0x80, mode & 0x40,
                          flags);
        if (ffacm_stream_query(&src, &dst) == FFACM_OK)
            check_sizes(&src, &dst, src_len, dst_len);
    }
    free(fmt);
    return 0;
}

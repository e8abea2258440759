/* libFuzzer target: the encoders (PCM in) through the stream adapter.
 *
 * Input layout:
 *     u8 row, u16 standard format index, u8 source choice,
 *     then calls: u8 control, u16 chunk size, u16 output size, chunk bytes (the PCM) ...
 * The destination is one of the table's standard formats (FORMAT_DETAILS INDEX), so every
 * encoder row and its bitrate/rate/channel grid is reachable; rows without an encoder refuse
 * the open and the input is done.  The source is PCM or float at the destination's rate and
 * channels, or deliberately another one.  control bits as in fuzz_decode.c: 0 START, 1 END,
 * 2 BLOCKALIGN, 3 keep unconsumed input, 4 size the output with STREAM_SIZE(SOURCE).
 *
 * Invariants: dst_used <= dst_len, src_used <= src_len; STREAM_SIZE(SOURCE) output buffers
 * take the whole input when nothing is carried; repeated END stops producing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libavutil/log.h>

#include "bridge/core/status.h"
#include "bridge/core/stream_adapter.h"
#include "formats/format_table.h"
#include "fuzz_input.h"

#define FUZZ_ASSERT(cond, ...)                                          \
    do {                                                                \
        if (!(cond)) {                                                  \
            fprintf(stderr, "invariant failed: %s: ", #cond);           \
            fprintf(stderr, __VA_ARGS__);                               \
            fprintf(stderr, "\n");                                      \
            abort();                                                    \
        }                                                               \
    } while (0)

#define CTL_START 0x01
#define CTL_END 0x02
#define CTL_BLOCKALIGN 0x04
#define CTL_CARRY 0x08
#define CTL_SIZE_SOURCE 0x10
#define MAX_CARRY (1u << 20)
#define MAX_END_CALLS 4096

static void choose_source(uint8_t choice, const ffacm_wavefmt *dst, ffacm_wavefmt *src)
{
    uint32_t rate = dst->rate;
    uint16_t ch = dst->channels;
    switch (choice % 8) {
    case 0: ffacm_wavefmt_pcm(src, rate, ch, 16, 0, 0, 0); break;
    case 1: ffacm_wavefmt_pcm(src, rate, ch, 8, 0, 0, 0); break;
    case 2: ffacm_wavefmt_pcm(src, rate, ch, 24, 0, 0, 0); break;
    case 3: ffacm_wavefmt_pcm(src, rate, ch, 32, 1, 0, 0); break;
    case 4: ffacm_wavefmt_pcm(src, rate, ch, 16, 0, 1, ffacm_default_speaker_mask(ch)); break;
    case 5: ffacm_wavefmt_pcm(src, 44100, 2, 16, 0, 0, 0); break;  /* maybe resampled/remixed */
    case 6: ffacm_wavefmt_pcm(src, rate, 1, 16, 0, 0, 0); break;
    default: ffacm_wavefmt_pcm(src, 8000, ch, 32, 0, 0, 0); break;
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
    size_t rows_n;
    const ffacm_format_row *rows = ffacm_format_rows(&rows_n);
    const ffacm_format_row *row = &rows[fuzz_u8(&in) % rows_n];
    uint16_t index = fuzz_u16(&in);
    uint8_t choice = fuzz_u8(&in);
    uint32_t count = ffacm_format_count(row);
    if (!count)
        return 0;
    uint8_t extra[512];
    ffacm_wavefmt dst, src;
    if (row->enum_extra_size > sizeof extra || ffacm_format_get(row, index % count, &dst, extra) < 0)
        return 0;
    choose_source(choice, &dst, &src);
    ffacm_stream *s;
    if (ffacm_stream_open(&src, &dst, &s) != FFACM_OK)
        return 0;

    uint8_t *carry = malloc(MAX_CARRY + 65536);
    uint32_t carry_n = 0;
    int flushed = 1; /* no output held from an earlier call */
    while (in.left) {
        uint8_t ctl = fuzz_u8(&in);
        uint16_t chunk_len = fuzz_u16(&in);
        uint32_t dst_len = fuzz_u16(&in);
        const uint8_t *chunk;
        size_t n = fuzz_bytes(&in, chunk_len, &chunk);
        int carried = (ctl & CTL_CARRY) && carry_n;
        if (!(ctl & CTL_CARRY) || carry_n > MAX_CARRY)
            carry_n = 0;
        memcpy(carry + carry_n, chunk, n);
        carry_n += (uint32_t)n;
        int sized = 0;
        if (ctl & CTL_SIZE_SOURCE)
            sized = ffacm_size_source(ffacm_stream_model(s), carry_n ? carry_n : 1, &dst_len) == 0;
        if (dst_len > (16u << 20))
            dst_len = 16u << 20;
        uint32_t flags = (ctl & CTL_START ? FFACM_CONVERT_START : 0) | (ctl & CTL_END ? FFACM_CONVERT_END : 0) |
                         (ctl & CTL_BLOCKALIGN ? FFACM_CONVERT_BLOCKALIGN : 0);
        uint8_t *src_copy = carry_n ? malloc(carry_n) : NULL;
        if (carry_n)
            memcpy(src_copy, carry, carry_n);
        uint8_t *out = malloc(dst_len ? dst_len : 1);
        uint32_t used = 0xDEADBEEF, made = 0xDEADBEEF;
        int ret = ffacm_stream_convert(s, src_copy, carry_n, out, dst_len, flags, &used, &made);
        FUZZ_ASSERT(used <= carry_n, "src_used %u > src_len %u", used, carry_n);
        FUZZ_ASSERT(made <= dst_len, "dst_used %u > dst_len %u", made, dst_len);
        /* The wave mapper's contract: an output buffer of STREAM_SIZE(SOURCE) takes all of a
         * fresh input buffer (it drops what is left).  Not for encoders that make one packet
         * per call by design (raw AAC, Opus, ALAC: one AVI chunk each), which take only the
         * input of that packet (their SOURCE answer bounds all the packets of the input, the
         * length avifil32 reads by). */
        if (ret == FFACM_OK && sized && !carried && (flushed || (ctl & CTL_START)) && !(ctl & CTL_END) &&
            !row->encoder->one_packet_per_call && dst_len > ffacm_size_packet(ffacm_stream_model(s)))
            FUZZ_ASSERT(used == carry_n,
                        "tag 0x%04x (%u Hz, %u ch, %u B/s) from %u-bit %u Hz %u ch: STREAM_SIZE(SOURCE) %u for %u "
                        "bytes, but only %u taken (made %u)",
                        row->tag, dst.rate, dst.channels, dst.avg_bytes_per_sec, src.bits_per_sample, src.rate,
                        src.channels, dst_len, carry_n, used, made);
        /* Output is bytes (no frame rounding): a call that filled less than its buffer left
         * nothing behind for the next one. */
        flushed = made < dst_len;
        free(src_copy);
        free(out);
        memmove(carry, carry + used, carry_n - used);
        carry_n -= used;
    }
    for (int calls = 0;; calls++) {
        FUZZ_ASSERT(calls < MAX_END_CALLS, "END still produces output after %d calls", calls);
        static uint8_t out[1 << 20];
        uint32_t used = 0, made = 0;
        ffacm_stream_convert(s, carry, carry_n, out, sizeof out, FFACM_CONVERT_END, &used, &made);
        FUZZ_ASSERT(used <= carry_n && made <= sizeof out, "END: used %u of %u, made %u", used, carry_n, made);
        memmove(carry, carry + used, carry_n - used);
        carry_n -= used;
        if (!used && !made)
            break;
    }
    free(carry);
    ffacm_stream_close(s);
    return 0;
}

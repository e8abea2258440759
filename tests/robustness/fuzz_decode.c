/* libFuzzer target: the stream adapter and every decoder row, driven like a hostile host.
 *
 * Input layout (make_seeds.py writes real streams in it, so mutations start from real
 * headers and real bitstreams):
 *     u8 destination choice, u16 format size, the source WAVEFORMATEX,
 *     then calls: u8 control, u16 chunk size, u16 output size, chunk bytes ...
 * control bits: 0 START, 1 END, 2 BLOCKALIGN, 3 keep the unconsumed input for the next call
 * (VirtualDub) instead of dropping it (wave mapper), 4 size the output with STREAM_SIZE
 * (SOURCE) instead of the given size, 5 pass a NULL output pointer when its size is 0.
 * Every source chunk and output buffer is a heap block of exactly its size (ASan sees
 * overruns).  After the calls, END is repeated until a call produces nothing.
 *
 * Invariants checked on every call (abort() on violation, so libFuzzer records the input):
 *   dst_used <= dst_len, src_used <= src_len, dst_used is whole sample frames;
 *   a call with input and room for one frame takes input or delivers output;
 *   repeated END stops producing within a bounded number of calls. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bridge/core/format_rules.h"
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

#define CTL_START 0x01
#define CTL_END 0x02
#define CTL_BLOCKALIGN 0x04
#define CTL_CARRY 0x08
#define CTL_SIZE_SOURCE 0x10
#define CTL_NULL_DST 0x20

#define MAX_CARRY (1u << 20)
#define MAX_END_CALLS 4096
#define END_BUFFER 65536

/* The PCM destination a host might ask for, from the source's own rate and channels. */
static int choose_destination(uint8_t choice, const ffacm_wavefmt *src, ffacm_wavefmt *dst)
{
    ffacm_wavefmt none = { 0 };
    if (ffacm_format_suggest(src, 0, &none, dst) != FFACM_OK)
        return -1;
    uint32_t rate = dst->rate;
    uint16_t ch = dst->channels;
    switch (choice % 10) {
    case 0: break; /* the suggestion itself */
    case 1: ffacm_wavefmt_pcm(dst, rate, ch, 8, 0, 0, 0); break;
    case 2: ffacm_wavefmt_pcm(dst, rate, ch, 24, 0, 1, ffacm_default_speaker_mask(ch)); break;
    case 3: ffacm_wavefmt_pcm(dst, rate, ch, 32, 0, 0, 0); break;
    case 4: ffacm_wavefmt_pcm(dst, rate, ch, 32, 1, 0, 0); break;
    case 5: ffacm_wavefmt_pcm(dst, rate, ch, 16, 0, 1, ffacm_default_speaker_mask(ch)); break;
    case 6: ffacm_wavefmt_pcm(dst, rate, 1, 16, 0, 0, 0); break;
    case 7: ffacm_wavefmt_pcm(dst, 22050, 2, 16, 0, 0, 0); break;
    case 8: ffacm_wavefmt_pcm(dst, rate, 8, 16, 0, 1, 0x63F); break;
    default: ffacm_wavefmt_pcm(dst, 96000, ch, 16, 0, 0, 0); break;
    }
    return 0;
}

/* One convert call with exact-size heap copies of the buffers; checks the per-call rules. */
static int call(ffacm_stream *s, const ffacm_wavefmt *dst_fmt, const uint8_t *src, uint32_t src_len,
                uint32_t dst_len, uint32_t flags, int null_dst, uint32_t *used_out)
{
    uint8_t *in = src_len ? malloc(src_len) : NULL;
    if (src_len)
        memcpy(in, src, src_len);
    uint8_t *out = (dst_len || !null_dst) ? malloc(dst_len ? dst_len : 1) : NULL;
    uint32_t used = 0xDEADBEEF, made = 0xDEADBEEF;
    int ret = ffacm_stream_convert(s, in, src_len, out, dst_len, flags, &used, &made);
    FUZZ_ASSERT(used <= src_len, "src_used %u > src_len %u", used, src_len);
    FUZZ_ASSERT(made <= dst_len, "dst_used %u > dst_len %u", made, dst_len);
    FUZZ_ASSERT(made % dst_fmt->block_align == 0, "dst_used %u is not whole %u-byte frames", made,
                dst_fmt->block_align);
    if (ret == FFACM_OK && src_len && dst_len >= dst_fmt->block_align)
        FUZZ_ASSERT(used || made, "no progress: %u bytes in, %u bytes of room, flags 0x%x", src_len, dst_len,
                    flags);
    free(in);
    free(out);
    *used_out = used;
    return ret == FFACM_OK ? (int)made : -1;
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
    uint8_t choice = fuzz_u8(&in);
    const uint8_t *fmt_bytes;
    size_t fmt_size = fuzz_bytes(&in, fuzz_u16(&in), &fmt_bytes);
    uint8_t *fmt = malloc(fmt_size ? fmt_size : 1);
    memcpy(fmt, fmt_bytes, fmt_size);

    ffacm_wavefmt src, dst;
    ffacm_stream *s = NULL;
    if (ffacm_wavefmt_parse(fmt, fmt_size, &src) != FFACM_WAVEFMT_OK || choose_destination(choice, &src, &dst) < 0 ||
        ffacm_stream_open(&src, &dst, &s) != FFACM_OK) {
        free(fmt);
        return 0;
    }

    uint8_t *carry = malloc(MAX_CARRY + 65536);
    uint32_t carry_n = 0;
    while (in.left) {
        uint8_t ctl = fuzz_u8(&in);
        uint16_t chunk_len = fuzz_u16(&in);
        uint32_t dst_len = fuzz_u16(&in);
        const uint8_t *chunk;
        size_t n = fuzz_bytes(&in, chunk_len, &chunk);
        if (!(ctl & CTL_CARRY) || carry_n > MAX_CARRY)
            carry_n = 0;
        memcpy(carry + carry_n, chunk, n);
        carry_n += (uint32_t)n;
        if (ctl & CTL_SIZE_SOURCE)
            ffacm_size_source(ffacm_stream_model(s), carry_n ? carry_n : 1, &dst_len);
        uint32_t flags = (ctl & CTL_START ? FFACM_CONVERT_START : 0) | (ctl & CTL_END ? FFACM_CONVERT_END : 0) |
                         (ctl & CTL_BLOCKALIGN ? FFACM_CONVERT_BLOCKALIGN : 0);
        if (dst_len > (16u << 20))
            dst_len = 16u << 20; /* STREAM_SIZE may say up to 4 GB for huge inputs */
        uint32_t used;
        call(s, &dst, carry, carry_n, dst_len, flags, ctl & CTL_NULL_DST, &used);
        memmove(carry, carry + used, carry_n - used);
        carry_n -= used;
    }
    /* The end of the stream: END until nothing more comes out (VirtualDub's loop). */
    int calls = 0;
    for (;; calls++) {
        FUZZ_ASSERT(calls < MAX_END_CALLS, "END still produces output after %d calls", calls);
        uint32_t used;
        int made = call(s, &dst, carry, carry_n, END_BUFFER, FFACM_CONVERT_END, 0, &used);
        memmove(carry, carry + used, carry_n - used);
        carry_n -= used;
        if (made <= 0 && used == 0)
            break;
    }
    free(carry);
    ffacm_stream_close(s);
    free(fmt);
    return 0;
}

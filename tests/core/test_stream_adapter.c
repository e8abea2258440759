/* The stream adapter against FFmpeg's own decode of real files, natively.
 *
 * Every test file is decoded through ffacm_stream_* in the call patterns of real hosts
 * (shared/acm-facts.md) and several source chunk sizes, and must equal FFmpeg's reference
 * decode sample for sample: the same libavcodec decodes both, so any difference is a bug in
 * framing, buffering or conversion. */
#include <stdlib.h>
#include <string.h>

#include "bridge/core/format_rules.h"
#include "bridge/core/status.h"
#include "bridge/core/stream_adapter.h"
#include "check.h"
#include "media.h"

typedef struct out_buf {
    uint8_t *data;
    size_t size, cap;
} out_buf;

static void append(out_buf *o, const uint8_t *p, size_t n)
{
    if (n == 0)
        return;
    if (o->size + n > o->cap) {
        o->cap = (o->size + n) * 2;
        o->data = realloc(o->data, o->cap);
    }
    memcpy(o->data + o->size, p, n);
    o->size += n;
}

typedef struct source {
    const media_file *m;
    size_t record, offset; /* position in the records */
    size_t chunk;          /* byte streams: bytes per host buffer */
} source;

/* The next host buffer: one record (packets) or `chunk` bytes of the stream. */
static int next_buffer(source *s, const uint8_t **p, size_t *n)
{
    if (s->record >= s->m->n_records)
        return 0;
    const media_buf *r = &s->m->records[s->record];
    if (s->m->packets) {
        *p = r->data;
        *n = r->size;
        s->record++;
        return 1;
    }
    *p = r->data + s->offset;
    *n = r->size - s->offset < s->chunk ? r->size - s->offset : s->chunk;
    s->offset += *n;
    if (s->offset >= r->size)
        s->record++;
    return *n > 0;
}

typedef struct run_result {
    int jammed, discarded, errors, size_violations;
    int held;                 /* wrapper: output bytes still held after the last sample */
    uint64_t tail, tail_limit; /* wrapper: frames only END (codec delay) gives, and the bound */
    out_buf out;
} run_result;

/* VirtualDub: BLOCKALIGN (+START first), output sized by STREAM_SIZE(SOURCE), unconsumed input
 * kept in front of the next buffer, END repeated until a call makes no progress. */
static void run_vdub(ffacm_stream *st, source *src, run_result *r)
{
    uint8_t *carry = NULL;
    size_t carry_n = 0;
    uint32_t flags = FFACM_CONVERT_START | FFACM_CONVERT_BLOCKALIGN;
    const uint8_t *p;
    size_t n;
    int more = 1;
    for (;;) {
        while (more && carry_n == 0) { /* VirtualDub never converts an empty buffer */
            more = next_buffer(src, &p, &n);
            if (more && n == 0)
                continue;
            if (more) {
                carry = realloc(carry, n ? n : 1);
                memcpy(carry, p, n);
                carry_n = n;
            }
        }
        int end = !more;
        if (end)
            flags |= FFACM_CONVERT_END;
        uint32_t cap;
        ffacm_size_source(ffacm_stream_model(st), carry_n ? (uint32_t)carry_n : 1, &cap);
        uint8_t *dst = malloc(cap);
        uint32_t used = 0, made = 0;
        if (ffacm_stream_convert(st, carry, (uint32_t)carry_n, dst, cap, flags, &used, &made) != FFACM_OK)
            r->errors++;
        append(&r->out, dst, made);
        free(dst);
        memmove(carry, carry + used, carry_n - used);
        carry_n -= used;
        flags &= ~FFACM_CONVERT_START;
        if (used == 0 && made == 0) {
            if (end)
                break;
            r->jammed++;
            break;
        }
    }
    free(carry);
}

/* DirectShow's ACM Wrapper: flags 0, output buffers of nAvgBytesPerSec/2, loop over the
 * unconsumed rest of each media sample; a call that takes nothing loses the rest; no END. */
static void run_wrapper(ffacm_stream *st, source *src, const ffacm_wavefmt *dst_fmt, run_result *r)
{
    uint32_t cap = dst_fmt->avg_bytes_per_sec / 2;
    uint8_t *dst = malloc(cap);
    const uint8_t *p;
    size_t n;
    uint32_t flags = FFACM_CONVERT_START;
    while (next_buffer(src, &p, &n)) {
        while (n > 0) {
            uint32_t used = 0, made = 0;
            if (ffacm_stream_convert(st, p, (uint32_t)n, dst, cap, flags, &used, &made) != FFACM_OK)
                r->errors++;
            flags = 0;
            append(&r->out, dst, made);
            if (used == 0) {
                r->discarded += (int)n;
                break;
            }
            p += used;
            n -= used;
        }
    }
    /* Output the adapter still holds now would be lost by the wrapper: there must be none.
     * What END then adds is the codec's own delay (WMA keeps the frame a superframe's bit
     * reservoir ends in until it is flushed), which no call pattern without END can get:
     * it is counted as the tail, must be at most one packet, and completes the comparison. */
    uint32_t used = 0, made = 0;
    ffacm_stream_convert(st, NULL, 0, dst, cap, 0, &used, &made);
    r->held += (int)made;
    for (;;) {
        used = made = 0;
        ffacm_stream_convert(st, NULL, 0, dst, cap, FFACM_CONVERT_END, &used, &made);
        append(&r->out, dst, made);
        r->tail += made / dst_fmt->block_align;
        if (!made)
            break;
    }
    r->tail_limit = ffacm_size_packet(ffacm_stream_model(st)) / dst_fmt->block_align;
    free(dst);
}

/* The wave mapper: one call per buffer, output sized by STREAM_SIZE(SOURCE), flags 0; every
 * byte must be taken (it drops the rest).  END is sent at the very end to compare totals. */
static void run_mapper(ffacm_stream *st, source *src, run_result *r)
{
    const uint8_t *p;
    size_t n;
    while (next_buffer(src, &p, &n)) {
        uint32_t cap, used = 0, made = 0;
        ffacm_size_source(ffacm_stream_model(st), (uint32_t)(n ? n : 1), &cap);
        uint8_t *dst = malloc(cap);
        if (ffacm_stream_convert(st, p, (uint32_t)n, dst, cap, 0, &used, &made) != FFACM_OK)
            r->errors++;
        if (used != n)
            r->size_violations++;
        append(&r->out, dst, made);
        free(dst);
    }
    for (;;) {
        uint8_t dst[65536];
        uint32_t used = 0, made = 0;
        ffacm_stream_convert(st, NULL, 0, dst, sizeof dst, FFACM_CONVERT_END, &used, &made);
        append(&r->out, dst, made);
        if (!made)
            break;
    }
}

enum pattern { VDUB, WRAPPER, MAPPER, END_FIRST };
static const char *pattern_names[] = { "vdub", "wrapper", "mapper", "end-first" };

static void compare(const media_file *m, const char *pattern, size_t chunk, const run_result *r)
{
    size_t frame = (size_t)m->channels * 2;
    size_t frames = r->out.size / frame, want = m->ref.size / frame;
    size_t first_diff = (size_t)-1;
    int maxdiff = 0;
    size_t common = r->out.size < m->ref.size ? r->out.size : m->ref.size;
    const int16_t *a = (const int16_t *)r->out.data, *b = (const int16_t *)m->ref.data;
    for (size_t i = 0; i < common / 2; i++) {
        int d = abs(a[i] - b[i]);
        if (d && first_diff == (size_t)-1)
            first_diff = i / m->channels;
        if (d > maxdiff)
            maxdiff = d;
    }
    printf("%-20s %-8s chunk=%-8zu frames=%zu ref=%zu maxdiff=%d\n", m->name, pattern, chunk, frames,
           want, maxdiff);
    CHECK(frames == want && maxdiff == 0, "%s %s chunk %zu: %zu frames (ref %zu), max diff %d from frame %zu",
          m->name, pattern, chunk, frames, want, maxdiff, first_diff);
    CHECK(!r->held && r->tail <= r->tail_limit, "%s %s chunk %zu: %d bytes held back, tail %llu frames",
          m->name, pattern, chunk, r->held, (unsigned long long)r->tail);
    CHECK(!r->jammed && !r->discarded && !r->errors && !r->size_violations,
          "%s %s chunk %zu: jammed %d, discarded %d bytes, errors %d, unconsumed %d", m->name, pattern,
          chunk, r->jammed, r->discarded, r->errors, r->size_violations);
}

/* END with input left over: the whole stream in one buffer, flags START|END, output buffers
 * that hold one packet's output, END repeated with the rest until nothing moves.  The codec
 * may only be drained once all input is in; draining early would drop the frame being
 * gathered. */
static void run_end_first(ffacm_stream *st, const media_file *m, run_result *r)
{
    const media_buf *all = &m->records[0];
    uint32_t cap = (uint32_t)ffacm_size_packet(ffacm_stream_model(st));
    uint8_t *dst = malloc(cap);
    size_t pos = 0;
    uint32_t flags = FFACM_CONVERT_START | FFACM_CONVERT_END;
    for (;;) {
        uint32_t used = 0, made = 0;
        if (ffacm_stream_convert(st, all->data + pos, (uint32_t)(all->size - pos), dst, cap, flags, &used, &made) !=
            FFACM_OK)
            r->errors++;
        flags = FFACM_CONVERT_END;
        append(&r->out, dst, made);
        pos += used;
        if (!used && !made)
            break;
    }
    if (pos != all->size)
        r->size_violations++;
    free(dst);
}

static void run_one(const media_file *m, enum pattern pat, size_t chunk)
{
    ffacm_wavefmt src, dst, none = { 0 };
    CHECK(ffacm_wavefmt_parse(m->fmt.data, m->fmt.size, &src) == FFACM_WAVEFMT_OK, "%s: fmt", m->name);
    if (ffacm_format_suggest(&src, 0, &none, &dst) != FFACM_OK) {
        CHECK(0, "%s: no suggestion", m->name);
        return;
    }
    ffacm_wavefmt_pcm(&dst, dst.rate, dst.channels, 16, 0, dst.tag == FFACM_TAG_EXTENSIBLE, dst.channel_mask);
    ffacm_stream *st;
    int ret = ffacm_stream_open(&src, &dst, &st);
    CHECK(ret == FFACM_OK, "%s: open %d", m->name, ret);
    if (ret != FFACM_OK)
        return;
    source s = { .m = m, .chunk = chunk };
    run_result r = { 0 };
    if (pat == END_FIRST)
        run_end_first(st, m, &r);
    else if (pat == VDUB)
        run_vdub(st, &s, &r);
    else if (pat == WRAPPER)
        run_wrapper(st, &s, &dst, &r);
    else
        run_mapper(st, &s, &r);
    ffacm_stream_close(st);
    compare(m, pattern_names[pat], m->packets ? 0 : chunk, &r);
    free(r.out.data);
}

int main(int argc, char **argv)
{
    media_file *files;
    int count = media_load_all(argc > 1 ? argv[1] : "media", &files);
    if (count <= 0)
        return 1;
    static const size_t chunks[] = { 1, 417, 4096, 65536, 1 << 20 };
    for (int i = 0; i < count; i++) {
        const media_file *m = &files[i];
        ffacm_wavefmt src, dst;
        ffacm_wavefmt_parse(m->fmt.data, m->fmt.size, &src);
        if (src.codec_tag == FFACM_TAG_PCM) { /* PCM is a destination, never a source */
            ffacm_wavefmt_pcm(&dst, src.rate, src.channels, 16, 0, 0, 0);
            CHECK(ffacm_stream_query(&src, &dst) == FFACM_ERR_NOTPOSSIBLE, "PCM source accepted");
            continue;
        }
        for (int pat = VDUB; pat <= MAPPER; pat++) {
            if (m->packets) {
                run_one(m, pat, 0);
                continue;
            }
            for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++)
                run_one(m, pat, chunks[c]);
        }
        if (!m->packets)
            run_one(m, END_FIRST, m->records[0].size);
    }
    media_free_all(files, count);
    return check_summary("test_stream_adapter");
}

/*
 * acm_decode.c - the conversion loops (see acm_decode.h).
 */
#include "acm_decode.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acm_util.h"

/* A driver that keeps answering without consuming input (vdub main loop) or
 * keeps producing output after END is stopped after this many calls. */
#define MAX_IDLE_CALLS 100000ul

/* Upper bound of the default --chunk (before rounding to nBlockAlign). */
#define DEFAULT_CHUNK_MAX (1u << 20)

typedef struct dec {
    HACMSTREAM has;
    riff_input *in;
    const WAVEFORMATEX *dst;
    const acm_decode_opts *opts;
    const acm_sink *out;
    acm_decode_result *res;
    uint64_t pos;  /* WAV: data bytes already fetched */
    size_t packet; /* AVI: next packet to fetch */
} dec;

/* ------------------------------------------------------------ input side */

static int input_remaining(const dec *d)
{
    if (d->in->kind == RIFF_KIND_AVI)
        return d->packet < d->in->packet_count;
    return d->pos < d->in->data_size;
}

/* Size of the next unit: for WAV at most WANT bytes of the data stream, for
 * AVI the next whole packet.  0 when the input is exhausted. */
static DWORD next_unit_size(const dec *d, DWORD want)
{
    if (!input_remaining(d))
        return 0;
    if (d->in->kind == RIFF_KIND_AVI)
        return d->in->packets[d->packet].size;
    uint64_t left = d->in->data_size - d->pos;
    return left < want ? (DWORD)left : want;
}

/* Reads the next unit of N bytes (N from next_unit_size, or fewer for WAV). */
static int input_fetch(dec *d, unsigned char *buf, DWORD n)
{
    if (d->in->kind == RIFF_KIND_AVI) {
        const riff_packet *p = &d->in->packets[d->packet];
        if (riff_read_at(d->in, p->offset, buf, p->size) != 0)
            return -1;
        d->packet++;
        return 0;
    }
    if (riff_read_at(d->in, d->in->data_offset + d->pos, buf, n) != 0)
        return -1;
    d->pos += n;
    return 0;
}

/* ------------------------------------------------------------- ACM side */

static int stream_size(dec *d, DWORD src_len, DWORD *dst_len)
{
    *dst_len = 0;
    MMRESULT mr = acmStreamSize(d->has, src_len, dst_len, ACM_STREAMSIZEF_SOURCE);
    if (mr != MMSYSERR_NOERROR) {
        fprintf(stderr, "error: acmStreamSize(%lu, ACM_STREAMSIZEF_SOURCE) failed: %u (%s)\n",
                (unsigned long)src_len, (unsigned)mr, acmu_err_name(mr));
        return ACM_DECODE_ERROR;
    }
    if (*dst_len == 0) {
        printf("SIZE_BOUND_VIOLATION: acmStreamSize(%lu, ACM_STREAMSIZEF_SOURCE) returned 0\n",
               (unsigned long)src_len);
        return ACM_DECODE_SIZE_VIOLATION;
    }
    return ACM_DECODE_OK;
}

static int prepare(dec *d, ACMSTREAMHEADER *h, unsigned char *src, DWORD src_len,
                   unsigned char *dst, DWORD dst_len)
{
    memset(h, 0, sizeof(*h));
    h->cbStruct = sizeof(*h);
    h->pbSrc = src;
    h->cbSrcLength = src_len;
    h->pbDst = dst;
    h->cbDstLength = dst_len;
    MMRESULT mr = acmStreamPrepareHeader(d->has, h, 0);
    if (mr != MMSYSERR_NOERROR) {
        fprintf(stderr, "error: acmStreamPrepareHeader(src=%lu, dst=%lu) failed: %u (%s)\n",
                (unsigned long)src_len, (unsigned long)dst_len, (unsigned)mr, acmu_err_name(mr));
        return ACM_DECODE_ERROR;
    }
    return ACM_DECODE_OK;
}

/* Restores the prepared lengths (required by msacm) and unprepares. */
static int unprepare(dec *d, ACMSTREAMHEADER *h, DWORD src_len, DWORD dst_len)
{
    h->cbSrcLength = src_len;
    h->cbDstLength = dst_len;
    MMRESULT mr = acmStreamUnprepareHeader(d->has, h, 0);
    if (mr != MMSYSERR_NOERROR) {
        acmu_report("acmStreamUnprepareHeader", mr);
        return ACM_DECODE_ERROR;
    }
    return ACM_DECODE_OK;
}

/* One acmStreamConvert on a prepared header: checks the bounds, writes the
 * produced bytes and accounts for the call. */
static int convert(dec *d, ACMSTREAMHEADER *h, DWORD flags)
{
    h->cbSrcLengthUsed = 0;
    h->cbDstLengthUsed = 0;
    MMRESULT mr = acmStreamConvert(d->has, h, flags);
    d->res->calls++;
    if (d->opts->stats)
        printf("call=%lu flags=0x%02lx src=%lu src_used=%lu dst=%lu dst_used=%lu rc=%u\n",
               d->res->calls, (unsigned long)flags, (unsigned long)h->cbSrcLength,
               (unsigned long)h->cbSrcLengthUsed, (unsigned long)h->cbDstLength,
               (unsigned long)h->cbDstLengthUsed, (unsigned)mr);
    if (mr != MMSYSERR_NOERROR) {
        fprintf(stderr, "error: acmStreamConvert(call %lu, flags 0x%02lx) failed: %u (%s)\n",
                d->res->calls, (unsigned long)flags, (unsigned)mr, acmu_err_name(mr));
        return ACM_DECODE_ERROR;
    }
    if (h->cbDstLengthUsed > h->cbDstLength) {
        printf("SIZE_BOUND_VIOLATION: call %lu cbDstLengthUsed %lu > cbDstLength %lu\n",
               d->res->calls, (unsigned long)h->cbDstLengthUsed, (unsigned long)h->cbDstLength);
        return ACM_DECODE_SIZE_VIOLATION;
    }
    if (h->cbSrcLengthUsed > h->cbSrcLength) {
        printf("SIZE_BOUND_VIOLATION: call %lu cbSrcLengthUsed %lu > cbSrcLength %lu\n",
               d->res->calls, (unsigned long)h->cbSrcLengthUsed, (unsigned long)h->cbSrcLength);
        return ACM_DECODE_SIZE_VIOLATION;
    }
    d->res->src_used += h->cbSrcLengthUsed;
    d->res->dst_bytes += h->cbDstLengthUsed;
    if (h->cbDstLengthUsed && d->out->write(d->out->ctx, h->pbDst, h->cbDstLengthUsed) != 0)
        return ACM_DECODE_ERROR;
    return ACM_DECODE_OK;
}

static void *alloc_buf(DWORD n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        fprintf(stderr, "error: out of memory (%lu bytes)\n", (unsigned long)n);
    return p;
}

DWORD acm_decode_default_chunk(const WAVEFORMATEX *src)
{
    DWORD align = src->nBlockAlign ? src->nBlockAlign : 1;
    DWORD n = src->nAvgBytesPerSec ? src->nAvgBytesPerSec / 5 : 4096;
    if (n > DEFAULT_CHUNK_MAX) /* a hostile header must not make us allocate GBs */
        n = DEFAULT_CHUNK_MAX;
    n -= n % align;
    return n < align ? align : n;
}

/* Source capacity for AVI input: one packet per call plus room for the
 * leftover of the previous call. */
static int avi_capacity(const dec *d, DWORD align, DWORD *cap)
{
    uint64_t c = (uint64_t)d->in->max_packet * 2;
    if (c < align)
        c = align;
    if (c > 0x40000000u) {
        fprintf(stderr, "error: AVI audio packet of %lu bytes is too large\n",
                (unsigned long)d->in->max_packet);
        return ACM_DECODE_ERROR;
    }
    *cap = (DWORD)c;
    return ACM_DECODE_OK;
}

/* ------------------------------------------------------------------ vdub */

static int run_vdub(dec *d)
{
    const WAVEFORMATEX *src = d->in->wfx;
    DWORD align = src->nBlockAlign ? src->nBlockAlign : 1;
    DWORD cap, refill = 0, dst_cap = 0, level = 0;
    unsigned char *sbuf = NULL, *dbuf = NULL;
    ACMSTREAMHEADER h;
    int rc, prepared = 0, first = 1;
    unsigned long idle = 0;

    if (d->in->kind == RIFF_KIND_AVI) {
        if ((rc = avi_capacity(d, align, &cap)) != ACM_DECODE_OK)
            return rc;
    } else {
        refill = d->opts->chunk ? d->opts->chunk : acm_decode_default_chunk(src);
        cap = refill > align ? refill : align;
    }
    if ((rc = stream_size(d, cap, &dst_cap)) != ACM_DECODE_OK)
        return rc;
    sbuf = alloc_buf(cap);
    dbuf = alloc_buf(dst_cap);
    rc = ACM_DECODE_ERROR;
    if (!sbuf || !dbuf)
        goto out;
    if ((rc = prepare(d, &h, sbuf, cap, dbuf, dst_cap)) != ACM_DECODE_OK)
        goto out;
    prepared = 1;
    if (d->opts->stats)
        printf("vdub: src_buffer=%lu read=%lu dst_buffer=%lu\n", (unsigned long)cap,
               (unsigned long)refill, (unsigned long)dst_cap);

    while (input_remaining(d)) {
        /* Refill behind the leftover. */
        DWORD n = next_unit_size(d, refill);
        if (d->in->kind == RIFF_KIND_WAVE && n > cap - level)
            n = cap - level;
        if (n > 0 && n <= cap - level) {
            if (input_fetch(d, sbuf + level, n) != 0) {
                rc = ACM_DECODE_ERROR;
                goto out;
            }
            level += n;
        }
        h.cbSrcLength = level;
        h.cbDstLength = dst_cap;
        rc = convert(d, &h, ACM_STREAMCONVERTF_BLOCKALIGN | (first ? ACM_STREAMCONVERTF_START : 0));
        first = 0;
        if (rc != ACM_DECODE_OK)
            goto out;
        DWORD used = h.cbSrcLengthUsed;
        memmove(sbuf, sbuf + used, level - used);
        level -= used;
        /* Jam check: the call took nothing and the buffer cannot take more. */
        int full = 0;
        if (input_remaining(d)) {
            DWORD next = next_unit_size(d, refill);
            full = d->in->kind == RIFF_KIND_AVI ? next > cap - level : level == cap;
        }
        if (used == 0 && full) {
            if (h.cbDstLengthUsed == 0) {
                printf("JAMMED: call %lu accepted no input and produced no output "
                       "with %lu bytes buffered and input remaining\n",
                       d->res->calls, (unsigned long)level);
                rc = ACM_DECODE_JAMMED;
                goto out;
            }
            if (++idle > MAX_IDLE_CALLS) {
                printf("JAMMED: %lu calls in a row produced output but accepted no input\n", idle);
                rc = ACM_DECODE_JAMMED;
                goto out;
            }
        } else {
            idle = 0;
        }
    }

    /* End of input, as VirtualDub flushes: BLOCKALIGN calls on the leftover
     * while they make progress; once the leftover is empty or such a call
     * does nothing, END calls (with whatever is left) until one consumes and
     * produces nothing. */
    int ending = 0;
    for (unsigned long i = 0;; i++) {
        if (level == 0)
            ending = 1;
        h.cbSrcLength = level;
        h.cbDstLength = dst_cap;
        DWORD flags = ending ? ACM_STREAMCONVERTF_END : ACM_STREAMCONVERTF_BLOCKALIGN;
        rc = convert(d, &h, flags | (first ? ACM_STREAMCONVERTF_START : 0));
        first = 0;
        if (rc != ACM_DECODE_OK)
            goto out;
        DWORD used = h.cbSrcLengthUsed;
        memmove(sbuf, sbuf + used, level - used);
        level -= used;
        if (used == 0 && h.cbDstLengthUsed == 0) {
            if (ending)
                break;
            ending = 1;
        }
        if (i >= MAX_IDLE_CALLS) {
            fprintf(stderr, "error: the driver still produces output after %lu flush calls\n", i + 1);
            rc = ACM_DECODE_ERROR;
            goto out;
        }
    }
    if (level > 0) {
        d->res->dropped = level;
        printf("UNCONSUMED %lu bytes left after END\n", (unsigned long)level);
    }
    rc = ACM_DECODE_OK;

out:
    if (prepared) {
        int urc = unprepare(d, &h, cap, dst_cap);
        if (rc == ACM_DECODE_OK)
            rc = urc;
    }
    free(sbuf);
    free(dbuf);
    return rc;
}

/* --------------------------------------------------------------- wrapper */

static int run_wrapper(dec *d)
{
    DWORD dalign = d->dst->nBlockAlign ? d->dst->nBlockAlign : 1;
    DWORD out_len = d->dst->nAvgBytesPerSec / 2;
    DWORD want = 0, cap;
    unsigned char *sample = NULL, *dbuf = NULL;
    int rc = ACM_DECODE_ERROR, first = 1;

    out_len -= out_len % dalign;
    if (out_len < dalign)
        out_len = dalign;
    if (d->in->kind == RIFF_KIND_AVI) {
        cap = d->in->max_packet;
    } else {
        want = d->opts->chunk ? d->opts->chunk : 4096;
        cap = want;
    }
    sample = alloc_buf(cap);
    dbuf = alloc_buf(out_len);
    if (!sample || !dbuf)
        goto out;
    if (d->opts->stats)
        printf("wrapper: sample=%lu dst_buffer=%lu\n", (unsigned long)cap, (unsigned long)out_len);

    while (input_remaining(d)) {
        DWORD len = next_unit_size(d, want);
        if (input_fetch(d, sample, len) != 0)
            goto out;
        DWORD pos = 0;
        while (pos < len) {
            ACMSTREAMHEADER h;
            if ((rc = prepare(d, &h, sample + pos, len - pos, dbuf, out_len)) != ACM_DECODE_OK)
                goto out;
            rc = convert(d, &h, first ? ACM_STREAMCONVERTF_START : 0);
            first = 0;
            DWORD used = h.cbSrcLengthUsed;
            int urc = unprepare(d, &h, len - pos, out_len);
            if (rc == ACM_DECODE_OK)
                rc = urc;
            if (rc != ACM_DECODE_OK)
                goto out;
            if (used == 0) {
                d->res->discarded += len - pos;
                if (d->opts->stats)
                    printf("discard: %lu bytes of a %lu-byte sample\n", (unsigned long)(len - pos),
                           (unsigned long)len);
                break;
            }
            pos += used;
        }
    }
    rc = ACM_DECODE_OK;
    if (d->res->discarded > 0) {
        printf("DISCARDED %" PRIu64 " bytes\n", d->res->discarded);
        rc = ACM_DECODE_DISCARDED;
    }

out:
    free(sample);
    free(dbuf);
    return rc;
}

/* ---------------------------------------------------------------- simple */

static int grow(unsigned char **buf, DWORD *cap, DWORD need)
{
    if (need <= *cap)
        return 0;
    unsigned char *p = realloc(*buf, need);
    if (!p) {
        fprintf(stderr, "error: out of memory (%lu bytes)\n", (unsigned long)need);
        return -1;
    }
    *buf = p;
    *cap = need;
    return 0;
}

static int run_simple(dec *d)
{
    const WAVEFORMATEX *src = d->in->wfx;
    DWORD align = src->nBlockAlign ? src->nBlockAlign : 1;
    DWORD want = 0, cap, dst_cap = 0, dlen;
    unsigned char *sbuf = NULL, *dbuf = NULL;
    ACMSTREAMHEADER h;
    int rc;

    if (d->in->kind == RIFF_KIND_AVI) {
        cap = d->in->max_packet > align ? d->in->max_packet : align;
    } else {
        want = d->opts->chunk ? d->opts->chunk : acm_decode_default_chunk(src);
        cap = want;
    }
    sbuf = alloc_buf(cap);
    if (!sbuf)
        return ACM_DECODE_ERROR;

    while (input_remaining(d)) {
        DWORD len = next_unit_size(d, want);
        rc = ACM_DECODE_ERROR;
        if (input_fetch(d, sbuf, len) != 0)
            goto out;
        if ((rc = stream_size(d, len, &dlen)) != ACM_DECODE_OK)
            goto out;
        rc = ACM_DECODE_ERROR;
        if (grow(&dbuf, &dst_cap, dlen) != 0)
            goto out;
        if ((rc = prepare(d, &h, sbuf, len, dbuf, dlen)) != ACM_DECODE_OK)
            goto out;
        rc = convert(d, &h, 0);
        DWORD used = h.cbSrcLengthUsed;
        int urc = unprepare(d, &h, len, dlen);
        if (rc == ACM_DECODE_OK)
            rc = urc;
        if (rc != ACM_DECODE_OK)
            goto out;
        d->res->dropped += len - used;
    }

    /* One END call with no input, prepared with the full source buffer. */
    if ((rc = stream_size(d, cap, &dlen)) != ACM_DECODE_OK)
        goto out;
    rc = ACM_DECODE_ERROR;
    if (grow(&dbuf, &dst_cap, dlen) != 0)
        goto out;
    if ((rc = prepare(d, &h, sbuf, cap, dbuf, dlen)) != ACM_DECODE_OK)
        goto out;
    h.cbSrcLength = 0;
    rc = convert(d, &h, ACM_STREAMCONVERTF_END);
    {
        int urc = unprepare(d, &h, cap, dlen);
        if (rc == ACM_DECODE_OK)
            rc = urc;
    }
    if (rc == ACM_DECODE_OK && d->res->dropped > 0)
        printf("DROPPED %" PRIu64 " bytes\n", d->res->dropped);

out:
    free(sbuf);
    free(dbuf);
    return rc;
}

/* ---------------------------------------------------------------- public */

int acm_decode_run(HACMSTREAM has, riff_input *in, const WAVEFORMATEX *dst,
                   const acm_decode_opts *opts, const acm_sink *out, acm_decode_result *res)
{
    dec d;
    memset(&d, 0, sizeof(d));
    memset(res, 0, sizeof(*res));
    d.has = has;
    d.in = in;
    d.dst = dst;
    d.opts = opts;
    d.out = out;
    d.res = res;
    switch (opts->pattern) {
    case ACM_PATTERN_VDUB:
        return run_vdub(&d);
    case ACM_PATTERN_WRAPPER:
        return run_wrapper(&d);
    case ACM_PATTERN_SIMPLE:
        return run_simple(&d);
    }
    fprintf(stderr, "error: unknown pattern\n");
    return ACM_DECODE_ERROR;
}

static int write_wav(void *ctx, const void *data, uint32_t n) { return wav_writer_write(ctx, data, n); }

acm_sink acm_sink_wav(wav_writer *w)
{
    acm_sink sink = { write_wav, w };
    return sink;
}

/*
 * vdub_loop.c - see vdub_loop.h.
 */
#include "vdub_loop.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* END calls that keep producing output are stopped after this many (a broken driver). */
#define MAX_END_CALLS 100000ul

static int append(vdub_result *r, const BYTE *p, DWORD n, size_t *cap)
{
    if (r->out_len + n > *cap) {
        size_t c = *cap ? *cap : 1 << 16;
        while (c < r->out_len + n)
            c *= 2;
        BYTE *o = realloc(r->out, c);
        if (!o)
            return -1;
        r->out = o;
        *cap = c;
    }
    memcpy(r->out + r->out_len, p, n);
    r->out_len += n;
    return 0;
}

static int convert(HACMSTREAM has, ACMSTREAMHEADER *h, DWORD flags, vdub_result *r, size_t *cap)
{
    h->cbSrcLengthUsed = h->cbDstLengthUsed = 0;
    MMRESULT mr = acmStreamConvert(has, h, flags);
    r->calls++;
    if (mr != MMSYSERR_NOERROR) {
        printf("acmStreamConvert(flags 0x%lx) call %lu failed: %u\n", (unsigned long)flags, r->calls, mr);
        return -1;
    }
    if (h->cbSrcLengthUsed > h->cbSrcLength || h->cbDstLengthUsed > h->cbDstLength) {
        printf("call %lu: used %lu/%lu in, %lu/%lu out: beyond the buffers\n", r->calls,
               (unsigned long)h->cbSrcLengthUsed, (unsigned long)h->cbSrcLength,
               (unsigned long)h->cbDstLengthUsed, (unsigned long)h->cbDstLength);
        return -1;
    }
    r->src_used += h->cbSrcLengthUsed;
    return append(r, h->pbDst, h->cbDstLengthUsed, cap);
}

int vdub_run(HACMSTREAM has, const WAVEFORMATEX *src, const vdub_unit *units, size_t count, int packets,
             vdub_result *r)
{
    memset(r, 0, sizeof *r);
    DWORD align = src->nBlockAlign ? src->nBlockAlign : 1;
    DWORD cap = src->nAvgBytesPerSec / 5;
    cap -= cap % align;
    if (cap < align)
        cap = align;
    if (packets)
        for (size_t i = 0; i < count; i++)
            cap = units[i].n > cap ? units[i].n : cap;
    DWORD dst_cap = 0;
    MMRESULT mr = acmStreamSize(has, cap, &dst_cap, ACM_STREAMSIZEF_SOURCE);
    r->src_buffer = cap;
    r->dst_buffer = dst_cap;
    if (mr != MMSYSERR_NOERROR || dst_cap == 0) {
        printf("acmStreamSize(%lu, SOURCE) = %lu, rc %u\n", (unsigned long)cap, (unsigned long)dst_cap, mr);
        r->error = 1;
        return -1;
    }
    BYTE *sbuf = malloc(cap), *dbuf = malloc(dst_cap);
    size_t out_cap = 0;
    ACMSTREAMHEADER h;
    memset(&h, 0, sizeof h);
    h.cbStruct = sizeof h;
    h.pbSrc = sbuf;
    h.cbSrcLength = cap;
    h.pbDst = dbuf;
    h.cbDstLength = dst_cap;
    if (!sbuf || !dbuf || acmStreamPrepareHeader(has, &h, 0) != MMSYSERR_NOERROR) {
        free(sbuf);
        free(dbuf);
        r->error = 1;
        return -1;
    }

    size_t unit = 0;
    DWORD unit_pos = 0, level = 0;
    int first = 1;
    while (unit < count) {
        /* Top up behind the leftover. */
        if (packets) {
            if (level == 0) {
                memcpy(sbuf, units[unit].p, units[unit].n);
                level = units[unit++].n;
            }
        } else {
            while (level < cap && unit < count) {
                DWORD n = units[unit].n - unit_pos;
                if (n > cap - level)
                    n = cap - level;
                memcpy(sbuf + level, units[unit].p + unit_pos, n);
                level += n;
                unit_pos += n;
                if (unit_pos == units[unit].n) {
                    unit++;
                    unit_pos = 0;
                }
            }
        }
        h.cbSrcLength = level;
        h.cbDstLength = dst_cap;
        if (convert(has, &h, ACM_STREAMCONVERTF_BLOCKALIGN | (first ? ACM_STREAMCONVERTF_START : 0), r, &out_cap)) {
            r->error = 1;
            break;
        }
        first = 0;
        memmove(sbuf, sbuf + h.cbSrcLengthUsed, level - h.cbSrcLengthUsed);
        level -= h.cbSrcLengthUsed;
        int full = packets ? level > 0 : level == cap;
        if (h.cbSrcLengthUsed == 0 && h.cbDstLengthUsed == 0 && full) {
            printf("JAMMED: call %lu took nothing and gave nothing with %lu bytes buffered\n", r->calls,
                   (unsigned long)level);
            r->jammed = 1;
            break;
        }
    }
    /* Flush: END until a call neither consumes nor produces. */
    for (unsigned long i = 0; !r->jammed && !r->error; i++) {
        h.cbSrcLength = level;
        h.cbDstLength = dst_cap;
        if (convert(has, &h, ACM_STREAMCONVERTF_END | (first ? ACM_STREAMCONVERTF_START : 0), r, &out_cap)) {
            r->error = 1;
            break;
        }
        first = 0;
        memmove(sbuf, sbuf + h.cbSrcLengthUsed, level - h.cbSrcLengthUsed);
        level -= h.cbSrcLengthUsed;
        if (h.cbSrcLengthUsed == 0 && h.cbDstLengthUsed == 0)
            break;
        if (i >= MAX_END_CALLS) {
            printf("END calls never stop producing\n");
            r->error = 1;
        }
    }
    r->left = level;
    h.cbSrcLength = cap;
    h.cbDstLength = dst_cap;
    if (acmStreamUnprepareHeader(has, &h, 0) != MMSYSERR_NOERROR)
        r->error = 1;
    free(sbuf);
    free(dbuf);
    return r->jammed || r->error ? -1 : 0;
}

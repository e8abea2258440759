/* The ACM side of the benchmark: how a host (VirtualDub-like: fixed prepared buffers, reads of
 * `chunk` bytes appended to the unconsumed rest, BLOCKALIGN, START first, END at the end)
 * drives a driver, timed over a whole in-memory medium. */
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define MAX_NO_PROGRESS 64 /* consecutive calls that neither consume nor produce */

int bench_acm_lists_tag(HACMDRIVER had, WORD tag)
{
    ACMFORMATTAGDETAILSW d;
    memset(&d, 0, sizeof d);
    d.cbStruct = sizeof d;
    d.dwFormatTag = tag;
    return acmFormatTagDetailsW(had, &d, ACM_FORMATTAGDETAILSF_FORMATTAG) == MMSYSERR_NOERROR;
}

int bench_acm_can_decode(HACMDRIVER had, const WAVEFORMATEX *src, WAVEFORMATEX *dst)
{
    memset(dst, 0, sizeof *dst);
    dst->wFormatTag = WAVE_FORMAT_PCM;
    dst->wBitsPerSample = 16;
    if (acmFormatSuggest(had, (WAVEFORMATEX *)src, dst, sizeof *dst,
                         ACM_FORMATSUGGESTF_WFORMATTAG | ACM_FORMATSUGGESTF_WBITSPERSAMPLE) != MMSYSERR_NOERROR)
        return 0;
    dst->cbSize = 0;
    return acmStreamOpen(NULL, had, (WAVEFORMATEX *)src, dst, NULL, 0, 0, ACM_STREAMOPENF_QUERY) ==
           MMSYSERR_NOERROR;
}

typedef struct find_ctx {
    HACMDRIVERID exclude;
    const WAVEFORMATEX *src;
    HACMDRIVER found;
    char *name;
    size_t name_len;
} find_ctx;

static BOOL CALLBACK find_cb(HACMDRIVERID hadid, DWORD_PTR inst, DWORD support)
{
    find_ctx *c = (find_ctx *)inst;
    HACMDRIVER had;
    WAVEFORMATEX dst;
    (void)support;
    if (hadid == c->exclude || acmDriverOpen(&had, hadid, 0) != MMSYSERR_NOERROR)
        return TRUE;
    if (bench_acm_lists_tag(had, c->src->wFormatTag) && bench_acm_can_decode(had, c->src, &dst)) {
        ACMDRIVERDETAILSA dd;
        memset(&dd, 0, sizeof dd);
        dd.cbStruct = sizeof dd;
        if (acmDriverDetailsA(hadid, &dd, 0) == MMSYSERR_NOERROR)
            snprintf(c->name, c->name_len, "%s", dd.szShortName);
        c->found = had;
        return FALSE;
    }
    acmDriverClose(had, 0);
    return TRUE;
}

HACMDRIVER bench_acm_find_builtin(HACMDRIVERID exclude, const WAVEFORMATEX *src, char *name, size_t name_len)
{
    find_ctx c = { exclude, src, NULL, name, name_len };
    name[0] = '\0';
    acmDriverEnum(find_cb, (DWORD_PTR)&c, 0);
    return c.found;
}

/* ------------------------------------------------------------- conversion */

typedef struct host {
    HACMSTREAM has;
    ACMSTREAMHEADER h;
    uint8_t *src, *dst;
    DWORD src_cap, dst_cap, level;
    bench_run *r;
    int counting; /* steady state reached: heap calls are counted */
    int first;
} host;

static void fail(bench_run *r, const char *what, MMRESULT mr)
{
    if (!r->error[0])
        snprintf(r->error, sizeof r->error, "%s failed: %u", what, (unsigned)mr);
}

static int host_open(host *ho, HACMDRIVER had, const WAVEFORMATEX *src, const WAVEFORMATEX *dst,
                     DWORD src_cap, bench_run *r)
{
    MMRESULT mr;
    memset(ho, 0, sizeof *ho);
    ho->r = r;
    ho->first = 1;
    mr = acmStreamOpen(&ho->has, had, (WAVEFORMATEX *)src, (WAVEFORMATEX *)dst, NULL, 0, 0,
                       ACM_STREAMOPENF_NONREALTIME);
    if (mr) {
        ho->has = NULL;
        fail(r, "acmStreamOpen", mr);
        return -1;
    }
    ho->src_cap = src_cap;
    mr = acmStreamSize(ho->has, src_cap, &ho->dst_cap, ACM_STREAMSIZEF_SOURCE);
    if (mr || !ho->dst_cap) {
        fail(r, "acmStreamSize", mr);
        return -1;
    }
    /* VirtualAlloc, not malloc: the executable's own heap calls are counted too (direct path),
     * and the per-stream heap figures must hold only the driver's. */
    ho->src = VirtualAlloc(NULL, ho->src_cap, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    ho->dst = VirtualAlloc(NULL, ho->dst_cap, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    if (!ho->src || !ho->dst) {
        fail(r, "malloc", 0);
        return -1;
    }
    ho->h.cbStruct = sizeof ho->h;
    ho->h.pbSrc = ho->src;
    ho->h.cbSrcLength = ho->src_cap;
    ho->h.pbDst = ho->dst;
    ho->h.cbDstLength = ho->dst_cap;
    mr = acmStreamPrepareHeader(ho->has, &ho->h, 0);
    if (mr) {
        fail(r, "acmStreamPrepareHeader", mr);
        ho->h.fdwStatus = 0;
        return -1;
    }
    return 0;
}

static void host_close(host *ho)
{
    if (ho->h.fdwStatus & ACMSTREAMHEADER_STATUSF_PREPARED) {
        ho->h.cbSrcLength = ho->src_cap;
        ho->h.cbDstLength = ho->dst_cap;
        acmStreamUnprepareHeader(ho->has, &ho->h, 0);
    }
    if (ho->has)
        acmStreamClose(ho->has, 0);
    if (ho->src)
        VirtualFree(ho->src, 0, MEM_RELEASE);
    if (ho->dst)
        VirtualFree(ho->dst, 0, MEM_RELEASE);
    memset(ho, 0, sizeof *ho);
}

/* One call on the `level` bytes at the front of src; the unconsumed rest moves to the front.
 * Returns 1 if it consumed or produced anything, 0 if not, -1 on error. */
static int host_call(host *ho, DWORD flags)
{
    bench_run *r = ho->r;
    if (ho->first)
        flags |= ACM_STREAMCONVERTF_START;
    ho->first = 0;
    ho->h.cbSrcLength = ho->level;
    ho->h.cbDstLength = ho->dst_cap;
    ho->h.cbSrcLengthUsed = ho->h.cbDstLengthUsed = 0;
    bench_heap_enable(ho->counting);
    MMRESULT mr = acmStreamConvert(ho->has, &ho->h, flags);
    bench_heap_enable(0);
    if (ho->counting) {
        r->counted_calls++;
        r->counted_out += ho->h.cbDstLengthUsed;
    }
    r->calls++;
    if (mr) {
        fail(r, "acmStreamConvert", mr);
        return -1;
    }
    DWORD used = ho->h.cbSrcLengthUsed > ho->level ? ho->level : ho->h.cbSrcLengthUsed;
    r->out_bytes += ho->h.cbDstLengthUsed;
    if (used) {
        memmove(ho->src, ho->src + used, ho->level - used);
        ho->level -= used;
    }
    return used || ho->h.cbDstLengthUsed;
}

/* END until a call produces nothing. */
static int host_finish(host *ho)
{
    for (int i = 0; i < 1000; i++) {
        int p = host_call(ho, ACM_STREAMCONVERTF_END);
        if (p < 0)
            return -1;
        if (!ho->h.cbDstLengthUsed)
            return 0;
    }
    fail(ho->r, "END never finished", 0);
    return -1;
}

/* Feeds `units` (byte ranges of `base`) one after the other: each is appended to the unconsumed
 * rest and converted until it is gone or a call makes no progress (then more is appended). */
static int host_feed(host *ho, const uint8_t *data, size_t size, DWORD chunk, int packets,
                     const bench_media *m)
{
    size_t pos = 0, pkt = 0;
    unsigned stuck = 0;
    for (;;) {
        /* Append the next unit when the buffer is empty or the last call made no progress. */
        size_t n = 0;
        const uint8_t *unit = NULL;
        if (packets) {
            if (pkt < m->packet_count) {
                unit = data + m->packets[pkt].offset;
                n = m->packets[pkt].size;
            }
        } else if (pos < size) {
            unit = data + pos;
            n = size - pos < chunk ? size - pos : chunk;
        }
        if (!n && !ho->level)
            return 0;
        ho->counting = packets ? pkt * WARMUP_DIVISOR >= m->packet_count : pos * WARMUP_DIVISOR >= size;
        if (n) {
            if (ho->level + n > ho->src_cap) {
                fail(ho->r, "source buffer overflow (codec jammed)", 0);
                return -1;
            }
            memcpy(ho->src + ho->level, unit, n);
            ho->level += (DWORD)n;
            if (packets)
                pkt++;
            else
                pos += n;
        }
        /* Convert while progress is made; packet hosts hand each packet over completely. */
        for (;;) {
            int p = host_call(ho, ACM_STREAMCONVERTF_BLOCKALIGN);
            if (p < 0)
                return -1;
            if (!p) {
                if (!n && ++stuck > MAX_NO_PROGRESS) {
                    /* the input is exhausted and the driver wants more: leave it to END */
                    ho->level = 0;
                    return 0;
                }
                break;
            }
            stuck = 0;
            if (!ho->level)
                break;
            if (!packets && ho->h.cbSrcLengthUsed == 0)
                break;
        }
    }
}

void bench_acm_decode(HACMDRIVER had, const bench_media *m, DWORD chunk, bench_run *r)
{
    WAVEFORMATEX dst;
    host ho;
    memset(r, 0, sizeof *r);
    if (!bench_acm_can_decode(had, m->wfx, &dst)) {
        fail(r, "no PCM suggestion", 0);
        return;
    }
    int packets = m->packets != NULL;
    DWORD unit = packets ? m->max_packet : chunk;
    DWORD align = m->wfx->nBlockAlign > 1 ? m->wfx->nBlockAlign : 1;
    /* Room for the unconsumed rest of a call (at most a block or a frame) plus a new read. */
    DWORD cap = unit * 2 + align + 65536;
    if (host_open(&ho, had, m->wfx, &dst, cap, r) == 0) {
        bench_heap_stats h0;
        bench_heap_read(&h0);
        double t0 = bench_now();
        if (host_feed(&ho, m->data, m->size, chunk, packets, m) == 0 && host_finish(&ho) == 0) {
            r->seconds = bench_now() - t0;
            r->ok = 1;
        }
        bench_heap_stats hs;
        bench_heap_read(&hs);
        r->allocs = hs.allocs - h0.allocs;
    }
    host_close(&ho);
}

void bench_acm_encode(HACMDRIVER had, const bench_media *pcm, const WAVEFORMATEX *dst, DWORD chunk,
                      bench_run *r)
{
    host ho;
    memset(r, 0, sizeof *r);
    if (host_open(&ho, had, pcm->wfx, dst, chunk * 2 + 65536, r) == 0) {
        bench_heap_stats h0;
        bench_heap_read(&h0);
        double t0 = bench_now();
        if (host_feed(&ho, pcm->data, pcm->size, chunk, 0, pcm) == 0 && host_finish(&ho) == 0) {
            r->seconds = bench_now() - t0;
            r->ok = 1;
        }
        bench_heap_stats hs;
        bench_heap_read(&hs);
        r->allocs = hs.allocs - h0.allocs;
    }
    host_close(&ho);
}

/* ----------------------------------------------------------- stream costs */

void bench_acm_stream_cost(HACMDRIVER had, const bench_media *m, int n, bench_stream_cost *c)
{
    WAVEFORMATEX dst;
    double opens[64], closes[64];
    memset(c, 0, sizeof *c);
    if (!bench_acm_can_decode(had, m->wfx, &dst))
        return;
    int reps = 0;
    for (int i = 0; i < 64; i++) {
        HACMSTREAM has;
        double t0 = bench_now();
        if (acmStreamOpen(&has, had, m->wfx, &dst, NULL, 0, 0, ACM_STREAMOPENF_NONREALTIME))
            break;
        double t1 = bench_now();
        acmStreamClose(has, 0);
        double t2 = bench_now();
        opens[reps] = (t1 - t0) * 1e6;
        closes[reps++] = (t2 - t1) * 1e6;
    }
    c->opens = reps;
    c->open_us = bench_median(opens, (size_t)reps);
    c->close_us = bench_median(closes, (size_t)reps);

    /* n streams held open: heap bytes after open, then after each converted its first unit. */
    host *hs = calloc((size_t)n, sizeof *hs);
    bench_run *runs = calloc((size_t)n, sizeof *runs);
    if (!hs || !runs) {
        free(hs);
        free(runs);
        return;
    }
    bench_heap_stats s0, s1, s2;
    DWORD unit = m->packets ? m->packets[0].size : 4096;
    if (!m->packets && unit > m->size)
        unit = (DWORD)m->size;
    bench_heap_read(&s0);
    int opened = 0;
    for (; opened < n; opened++)
        if (host_open(&hs[opened], had, m->wfx, &dst, 65536 + (unit > m->max_packet ? unit : m->max_packet), &runs[opened]) != 0)
            break;
    bench_heap_read(&s1);
    for (int i = 0; i < opened; i++) {
        /* Several units, so that a packet codec has decoded something too. */
        size_t off = 0;
        for (int k = 0; k < 4; k++) {
            const uint8_t *p = m->packets ? m->data + m->packets[k % m->packet_count].offset : m->data + off;
            DWORD len = m->packets ? m->packets[k % m->packet_count].size : unit;
            memcpy(hs[i].src, p, len);
            hs[i].level = len;
            host_call(&hs[i], ACM_STREAMCONVERTF_BLOCKALIGN);
            off += len;
        }
    }
    bench_heap_read(&s2);
    if (opened) {
        c->heap_bytes_open = (double)(s1.live_bytes - s0.live_bytes) / opened;
        c->heap_bytes_active = (double)(s2.live_bytes - s0.live_bytes) / opened;
    }
    for (int i = 0; i < opened; i++)
        host_close(&hs[i]);
    free(hs);
    free(runs);
}

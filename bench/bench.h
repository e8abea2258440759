/* ffacm_bench: shared declarations.
 *
 * The benchmark decodes (and encodes) in-memory media three ways in one process: through the
 * ACM API with ffacm.acm, with libavcodec called directly from the same static FFmpeg build
 * (the bridge's speed of light), and through Wine's built-in ACM driver for the tag.  Results
 * go to a TSV file that bench/report.py turns into bench/results.md and bench/results.png. */
#ifndef FFACM_BENCH_H
#define FFACM_BENCH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <windows.h>
#include <mmsystem.h>
#include <mmreg.h>
#include <msacm.h>

/* ------------------------------------------------------------------ media */

typedef struct bench_packet {
    size_t offset; /* into bench_media.data */
    uint32_t size;
} bench_packet;

/* A whole input file in memory: a byte stream (WAV data chunk) or AVI packets. */
typedef struct bench_media {
    char name[32];          /* row name, e.g. "mp3" */
    WAVEFORMATEX *wfx;      /* malloc'd, sizeof(WAVEFORMATEX) + cbSize */
    uint8_t *data;          /* malloc'd, with 64 zero bytes of padding after `size` */
    size_t size;
    bench_packet *packets;  /* AVI only: one per chunk; NULL for a byte stream */
    size_t packet_count;
    uint32_t max_packet;
} bench_media;

int bench_media_load(bench_media *m, const char *name, const char *path);
void bench_media_free(bench_media *m);

/* --------------------------------------------------------------- timing */

static inline double bench_now(void)
{
    static double inv;
    LARGE_INTEGER t;
    if (!inv) {
        LARGE_INTEGER f;
        QueryPerformanceFrequency(&f);
        inv = 1.0 / (double)f.QuadPart;
    }
    QueryPerformanceCounter(&t);
    return (double)t.QuadPart * inv;
}

double bench_median(double *v, size_t n); /* sorts v */

/* ---------------------------------------------------------- heap counting */

/* Counters of heap calls made through a module's import address table (see bench_alloc.c). */
typedef struct bench_heap_stats {
    uint64_t allocs;     /* malloc, calloc, realloc, _aligned_malloc, _aligned_realloc, HeapAlloc... */
    uint64_t frees;
    int64_t live_bytes;  /* bytes allocated and not yet freed while counting */
} bench_heap_stats;

/* Redirect MODULE's imported heap functions to counting wrappers.  Returns how many import
 * slots were patched. */
int bench_heap_hook(HMODULE module);
/* Counting is off until enabled; counters belong to the process (all hooked modules). */
void bench_heap_enable(int on);
void bench_heap_read(bench_heap_stats *s);

/* ------------------------------------------------------------- decoding */

/* One timed decode of the whole medium. */
typedef struct bench_run {
    int ok;
    double seconds;
    uint64_t out_bytes;     /* PCM produced (s16) */
    uint64_t calls;         /* acmStreamConvert calls, or packets sent for direct */
    uint64_t counted_calls; /* calls after the warm-up (heap counting window) */
    uint64_t counted_out;   /* PCM bytes produced by the counted calls */
    uint64_t allocs;        /* heap allocations during counted calls */
    char error[160];
} bench_run;

/* Heap calls are counted only in steady state: after the first WARMUP_DIVISOR-th of the input
 * has been handed over. */
#define WARMUP_DIVISOR 8

/* ACM: decode m through driver `had` (ffacm or a built-in) with host reads of `chunk` bytes
 * (byte streams) or one packet per call (chunk ignored). */
void bench_acm_decode(HACMDRIVER had, const bench_media *m, DWORD chunk, bench_run *r);
/* Can `had` convert m's format to 16-bit PCM?  Fills `dst` (16-bit PCM suggestion). */
int bench_acm_can_decode(HACMDRIVER had, const WAVEFORMATEX *src, WAVEFORMATEX *dst);
/* Does `had` list `tag` among its format tags? */
int bench_acm_lists_tag(HACMDRIVER had, WORD tag);
/* Built-in (non-ffacm) driver that can decode `src`, opened; NULL if none. */
HACMDRIVER bench_acm_find_builtin(HACMDRIVERID exclude, const WAVEFORMATEX *src, char *name,
                                  size_t name_len);

/* Per-stream costs: median acmStreamOpen and acmStreamClose times, and the driver's heap bytes
 * per open stream (n streams held open; then after each converted its first source units).
 * Heap bytes, not private bytes: Wine reports no PrivateUsage. */
typedef struct bench_stream_cost {
    int opens;       /* successful open/close pairs timed */
    double open_us;
    double close_us;
    double heap_bytes_open;   /* ffacm heap bytes per open stream, before any conversion */
    double heap_bytes_active; /* ... after the first conversion */
} bench_stream_cost;
void bench_acm_stream_cost(HACMDRIVER had, const bench_media *m, int n, bench_stream_cost *c);

/* Direct libavcodec: parser/packets -> decoder -> swr (s16, same layout). */
void bench_direct_decode(const bench_media *m, bench_run *r);
/* 1 if the direct path knows m's tag. */
int bench_direct_supports(WORD tag);

/* ------------------------------------------------------------- encoding */

/* ACM encode of 16-bit PCM `pcm` into `dst` (a suggested format) with host reads of `chunk`. */
void bench_acm_encode(HACMDRIVER had, const bench_media *pcm, const WAVEFORMATEX *dst,
                      DWORD chunk, bench_run *r);
/* Direct encode of the same PCM with libavcodec's encoder for `tag` at `bit_rate`. */
void bench_direct_encode(const bench_media *pcm, WORD tag, int64_t bit_rate, bench_run *r,
                         char *encoder_name, size_t name_len);

#endif

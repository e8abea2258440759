/* Shared by the Windows robustness tests: test media in memory, one decode loop through
 * msacm32 the way VirtualDub drives it, and pass/fail counting. */
#ifndef FFACM_ROBUST_WIN_COMMON_H
#define FFACM_ROBUST_WIN_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "acm_util.h"

extern int robust_passed, robust_failed;

#define CHECK(cond, ...)                                                     \
    do {                                                                     \
        if (cond) {                                                          \
            robust_passed++;                                                 \
        } else {                                                             \
            robust_failed++;                                                 \
            printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);           \
            printf(__VA_ARGS__);                                             \
            printf("\n");                                                    \
            fflush(stdout);                                                  \
        }                                                                    \
    } while (0)

/* A media file's source format and its first bytes, as the host's buffers: the chunks of a
 * WAV's data (`chunk` bytes each) or an AVI's packets (one per ACM call). */
typedef struct robust_media {
    char name[64];
    WAVEFORMATEX *wfx;      /* malloc'd, wfx_size bytes */
    DWORD wfx_size;
    int packets;
    uint8_t *data;          /* all buffers back to back */
    DWORD *offset, *length; /* buffer i is data + offset[i], length[i] bytes */
    size_t count;
    DWORD total, largest;
} robust_media;

/* Load at most `max_bytes` of PATH (a Windows path).  0, or -1 with a message. */
int robust_media_load(robust_media *m, const char *path, DWORD max_bytes, DWORD chunk);
void robust_media_free(robust_media *m);

/* Grow-only output collector. */
typedef struct robust_out {
    uint8_t *data;
    size_t size, cap;
} robust_out;
void robust_out_append(robust_out *o, const void *p, size_t n);

/* 16-bit PCM at the source's rate and channels (what every host asks for first). */
void robust_pcm16(WAVEFORMATEX *dst, const WAVEFORMATEX *src);

/* Decode all of `m` through an open stream: prepared buffers sized by acmStreamSize(SOURCE),
 * BLOCKALIGN (+START first), unconsumed input carried, END until nothing comes out.
 * Returns the first failing MMRESULT (0 when all went well); output appended to `out`. */
MMRESULT robust_decode(HACMSTREAM has, const robust_media *m, robust_out *out);

/* Thread count of this process (CreateToolhelp32Snapshot). */
int robust_thread_count(void);

/* Print which case was running if anything crashes the process. */
void robust_install_crash_reporter(const char *const *current_case);

#endif

/* Concurrency: many threads, each interleaving several streams of different codecs (decoders
 * and, where the driver has them, encoders), while other threads open and close streams as
 * fast as they can.  Every stream's output must be
 * byte-identical to the same stream decoded alone; afterwards no thread may be left over
 * (ffacm runs libavcodec single-threaded in the caller's thread: nothing may outlive
 * ACMDM_STREAM_CLOSE) and the DLL must unload right after acmDriverRemove + FreeLibrary.
 *
 * Usage: test_concurrency.exe DRIVER.acm MEDIA_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "win_common.h"

#define WORKERS 12
#define STREAMS_PER_WORKER 3
#define ROUNDS 3
#define CHURNERS 2

static const char *const files[] = {
    "mp3.wav", "ac3.wav", "flac.wav", "aac_raw.avi", "opus.avi", "vorbis.avi", "aac_adts.wav", "mp2.wav",
    "ac3_51.wav", "flac24.wav", "mp3_mono.wav",
};
#define N_FILES (sizeof files / sizeof files[0])

/* Encoders too, where the driver has them: PCM into these tags' first standard format at
 * the PCM file's rate and channels (libavcodec's encoders are deterministic). */
static const WORD encode_tags[] = { 0x0055, 0x0050, 0x2000, 0xF1AC, 0x00FF };
#define N_ENCODE (sizeof encode_tags / sizeof encode_tags[0])

/* A job: a source file and the destination it is converted to. */
typedef struct job {
    const robust_media *m;
    uint8_t dst[256];
    char name[80];
} job;

static robust_media media[N_FILES], pcm_media;
static job jobs[N_FILES + N_ENCODE];
static size_t n_jobs;
static robust_out reference[N_FILES + N_ENCODE];
static HACMDRIVER had;
static volatile LONG workers_running, mismatches, failures, churn_cycles;

/* One stream driven one host buffer at a time, so a thread can interleave several. */
typedef struct stepper {
    const robust_media *m;
    HACMSTREAM has;
    ACMSTREAMHEADER h;
    uint8_t *src, *dst;
    DWORD src_cap, carry, flags;
    size_t next;
    int done;
    MMRESULT mr;
    robust_out out;
} stepper;

static MMRESULT stepper_open(stepper *s, const job *j)
{
    const robust_media *m = j->m;
    memset(s, 0, sizeof *s);
    s->m = m;
    MMRESULT mr = acmStreamOpen(&s->has, had, m->wfx, (WAVEFORMATEX *)j->dst, NULL, 0, 0, 0);
    if (mr)
        return mr;
    DWORD dst_cap = 0;
    s->src_cap = m->largest * 2 + 16;
    if ((mr = acmStreamSize(s->has, s->src_cap, &dst_cap, ACM_STREAMSIZEF_SOURCE)) != 0)
        return mr;
    s->src = malloc(s->src_cap);
    s->dst = malloc(dst_cap);
    s->h.cbStruct = sizeof s->h;
    s->h.pbSrc = s->src;
    s->h.cbSrcLength = s->src_cap;
    s->h.pbDst = s->dst;
    s->h.cbDstLength = dst_cap;
    s->flags = ACM_STREAMCONVERTF_START | ACM_STREAMCONVERTF_BLOCKALIGN;
    return acmStreamPrepareHeader(s->has, &s->h, 0);
}

/* The next host buffer (or the END calls): VirtualDub's loop, one buffer per step. */
static void stepper_step(stepper *s)
{
    int end = s->next == s->m->count;
    if (!end) {
        if (s->m->packets)
            s->carry = 0;
        memcpy(s->src + s->carry, s->m->data + s->m->offset[s->next], s->m->length[s->next]);
        s->carry += s->m->length[s->next];
        s->next++;
    } else {
        s->flags = ACM_STREAMCONVERTF_END;
    }
    for (int calls = 0; calls < 10000; calls++) {
        s->h.cbSrcLength = s->carry;
        if ((s->mr = acmStreamConvert(s->has, &s->h, s->flags)) != 0) {
            s->done = 1;
            return;
        }
        s->flags &= ~ACM_STREAMCONVERTF_START;
        robust_out_append(&s->out, s->dst, s->h.cbDstLengthUsed);
        DWORD used = s->h.cbSrcLengthUsed;
        memmove(s->src, s->src + used, s->carry - used);
        s->carry -= used;
        int idle = used == 0 && s->h.cbDstLengthUsed == 0;
        if (!end && (s->carry == 0 || idle))
            return;
        if (end && idle) {
            s->done = 1;
            return;
        }
    }
    s->done = 1;
}

static MMRESULT stepper_close(stepper *s)
{
    s->h.cbSrcLength = s->src_cap;
    MMRESULT mr = s->has ? acmStreamUnprepareHeader(s->has, &s->h, 0) : 0;
    MMRESULT cmr = s->has ? acmStreamClose(s->has, 0) : 0;
    free(s->src);
    free(s->dst);
    return mr ? mr : cmr;
}

/* PCM -> the tag's first standard format at the PCM file's rate and channels that the
 * driver accepts; 0 when it has no such encoder. */
static size_t add_encode_job(WORD tag)
{
    job *j = &jobs[n_jobs];
    for (DWORD i = 0; i < 256; i++) {
        ACMFORMATDETAILSW fd;
        memset(&fd, 0, sizeof fd);
        fd.cbStruct = sizeof fd;
        fd.dwFormatTag = tag;
        fd.dwFormatIndex = i;
        fd.pwfx = (WAVEFORMATEX *)j->dst;
        fd.cbwfx = sizeof j->dst;
        if (acmFormatDetailsW(had, &fd, ACM_FORMATDETAILSF_INDEX) != MMSYSERR_NOERROR)
            return 0;
        if (fd.pwfx->nSamplesPerSec != pcm_media.wfx->nSamplesPerSec || fd.pwfx->nChannels != pcm_media.wfx->nChannels)
            continue;
        if (acmStreamOpen(NULL, had, pcm_media.wfx, fd.pwfx, NULL, 0, 0, ACM_STREAMOPENF_QUERY) != MMSYSERR_NOERROR)
            continue;
        j->m = &pcm_media;
        snprintf(j->name, sizeof j->name, "encode to 0x%04x", tag);
        n_jobs++;
        return 1;
    }
    return 0;
}

static int decode_alone(size_t f, robust_out *out)
{
    stepper s;
    MMRESULT mr = stepper_open(&s, &jobs[f]);
    while (!mr && !s.done)
        stepper_step(&s);
    mr = mr ? mr : s.mr;
    MMRESULT cmr = stepper_close(&s);
    *out = s.out;
    return mr ? (int)mr : (int)cmr;
}

static DWORD WINAPI worker(void *arg)
{
    size_t k = (size_t)arg;
    for (int round = 0; round < ROUNDS; round++) {
        stepper st[STREAMS_PER_WORKER];
        size_t which[STREAMS_PER_WORKER];
        int live = 0;
        for (int j = 0; j < STREAMS_PER_WORKER; j++) {
            which[j] = (k * STREAMS_PER_WORKER + j + (size_t)round * 5) % n_jobs;
            MMRESULT mr = stepper_open(&st[j], &jobs[which[j]]);
            if (mr) {
                printf("worker %zu: open %s failed %u\n", k, jobs[which[j]].name, mr);
                InterlockedIncrement(&failures);
                st[j].done = 1;
            } else {
                live++;
            }
        }
        while (live) { /* one buffer of each stream in turn */
            live = 0;
            for (int j = 0; j < STREAMS_PER_WORKER; j++)
                if (!st[j].done) {
                    stepper_step(&st[j]);
                    live += !st[j].done;
                }
        }
        for (int j = 0; j < STREAMS_PER_WORKER; j++) {
            const robust_out *ref = &reference[which[j]];
            if (st[j].mr || stepper_close(&st[j])) {
                InterlockedIncrement(&failures);
                printf("worker %zu: %s failed (%u)\n", k, jobs[which[j]].name, st[j].mr);
            } else if (st[j].out.size != ref->size || memcmp(st[j].out.data, ref->data, ref->size) != 0) {
                InterlockedIncrement(&mismatches);
                printf("worker %zu: %s differs from the serial run (%zu vs %zu bytes)\n", k, jobs[which[j]].name,
                       st[j].out.size, ref->size);
            }
            free(st[j].out.data);
        }
    }
    InterlockedDecrement(&workers_running);
    return 0;
}

/* Opens, converts a little and closes streams while the workers run. */
static DWORD WINAPI churner(void *arg)
{
    size_t f = (size_t)arg;
    while (workers_running > 0) {
        stepper s;
        const job *jb = &jobs[f++ % n_jobs];
        MMRESULT mr = stepper_open(&s, jb);
        for (int i = 0; i < 2 && !mr && !s.done; i++)
            stepper_step(&s);
        if (mr || s.mr || stepper_close(&s)) {
            InterlockedIncrement(&failures);
            printf("churn: %s failed (%u/%u)\n", jb->name, mr, s.mr);
        }
        free(s.out.data);
        InterlockedIncrement(&churn_cycles);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_concurrency DRIVER.acm MEDIA_DIR\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    static const char *current = "concurrency";
    robust_install_crash_reporter(&current);
    char path[1024];
    for (size_t f = 0; f < N_FILES; f++) {
        snprintf(path, sizeof path, "%s/%s", argv[2], files[f]);
        if (robust_media_load(&media[f], path, 96 * 1024, 4096) < 0)
            return 1;
    }
    snprintf(path, sizeof path, "%s/pcm.wav", argv[2]);
    if (robust_media_load(&pcm_media, path, 192 * 1024, 4096) < 0)
        return 1;
    int threads_before = robust_thread_count();
    acmu_driver drv;
    if (acmu_driver_add(&drv, argv[1], 1) < 0)
        return 1;
    had = drv.had;

    for (size_t f = 0; f < N_FILES; f++) {
        jobs[n_jobs].m = &media[f];
        robust_pcm16((WAVEFORMATEX *)jobs[n_jobs].dst, media[f].wfx);
        snprintf(jobs[n_jobs].name, sizeof jobs[n_jobs].name, "%s decode", media[f].name);
        n_jobs++;
    }
    size_t encoders = 0;
    for (size_t t = 0; t < N_ENCODE; t++)
        encoders += add_encode_job(encode_tags[t]);
    printf("%zu jobs: %d decoders, %zu encoders\n", n_jobs, (int)N_FILES, encoders);

    current = "serial reference";
    for (size_t f = 0; f < n_jobs; f++) {
        int r = decode_alone(f, &reference[f]);
        CHECK(r == 0 && reference[f].size > 0, "serial %s: result %d, %zu bytes", jobs[f].name, r, reference[f].size);
    }
    int threads_serial = robust_thread_count();
    CHECK(threads_serial == threads_before, "threads: %d before, %d after serial decoding", threads_before,
          threads_serial);

    current = "parallel";
    DWORD t0 = GetTickCount();
    HANDLE th[WORKERS + CHURNERS];
    workers_running = WORKERS;
    for (size_t k = 0; k < WORKERS; k++)
        th[k] = CreateThread(NULL, 0, worker, (void *)k, 0, NULL);
    for (size_t c = 0; c < CHURNERS; c++)
        th[WORKERS + c] = CreateThread(NULL, 0, churner, (void *)(c * 4), 0, NULL);
    int peak = 0;
    while (WaitForMultipleObjects(WORKERS + CHURNERS, th, TRUE, 50) == WAIT_TIMEOUT) {
        int n = robust_thread_count();
        peak = n > peak ? n : peak;
    }
    for (size_t k = 0; k < WORKERS + CHURNERS; k++)
        CloseHandle(th[k]);
    DWORD elapsed = GetTickCount() - t0;
    printf("parallel: %d workers x %d rounds x %d streams, %d churners (%ld open/convert/close cycles), "
           "%lu ms, peak %d threads\n",
           WORKERS, ROUNDS, STREAMS_PER_WORKER, CHURNERS, (long)churn_cycles, (unsigned long)elapsed, peak);
    CHECK(mismatches == 0, "%ld streams differ from their serial decode", (long)mismatches);
    CHECK(failures == 0, "%ld streams failed", (long)failures);
    CHECK(churn_cycles > 0, "the churn threads never completed a cycle");
    /* The process had threads_before threads, plus the ones this test started: once those
     * have been joined, any extra thread was started by the driver (or libavcodec) and
     * outlived its stream. */
    int threads_after = robust_thread_count();
    CHECK(threads_after == threads_before, "threads: %d before, %d after the parallel run", threads_before,
          threads_after);
    CHECK(peak <= threads_before + WORKERS + CHURNERS, "peak %d threads: more than the %d started", peak,
          threads_before + WORKERS + CHURNERS);

    current = "unload";
    HMODULE module = drv.module;
    acmu_driver_release(&drv);
    HMODULE still = NULL;
    BOOL loaded = GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                                     (LPCWSTR)module, &still);
    CHECK(!loaded, "ffacm.acm is still mapped after acmDriverRemove + FreeLibrary");
    int threads_end = robust_thread_count();
    CHECK(threads_end == threads_before, "threads: %d before, %d after unloading", threads_before, threads_end);
    printf("threads: %d before, %d after serial, %d after parallel, %d after unload\n", threads_before, threads_serial,
           threads_after, threads_end);

    for (size_t f = 0; f < n_jobs; f++)
        free(reference[f].data);
    for (size_t f = 0; f < N_FILES; f++)
        robust_media_free(&media[f]);
    robust_media_free(&pcm_media);
    printf("test_concurrency: %d passed, %d failed\n", robust_passed, robust_failed);
    return robust_failed ? 1 : 0;
}

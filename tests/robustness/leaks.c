/* Leaks: open / convert / close cycles through msacm with the process's private bytes
 * flat.  Each cycle opens a stream of the next codec, converts its first buffers with
 * START, drains it with END and closes it; after a warm-up (allocator pools, lazily
 * initialised codec tables) the private bytes (GetProcessMemoryInfo PrivateUsage) may grow
 * by no more than the noise allowance over all the remaining cycles.
 *
 * Usage: test_leaks.exe DRIVER.acm MEDIA_DIR [CYCLES]
 *
 * CYCLES defaults to 40,000: a cycle takes 1-3 ms under Wine on a busy 2-core machine, so
 * that is 1-2 minutes; 100,000 took 203 s here (see README.md).  The native leak test
 * (core_cycles) runs 100,000 cycles of the core under LeakSanitizer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "win_common.h"

#include <psapi.h> /* after windows.h, which win_common.h includes */

#define WARMUP 1000
#define NOISE_BYTES (512 * 1024) /* a leak of even 8 bytes per cycle over 100k cycles is 800 KB */

static const char *const files[] = {
    "mp3.wav", "ac3.wav", "flac.wav", "aac_raw.avi", "opus.avi", "vorbis.avi", "aac_adts.wav", "mp2.wav",
    "aac_heaac_raw.avi", "ac3_51.wav",
};
#define N_FILES (sizeof files / sizeof files[0])

/* PrivateUsage; Wine 8 leaves it 0 and reports the same commit charge as PagefileUsage
 * (which Windows documents as equal to PrivateUsage), so that is the fallback. */
static SIZE_T private_bytes(void)
{
    PROCESS_MEMORY_COUNTERS_EX pmc;
    memset(&pmc, 0, sizeof pmc);
    pmc.cb = sizeof pmc;
    if (!GetProcessMemoryInfo(GetCurrentProcess(), (PROCESS_MEMORY_COUNTERS *)&pmc, sizeof pmc))
        return 0;
    return pmc.PrivateUsage ? pmc.PrivateUsage : pmc.PagefileUsage;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_leaks DRIVER.acm MEDIA_DIR [CYCLES]\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    long cycles = argc > 3 ? atol(argv[3]) : 40000;
    static const char *current = "leak cycles";
    robust_install_crash_reporter(&current);
    robust_media media[N_FILES];
    char path[1024];
    for (size_t f = 0; f < N_FILES; f++) {
        snprintf(path, sizeof path, "%s/%s", argv[2], files[f]);
        /* Small inputs: two buffers (or packets) keep a cycle cheap but decode real audio. */
        if (robust_media_load(&media[f], path, 4096, 2048) < 0)
            return 1;
        if (media[f].count > 2)
            media[f].count = 2;
    }
    acmu_driver drv;
    if (acmu_driver_add(&drv, argv[1], 1) < 0)
        return 1;

    SIZE_T base = 0, peak = 0;
    long failures = 0;
    DWORD t0 = GetTickCount(), t_warm = 0;
    for (long i = 0; i < WARMUP + cycles; i++) {
        const robust_media *m = &media[i % N_FILES];
        WAVEFORMATEX pcm;
        robust_pcm16(&pcm, m->wfx);
        HACMSTREAM has;
        MMRESULT mr = acmStreamOpen(&has, drv.had, m->wfx, &pcm, NULL, 0, 0, 0);
        if (!mr) {
            robust_out out = { 0 };
            mr = robust_decode(has, m, &out);
            free(out.data);
            MMRESULT cmr = acmStreamClose(has, 0);
            mr = mr ? mr : cmr;
        }
        if (mr && failures++ < 10)
            printf("cycle %ld (%s): %u (%s)\n", i, m->name, mr, acmu_err_name(mr));
        if (i + 1 == WARMUP) {
            base = private_bytes();
            t_warm = GetTickCount();
        }
        if (i >= WARMUP && (i - WARMUP + 1) % (cycles / 10 ? cycles / 10 : 1) == 0) {
            SIZE_T now = private_bytes();
            peak = now > peak ? now : peak;
            printf("cycle %7ld: private bytes %lu (%+ld since warm-up), %lu ms\n", i - WARMUP + 1,
                   (unsigned long)now, (long)now - (long)base, (unsigned long)(GetTickCount() - t_warm));
        }
    }
    SIZE_T end = private_bytes();
    DWORD ms = GetTickCount() - t0;
    /* The measurement must be able to see a leak: 2 MB in 1 KB malloc blocks (what 20 bytes
     * lost per cycle would add up to over 100,000 cycles) has to show. */
    enum { PROBE_BLOCKS = 2048 };
    void **probe = malloc(PROBE_BLOCKS * sizeof *probe);
    for (int i = 0; i < PROBE_BLOCKS; i++)
        memset(probe[i] = malloc(1024), i, 1024);
    SIZE_T probed = private_bytes();
    for (int i = 0; i < PROBE_BLOCKS; i++)
        free(probe[i]);
    free(probe);
    printf("sensitivity: 2 MB of 1 KB blocks moved private bytes by %+ld\n", (long)probed - (long)end);
    CHECK((long)probed - (long)end >= 1024 * 1024, "a 2 MB leak moved private bytes by only %ld",
          (long)probed - (long)end);
    acmu_driver_release(&drv);
    for (size_t f = 0; f < N_FILES; f++)
        robust_media_free(&media[f]);

    printf("%ld cycles after %d warm-up cycles in %lu ms (%.1f us per cycle): private bytes %lu -> %lu (%+ld), "
           "peak %lu\n",
           cycles, WARMUP, (unsigned long)ms, 1000.0 * ms / (WARMUP + cycles), (unsigned long)base,
           (unsigned long)end, (long)end - (long)base, (unsigned long)peak);
    CHECK(failures == 0, "%ld cycles failed", failures);
    CHECK(base > 0, "GetProcessMemoryInfo gave no private bytes");
    CHECK((long)end - (long)base <= NOISE_BYTES, "private bytes grew by %ld over %ld cycles",
          (long)end - (long)base, cycles);
    CHECK((long)peak - (long)base <= NOISE_BYTES, "private bytes peaked %ld above the warm-up level",
          (long)peak - (long)base);
    printf("test_leaks: %d passed, %d failed\n", robust_passed, robust_failed);
    return robust_failed ? 1 : 0;
}

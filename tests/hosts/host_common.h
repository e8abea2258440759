/*
 * host_common.h - what every host test needs: find the ffacm driver the prefix has
 * registered (the hosts must find it by themselves, so the tests never acmDriverAdd it),
 * and a tiny check counter.
 */
#ifndef FFACM_HOSTS_HOST_COMMON_H
#define FFACM_HOSTS_HOST_COMMON_H

#include <stdio.h>

#include <windows.h>
#include <mmsystem.h>
#include <mmreg.h>
#include <msacm.h>

/* The installed driver whose short name is "ffacm", or NULL (prints what it found). */
HACMDRIVERID host_find_ffacm(void);

extern int host_passed, host_failed;

#define HOST_CHECK(cond, ...)                                                \
    do {                                                                     \
        if (cond) {                                                          \
            host_passed++;                                                   \
        } else {                                                             \
            host_failed++;                                                   \
            printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);            \
            printf(__VA_ARGS__);                                             \
            printf("\n");                                                    \
        }                                                                    \
    } while (0)

#endif

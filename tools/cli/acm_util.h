/*
 * acm_util.h - small helpers shared by the ffacm CLI commands: ACM error
 * names, WAVEFORMATEX printing, UTF-16 to UTF-8 and --driver loading.
 */
#ifndef FFACM_CLI_ACM_UTIL_H
#define FFACM_CLI_ACM_UTIL_H

#include <stddef.h>
#include <stdio.h>

#include <windows.h>
#include <mmsystem.h>
#include <mmreg.h>
#include <msacm.h>

/* "MMSYSERR_INVALPARAM", "ACMERR_NOTPOSSIBLE", ... or "unknown". */
const char *acmu_err_name(MMRESULT mr);

/* Prints "error: FUNC failed: CODE (NAME)" to stderr. */
void acmu_report(const char *func, MMRESULT mr);

/* Prints the WAVEFORMATEX fields (and cbSize extra bytes in hex). */
void acmu_print_wfx(FILE *f, const char *prefix, const WAVEFORMATEX *wfx);

/* Converts a NUL-terminated UTF-16 string to UTF-8 into OUT (always
 * NUL-terminated, truncated if needed). */
void acmu_utf8(const WCHAR *w, char *out, size_t outlen);

/* Largest format size over all drivers (had NULL) or one driver, never
 * smaller than sizeof(WAVEFORMATEXTENSIBLE).  Returns 0 on failure. */
DWORD acmu_max_format_size(HACMDRIVER had);

/* A driver added from a file with --driver. */
typedef struct acmu_driver {
    HMODULE module;
    HACMDRIVERID hadid;
    HACMDRIVER had;
} acmu_driver;

/* LoadLibraryW(PATH), GetProcAddress("DriverProc"), acmDriverAdd(FUNCTION)
 * and, when OPEN is non-zero, acmDriverOpen.  Returns 0 or prints and -1. */
int acmu_driver_add(acmu_driver *d, const char *path, int open);

/* Closes/removes/unloads whatever acmu_driver_add set up. */
void acmu_driver_release(acmu_driver *d);

#endif

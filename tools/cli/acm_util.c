/*
 * acm_util.c - helpers shared by the ffacm CLI commands (see acm_util.h).
 */
#include "acm_util.h"

#include <string.h>

#define ERR(x) { x, #x }

const char *acmu_err_name(MMRESULT mr)
{
    static const struct {
        MMRESULT code;
        const char *name;
    } names[] = {
        ERR(MMSYSERR_NOERROR),      ERR(MMSYSERR_ERROR),       ERR(MMSYSERR_BADDEVICEID),
        ERR(MMSYSERR_NOTENABLED),   ERR(MMSYSERR_ALLOCATED),   ERR(MMSYSERR_INVALHANDLE),
        ERR(MMSYSERR_NODRIVER),     ERR(MMSYSERR_NOMEM),       ERR(MMSYSERR_NOTSUPPORTED),
        ERR(MMSYSERR_BADERRNUM),    ERR(MMSYSERR_INVALFLAG),   ERR(MMSYSERR_INVALPARAM),
        ERR(MMSYSERR_HANDLEBUSY),   ERR(MMSYSERR_INVALIDALIAS), ERR(MMSYSERR_BADDB),
        ERR(MMSYSERR_KEYNOTFOUND),  ERR(MMSYSERR_READERROR),   ERR(MMSYSERR_WRITEERROR),
        ERR(MMSYSERR_DELETEERROR),  ERR(MMSYSERR_VALNOTFOUND), ERR(MMSYSERR_NODRIVERCB),
        ERR(MMSYSERR_MOREDATA),     ERR(ACMERR_NOTPOSSIBLE),   ERR(ACMERR_BUSY),
        ERR(ACMERR_UNPREPARED),     ERR(ACMERR_CANCELED),
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (names[i].code == mr)
            return names[i].name;
    return "unknown";
}

void acmu_report(const char *func, MMRESULT mr)
{
    fprintf(stderr, "error: %s failed: %u (%s)\n", func, (unsigned)mr, acmu_err_name(mr));
}

void acmu_print_wfx(FILE *f, const char *prefix, const WAVEFORMATEX *wfx)
{
    fprintf(f, "%stag=0x%04x ch=%u rate=%lu avg=%lu align=%u bits=%u cbSize=%u", prefix,
            (unsigned)wfx->wFormatTag, (unsigned)wfx->nChannels,
            (unsigned long)wfx->nSamplesPerSec, (unsigned long)wfx->nAvgBytesPerSec,
            (unsigned)wfx->nBlockAlign, (unsigned)wfx->wBitsPerSample, (unsigned)wfx->cbSize);
    if (wfx->wFormatTag != WAVE_FORMAT_PCM && wfx->cbSize > 0) {
        const unsigned char *extra = (const unsigned char *)wfx + sizeof(WAVEFORMATEX);
        unsigned n = wfx->cbSize > 64 ? 64 : wfx->cbSize;
        fputs(" extra=", f);
        for (unsigned i = 0; i < n; i++)
            fprintf(f, "%02x", extra[i]);
        if (n < wfx->cbSize)
            fputs("...", f);
    }
    fputc('\n', f);
}

void acmu_utf8(const WCHAR *w, char *out, size_t outlen)
{
    if (outlen == 0)
        return;
    int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, out, (int)outlen, NULL, NULL);
    if (n <= 0) {
        /* Too long or invalid: convert what fits, character by character. */
        size_t o = 0;
        for (; *w && o + 1 < outlen; w++)
            out[o++] = (*w < 128) ? (char)*w : '?';
        out[o] = '\0';
    }
}

DWORD acmu_max_format_size(HACMDRIVER had)
{
    DWORD size = 0;
    MMRESULT mr = acmMetrics((HACMOBJ)had, ACM_METRIC_MAX_SIZE_FORMAT, &size);
    if (mr != MMSYSERR_NOERROR) {
        acmu_report("acmMetrics(ACM_METRIC_MAX_SIZE_FORMAT)", mr);
        return 0;
    }
    if (size < sizeof(WAVEFORMATEXTENSIBLE))
        size = sizeof(WAVEFORMATEXTENSIBLE);
    return size;
}

int acmu_driver_add(acmu_driver *d, const char *path, int open)
{
    WCHAR wpath[MAX_PATH * 4];
    MMRESULT mr;

    memset(d, 0, sizeof(*d));
    if (!MultiByteToWideChar(CP_ACP, 0, path, -1, wpath, (int)(sizeof(wpath) / sizeof(wpath[0])))) {
        fprintf(stderr, "error: driver path '%s' cannot be converted (%lu)\n", path,
                (unsigned long)GetLastError());
        return -1;
    }
    d->module = LoadLibraryW(wpath);
    if (!d->module) {
        fprintf(stderr, "error: LoadLibraryW('%s') failed (%lu)\n", path,
                (unsigned long)GetLastError());
        return -1;
    }
    FARPROC proc = GetProcAddress(d->module, "DriverProc");
    if (!proc) {
        fprintf(stderr, "error: '%s' does not export DriverProc (%lu)\n", path,
                (unsigned long)GetLastError());
        acmu_driver_release(d);
        return -1;
    }
    mr = acmDriverAdd(&d->hadid, d->module, (LPARAM)proc, 0, ACM_DRIVERADDF_FUNCTION);
    if (mr != MMSYSERR_NOERROR) {
        acmu_report("acmDriverAdd", mr);
        d->hadid = NULL;
        acmu_driver_release(d);
        return -1;
    }
    if (open) {
        mr = acmDriverOpen(&d->had, d->hadid, 0);
        if (mr != MMSYSERR_NOERROR) {
            acmu_report("acmDriverOpen", mr);
            d->had = NULL;
            acmu_driver_release(d);
            return -1;
        }
    }
    return 0;
}

void acmu_driver_release(acmu_driver *d)
{
    MMRESULT mr;
    if (d->had) {
        mr = acmDriverClose(d->had, 0);
        if (mr != MMSYSERR_NOERROR)
            acmu_report("acmDriverClose", mr);
    }
    if (d->hadid) {
        mr = acmDriverRemove(d->hadid, 0);
        if (mr != MMSYSERR_NOERROR)
            acmu_report("acmDriverRemove", mr);
    }
    if (d->module)
        FreeLibrary(d->module);
    memset(d, 0, sizeof(*d));
}

/*
 * info_drivers.c - the "which driver would decode this, and why not the others" part of
 * "ffacm info".  For every ACM driver it reports what msacm's own routing looks at: does
 * the driver list the source tag (acmStreamOpen with a NULL driver only tries drivers whose
 * tag list holds both tags), what it suggests with no restriction (where ffacm's
 * OutputFormat/MaxChannels settings show), and its answer to a QUERY open.  Then it opens
 * the stream the way hosts do (NULL driver) and names the driver msacm picked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acm_util.h"
#include "cli.h"

typedef struct driver_ids {
    HACMDRIVERID ids[64];
    int count;
} driver_ids;

static BOOL CALLBACK collect(HACMDRIVERID hadid, DWORD_PTR instance, DWORD support)
{
    driver_ids *d = (driver_ids *)instance;
    (void)support;
    if (d->count < 64)
        d->ids[d->count++] = hadid;
    return TRUE;
}

static void driver_name(HACMDRIVERID hadid, char *out, size_t cap)
{
    ACMDRIVERDETAILSW d;
    memset(&d, 0, sizeof d);
    d.cbStruct = sizeof d;
    if (acmDriverDetailsW(hadid, &d, 0) == MMSYSERR_NOERROR)
        acmu_utf8(d.szShortName, out, cap);
    else
        snprintf(out, cap, "?");
}

/* One driver's view of `src`; `dst` receives its unrestricted suggestion. */
static void explain_one(HACMDRIVERID hadid, const WAVEFORMATEX *src, WAVEFORMATEX *dst, DWORD dst_size)
{
    char name[ACMDRIVERDETAILS_SHORTNAME_CHARS * 3];
    driver_name(hadid, name, sizeof name);
    printf("driver \"%s\":\n", name);
    HACMDRIVER had;
    MMRESULT mr = acmDriverOpen(&had, hadid, 0);
    if (mr != MMSYSERR_NOERROR) {
        printf("  refuses: acmDriverOpen %s\n", acmu_err_name(mr));
        return;
    }
    ACMFORMATTAGDETAILSW tag;
    memset(&tag, 0, sizeof tag);
    tag.cbStruct = sizeof tag;
    tag.dwFormatTag = src->wFormatTag;
    mr = acmFormatTagDetailsW(had, &tag, ACM_FORMATTAGDETAILSF_FORMATTAG);
    if (mr != MMSYSERR_NOERROR) {
        printf("  refuses: does not list tag 0x%04x (%s), so a NULL-driver open never tries it\n",
               (unsigned)src->wFormatTag, acmu_err_name(mr));
        acmDriverClose(had, 0);
        return;
    }
    memset(dst, 0, dst_size);
    mr = acmFormatSuggest(had, (LPWAVEFORMATEX)src, dst, dst_size, 0);
    if (mr != MMSYSERR_NOERROR) {
        /* No suggestion: still ask whether it would open to plain 16-bit PCM. */
        printf("  suggests nothing: acmFormatSuggest %s\n", acmu_err_name(mr));
        memset(dst, 0, dst_size);
        dst->wFormatTag = WAVE_FORMAT_PCM;
        dst->nChannels = src->nChannels;
        dst->nSamplesPerSec = src->nSamplesPerSec;
        dst->wBitsPerSample = 16;
        dst->nBlockAlign = (WORD)(2 * src->nChannels);
        dst->nAvgBytesPerSec = dst->nBlockAlign * src->nSamplesPerSec;
    } else {
        acmu_print_wfx(stdout, "  suggests: ", dst);
    }
    mr = acmStreamOpen(NULL, had, (LPWAVEFORMATEX)src, dst, NULL, 0, 0, ACM_STREAMOPENF_QUERY);
    if (mr == MMSYSERR_NOERROR)
        printf("  accepts: QUERY open to tag 0x%04x succeeds\n", (unsigned)dst->wFormatTag);
    else
        printf("  refuses: QUERY open %s%s\n", acmu_err_name(mr),
               mr == ACMERR_NOTPOSSIBLE ? " (for ffacm: also when the format is disabled in its settings)" : "");
    acmDriverClose(had, 0);
}

int cli_explain_drivers(const WAVEFORMATEX *src)
{
    DWORD size = acmu_max_format_size(NULL);
    if (size == 0)
        return 1;
    WAVEFORMATEX *dst = calloc(1, size);
    if (!dst)
        return 1;
    driver_ids ids;
    memset(&ids, 0, sizeof ids);
    acmDriverEnum(collect, (DWORD_PTR)&ids, 0);
    printf("drivers: %d enabled\n", ids.count);
    for (int i = 0; i < ids.count; i++)
        explain_one(ids.ids[i], src, dst, size);

    /* What a host gets: the suggestion and the open msacm routes with a NULL driver. */
    memset(dst, 0, size);
    MMRESULT mr = acmFormatSuggest(NULL, (LPWAVEFORMATEX)src, dst, size, 0);
    int rc = 0;
    if (mr != MMSYSERR_NOERROR) {
        printf("decoded by: none (acmFormatSuggest %s)\n", acmu_err_name(mr));
        rc = 1;
    } else {
        HACMSTREAM has;
        mr = acmStreamOpen(&has, NULL, (LPWAVEFORMATEX)src, dst, NULL, 0, 0, 0);
        if (mr != MMSYSERR_NOERROR) {
            printf("decoded by: none (acmStreamOpen %s)\n", acmu_err_name(mr));
            rc = 1;
        } else {
            HACMDRIVERID hadid = NULL;
            char name[ACMDRIVERDETAILS_SHORTNAME_CHARS * 3] = "?";
            if (acmDriverID((HACMOBJ)has, &hadid, 0) == MMSYSERR_NOERROR)
                driver_name(hadid, name, sizeof name);
            printf("decoded by: \"%s\" ", name);
            acmu_print_wfx(stdout, "to ", dst);
            acmStreamClose(has, 0);
        }
    }
    free(dst);
    return rc;
}

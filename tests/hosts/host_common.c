/*
 * host_common.c - see host_common.h.
 */
#include "host_common.h"

#include <string.h>

int host_passed, host_failed;

typedef struct find_ctx {
    HACMDRIVERID found;
} find_ctx;

static BOOL CALLBACK find_cb(HACMDRIVERID hadid, DWORD_PTR inst, DWORD support)
{
    find_ctx *ctx = (find_ctx *)inst;
    ACMDRIVERDETAILSA dd;
    memset(&dd, 0, sizeof dd);
    dd.cbStruct = sizeof dd;
    if (acmDriverDetailsA(hadid, &dd, 0) == MMSYSERR_NOERROR) {
        printf("acm driver: %-12s tags=%lu support=0x%lx\n", dd.szShortName, (unsigned long)dd.cFormatTags,
               (unsigned long)support);
        if (strcmp(dd.szShortName, "ffacm") == 0)
            ctx->found = hadid;
    }
    return TRUE;
}

HACMDRIVERID host_find_ffacm(void)
{
    find_ctx ctx = { NULL };
    acmDriverEnum(find_cb, (DWORD_PTR)&ctx, ACM_DRIVERENUMF_DISABLED);
    if (!ctx.found)
        printf("ffacm is not registered in this prefix (tests/hosts/register_ffacm.sh)\n");
    return ctx.found;
}

/*
 * cmd_list.c - "ffacm list [--formats] [--driver FILE]": every ACM driver
 * (disabled ones too), its details, its format tags and optionally every
 * format of each tag.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acm_util.h"
#include "cli.h"

typedef struct id_list {
    HACMDRIVERID *ids;
    DWORD *support;
    size_t count;
    size_t cap;
    int failed;
} id_list;

typedef struct tag_list {
    ACMFORMATTAGDETAILSW *tags;
    size_t count;
    size_t cap;
    int failed;
} tag_list;

static BOOL CALLBACK driver_cb(HACMDRIVERID hadid, DWORD_PTR instance, DWORD support)
{
    id_list *l = (id_list *)instance;
    if (l->count == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 16;
        HACMDRIVERID *ids = realloc(l->ids, ncap * sizeof(*ids));
        if (ids)
            l->ids = ids;
        DWORD *sup = ids ? realloc(l->support, ncap * sizeof(*sup)) : NULL;
        if (!ids || !sup) {
            l->failed = 1;
            return FALSE;
        }
        l->support = sup;
        l->cap = ncap;
    }
    l->ids[l->count] = hadid;
    l->support[l->count] = support;
    l->count++;
    return TRUE;
}

static BOOL CALLBACK tag_cb(HACMDRIVERID hadid, LPACMFORMATTAGDETAILSW paftd, DWORD_PTR instance,
                            DWORD support)
{
    tag_list *l = (tag_list *)instance;
    (void)hadid;
    (void)support;
    if (l->count == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 8;
        ACMFORMATTAGDETAILSW *t = realloc(l->tags, ncap * sizeof(*t));
        if (!t) {
            l->failed = 1;
            return FALSE;
        }
        l->tags = t;
        l->cap = ncap;
    }
    l->tags[l->count++] = *paftd;
    return TRUE;
}

static BOOL CALLBACK format_cb(HACMDRIVERID hadid, LPACMFORMATDETAILSW pafd, DWORD_PTR instance,
                               DWORD support)
{
    char name[ACMFORMATDETAILS_FORMAT_CHARS * 3];
    (void)hadid;
    (void)instance;
    acmu_utf8(pafd->szFormat, name, sizeof(name));
    printf("      format %lu: \"%s\" support=0x%08lx\n", (unsigned long)pafd->dwFormatIndex, name,
           (unsigned long)support);
    acmu_print_wfx(stdout, "        ", pafd->pwfx);
    return TRUE;
}

static void print_support(DWORD s)
{
    static const struct {
        DWORD flag;
        const char *name;
    } flags[] = {
        {ACMDRIVERDETAILS_SUPPORTF_CODEC, "CODEC"},
        {ACMDRIVERDETAILS_SUPPORTF_CONVERTER, "CONVERTER"},
        {ACMDRIVERDETAILS_SUPPORTF_FILTER, "FILTER"},
        {ACMDRIVERDETAILS_SUPPORTF_HARDWARE, "HARDWARE"},
        {ACMDRIVERDETAILS_SUPPORTF_ASYNC, "ASYNC"},
        {ACMDRIVERDETAILS_SUPPORTF_LOCAL, "LOCAL"},
        {ACMDRIVERDETAILS_SUPPORTF_DISABLED, "DISABLED"},
    };
    const char *sep = "";
    printf("0x%08lx (", (unsigned long)s);
    for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
        if (s & flags[i].flag) {
            printf("%s%s", sep, flags[i].name);
            sep = "|";
        }
    }
    printf(")");
}

static int list_formats(HACMDRIVER had, DWORD tag)
{
    DWORD size = acmu_max_format_size(had);
    if (size == 0)
        return -1;
    WAVEFORMATEX *wfx = calloc(1, size);
    if (!wfx) {
        fprintf(stderr, "error: out of memory\n");
        return -1;
    }
    ACMFORMATDETAILSW afd;
    memset(&afd, 0, sizeof(afd));
    afd.cbStruct = sizeof(afd);
    afd.dwFormatTag = tag;
    afd.pwfx = wfx;
    afd.cbwfx = size;
    wfx->wFormatTag = (WORD)tag;
    MMRESULT mr = acmFormatEnumW(had, &afd, format_cb, 0, ACM_FORMATENUMF_WFORMATTAG);
    free(wfx);
    if (mr != MMSYSERR_NOERROR) {
        acmu_report("acmFormatEnum", mr);
        return -1;
    }
    return 0;
}

static int list_driver(size_t index, HACMDRIVERID hadid, DWORD enum_support, HACMDRIVERID added,
                       int formats)
{
    ACMDRIVERDETAILSW add;
    char buf[ACMDRIVERDETAILS_LONGNAME_CHARS * 3];
    MMRESULT mr;
    int rc = 0;

    printf("driver %u: hadid=%p%s\n", (unsigned)index, (void *)hadid,
           hadid == added ? " (added with --driver)" : "");
    memset(&add, 0, sizeof(add));
    add.cbStruct = sizeof(add);
    mr = acmDriverDetailsW(hadid, &add, 0);
    if (mr != MMSYSERR_NOERROR) {
        acmu_report("acmDriverDetails", mr);
        return -1;
    }
    acmu_utf8(add.szShortName, buf, sizeof(buf));
    printf("  short name: %s\n", buf);
    acmu_utf8(add.szLongName, buf, sizeof(buf));
    printf("  long name:  %s\n", buf);
    printf("  support:    ");
    print_support(add.fdwSupport);
    printf(" enum=0x%08lx\n", (unsigned long)enum_support);
    printf("  mid=%u pid=%u vdwACM=0x%08lx vdwDriver=0x%08lx formatTags=%lu filterTags=%lu\n",
           (unsigned)add.wMid, (unsigned)add.wPid, (unsigned long)add.vdwACM,
           (unsigned long)add.vdwDriver, (unsigned long)add.cFormatTags,
           (unsigned long)add.cFilterTags);

    if ((add.fdwSupport | enum_support) & ACMDRIVERDETAILS_SUPPORTF_DISABLED) {
        printf("  (disabled: format tags not enumerated)\n");
        return 0;
    }

    HACMDRIVER had = NULL;
    mr = acmDriverOpen(&had, hadid, 0);
    if (mr != MMSYSERR_NOERROR) {
        acmu_report("acmDriverOpen", mr);
        return -1;
    }
    tag_list tags;
    memset(&tags, 0, sizeof(tags));
    ACMFORMATTAGDETAILSW aftd;
    memset(&aftd, 0, sizeof(aftd));
    aftd.cbStruct = sizeof(aftd);
    mr = acmFormatTagEnumW(had, &aftd, tag_cb, (DWORD_PTR)&tags, 0);
    if (mr != MMSYSERR_NOERROR) {
        acmu_report("acmFormatTagEnum", mr);
        rc = -1;
    } else if (tags.failed) {
        fprintf(stderr, "error: out of memory\n");
        rc = -1;
    }
    for (size_t i = 0; rc == 0 && i < tags.count; i++) {
        const ACMFORMATTAGDETAILSW *t = &tags.tags[i];
        acmu_utf8(t->szFormatTag, buf, sizeof(buf));
        printf("    tag 0x%04lx \"%s\" cbFormatSize=%lu standardFormats=%lu support=0x%08lx\n",
               (unsigned long)t->dwFormatTag, buf, (unsigned long)t->cbFormatSize,
               (unsigned long)t->cStandardFormats, (unsigned long)t->fdwSupport);
        if (formats && list_formats(had, t->dwFormatTag) != 0)
            rc = -1;
    }
    free(tags.tags);
    mr = acmDriverClose(had, 0);
    if (mr != MMSYSERR_NOERROR) {
        acmu_report("acmDriverClose", mr);
        rc = -1;
    }
    return rc;
}

int cmd_list(int argc, char **argv)
{
    int formats = 0;
    const char *driver = NULL;
    acmu_driver drv;
    id_list ids;
    int rc = 0;

    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--formats") == 0) {
            formats = 1;
        } else if (strcmp(argv[i], "--driver") == 0 && i + 1 < argc) {
            driver = argv[++i];
        } else {
            fprintf(stderr, "error: list: unexpected argument '%s' (see 'ffacm help')\n", argv[i]);
            return CLI_EXIT_USAGE;
        }
    }

    memset(&drv, 0, sizeof(drv));
    if (driver && acmu_driver_add(&drv, driver, 0) != 0)
        return 1;

    DWORD version = acmGetVersion();
    printf("msacm version %lu.%02lu build %lu\n", (unsigned long)(version >> 24),
           (unsigned long)((version >> 16) & 0xff), (unsigned long)(version & 0xffff));

    memset(&ids, 0, sizeof(ids));
    MMRESULT mr = acmDriverEnum(driver_cb, (DWORD_PTR)&ids, ACM_DRIVERENUMF_DISABLED);
    if (mr != MMSYSERR_NOERROR) {
        acmu_report("acmDriverEnum", mr);
        rc = 1;
    } else if (ids.failed) {
        fprintf(stderr, "error: out of memory\n");
        rc = 1;
    }
    if (rc == 0) {
        printf("%u drivers\n", (unsigned)ids.count);
        for (size_t i = 0; i < ids.count; i++)
            if (list_driver(i, ids.ids[i], ids.support[i], drv.hadid, formats) != 0)
                rc = 1;
    }
    free(ids.ids);
    free(ids.support);
    acmu_driver_release(&drv);
    return rc;
}

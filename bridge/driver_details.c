/* ACMDM_DRIVER_DETAILS and ACMDM_DRIVER_ABOUT. */
#include <string.h>

#include "config_dialog.h"
#include "driver.h"
#include "ffacm_version.h"
#include "../formats/format_table.h"

#define FFACM_MID 0xFFFF /* no registered manufacturer id */
#define FFACM_PID 0x0001

/* Fill the fields of either layout (same names, different offsets). */
#define FILL_DETAILS(d)                                                                  \
    do {                                                                                    \
        (d)->fccType = ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC_VALUE;                           \
        (d)->fccComp = 0;                                                                   \
        (d)->wMid = FFACM_MID;                                                              \
        (d)->wPid = FFACM_PID;                                                              \
        (d)->vdwACM = 0x03320000;  /* ACM 3.50 */                                            \
        (d)->vdwDriver = (DWORD)FFACM_VERSION_MAJOR << 24 | (DWORD)FFACM_VERSION_MINOR << 16; \
        (d)->fdwSupport = ACMDRIVERDETAILS_SUPPORTF_CODEC;                                  \
        (d)->cFormatTags = (DWORD)tags;                                                     \
        (d)->cFilterTags = 0;                                                               \
        (d)->hicon = NULL;                                                                  \
        ffacm_copy_wide((d)->szShortName, ACMDRIVERDETAILS_SHORTNAME_CHARS, "ffacm");        \
        ffacm_copy_wide((d)->szLongName, ACMDRIVERDETAILS_LONGNAME_CHARS,                   \
                        "ffacm: FFmpeg audio codecs for ACM");                              \
        ffacm_copy_wide((d)->szCopyright, ACMDRIVERDETAILS_COPYRIGHT_CHARS,                 \
                        "ffacm developers; FFmpeg developers");                             \
        ffacm_copy_wide((d)->szLicensing, ACMDRIVERDETAILS_LICENSING_CHARS,                 \
                        "LGPL 2.1 or later (FFmpeg, LAME, Opus, Vorbis, libgsm: own licences)"); \
        ffacm_copy_wide((d)->szFeatures, ACMDRIVERDETAILS_FEATURES_CHARS,                   \
                        "Decodes MP3, MPEG audio, AAC, AC-3, FLAC, Opus and Vorbis with libavcodec " \
                        FFACM_FFMPEG_VERSION);                                              \
    } while (0)

LRESULT ffacm_on_driver_details(DWORD_PTR id, LPARAM lparam1, LPARAM lparam2)
{
    (void)id;
    (void)lparam2;
    DWORD *cb = (DWORD *)lparam1;
    if (!cb)
        return MMSYSERR_INVALPARAM;
    size_t tags;
    ffacm_format_rows(&tags);
    /* Fill a complete copy in the caller's layout, then hand over what fits. */
    union {
        ffacm_driver_details_natural natural;
        ffacm_driver_details_packed packed;
    } d;
    memset(&d, 0, sizeof d);
    size_t size;
    if (*cb == sizeof(ffacm_driver_details_packed) &&
        sizeof(ffacm_driver_details_packed) != sizeof(ffacm_driver_details_natural)) {
        FILL_DETAILS(&d.packed);
        size = sizeof d.packed;
    } else {
        FILL_DETAILS(&d.natural);
        size = sizeof d.natural;
    }
    if (*cb < size)
        size = *cb;
    if (size < sizeof(DWORD))
        return MMSYSERR_INVALPARAM;
    d.natural.cbStruct = (DWORD)size;
    memcpy(cb, &d, size);
    return MMSYSERR_NOERROR;
}

LRESULT ffacm_on_driver_about(DWORD_PTR id, LPARAM lparam1, LPARAM lparam2)
{
    (void)id;
    (void)lparam2;
    /* lParam1 == -1 asks whether there is an about box: there is (config_dialog.c). */
    if (lparam1 == (LPARAM)-1)
        return MMSYSERR_NOERROR;
    ffacm_about_box((HWND)lparam1);
    return MMSYSERR_NOERROR;
}

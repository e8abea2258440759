/* Driver-side ACM declarations.  mingw-w64 ships msacm.h (the application side) but not
 * msacmdrv.h, so the messages and structures a driver receives are declared here from the
 * documented layouts.
 *
 * Packing: Microsoft's headers pack the ACM structures to 1 byte, Wine's use natural
 * alignment (except the stream header).  On x64 that changes the layout of every structure
 * with a pointer after a DWORD.  Both layouts are declared and the one the caller used is
 * picked by its cbStruct (see shared/acm-facts.md); on Win32 they are identical. */
#ifndef FFACM_ACMDRV_H
#define FFACM_ACMDRV_H

#include <windows.h>
#include <mmsystem.h>
#include <mmreg.h>
#include <msacm.h>

#define ACMDM_DRIVER_NOTIFY             (ACMDM_BASE + 1)
#define ACMDM_DRIVER_DETAILS            (ACMDM_BASE + 10)
#ifndef ACMDM_DRIVER_ABOUT
#define ACMDM_DRIVER_ABOUT              (ACMDM_BASE + 11)
#endif
#define ACMDM_HARDWARE_WAVE_CAPS_INPUT  (ACMDM_BASE + 20)
#define ACMDM_HARDWARE_WAVE_CAPS_OUTPUT (ACMDM_BASE + 21)
#define ACMDM_FORMATTAG_DETAILS         (ACMDM_BASE + 25)
#define ACMDM_FORMAT_DETAILS            (ACMDM_BASE + 26)
#define ACMDM_FORMAT_SUGGEST            (ACMDM_BASE + 27)
#define ACMDM_FILTERTAG_DETAILS         (ACMDM_BASE + 50)
#define ACMDM_FILTER_DETAILS            (ACMDM_BASE + 51)
#define ACMDM_STREAM_OPEN               (ACMDM_BASE + 76)
#define ACMDM_STREAM_CLOSE              (ACMDM_BASE + 77)
#define ACMDM_STREAM_SIZE               (ACMDM_BASE + 78)
#define ACMDM_STREAM_CONVERT            (ACMDM_BASE + 79)
#define ACMDM_STREAM_RESET              (ACMDM_BASE + 80)
#define ACMDM_STREAM_PREPARE            (ACMDM_BASE + 81)
#define ACMDM_STREAM_UNPREPARE          (ACMDM_BASE + 82)
#define ACMDM_STREAM_UPDATE             (ACMDM_BASE + 83)

#define FFACM_FOURCC(a, b, c, d) ((DWORD)(a) | (DWORD)(b) << 8 | (DWORD)(c) << 16 | (DWORD)(d) << 24)
#define ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC_VALUE FFACM_FOURCC('a', 'u', 'd', 'c')

/* DRV_OPEN's lParam2 (no pointer before a DWORD: one layout). */
typedef struct ffacm_open_desc {
    DWORD cbStruct;
    DWORD fccType;
    DWORD fccComp;
    DWORD dwVersion;
    DWORD dwFlags;
    DWORD dwError;
    LPCWSTR pszSectionName;
    LPCWSTR pszAliasName;
    DWORD dnDevNode;
} ffacm_open_desc;

/* ACMDRVSTREAMINSTANCE, natural alignment (Wine; 72 bytes on x64). */
typedef struct ffacm_stream_instance_natural {
    DWORD cbStruct;
    LPWAVEFORMATEX pwfxSrc;
    LPWAVEFORMATEX pwfxDst;
    LPWAVEFILTER pwfltr;
    DWORD_PTR dwCallback;
    DWORD_PTR dwInstance;
    DWORD fdwOpen;
    DWORD fdwDriver;
    DWORD_PTR dwDriver;
    HACMSTREAM has;
} ffacm_stream_instance_natural;

/* ACMDRVFORMATSUGGEST, natural alignment (Wine; 40 bytes on x64). */
typedef struct ffacm_format_suggest_natural {
    DWORD cbStruct;
    DWORD fdwSuggest;
    LPWAVEFORMATEX pwfxSrc;
    DWORD cbwfxSrc;
    LPWAVEFORMATEX pwfxDst;
    DWORD cbwfxDst;
} ffacm_format_suggest_natural;

/* ACMDRIVERDETAILSW, natural alignment (Wine; hicon at offset 40 on x64). */
typedef struct ffacm_driver_details_natural {
    DWORD cbStruct;
    DWORD fccType;
    DWORD fccComp;
    WORD wMid;
    WORD wPid;
    DWORD vdwACM;
    DWORD vdwDriver;
    DWORD fdwSupport;
    DWORD cFormatTags;
    DWORD cFilterTags;
    HICON hicon;
    WCHAR szShortName[ACMDRIVERDETAILS_SHORTNAME_CHARS];
    WCHAR szLongName[ACMDRIVERDETAILS_LONGNAME_CHARS];
    WCHAR szCopyright[ACMDRIVERDETAILS_COPYRIGHT_CHARS];
    WCHAR szLicensing[ACMDRIVERDETAILS_LICENSING_CHARS];
    WCHAR szFeatures[ACMDRIVERDETAILS_FEATURES_CHARS];
} ffacm_driver_details_natural;

#include <pshpack1.h>
typedef struct ffacm_stream_instance_packed {
    DWORD cbStruct;
    LPWAVEFORMATEX pwfxSrc;
    LPWAVEFORMATEX pwfxDst;
    LPWAVEFILTER pwfltr;
    DWORD_PTR dwCallback;
    DWORD_PTR dwInstance;
    DWORD fdwOpen;
    DWORD fdwDriver;
    DWORD_PTR dwDriver;
    HACMSTREAM has;
} ffacm_stream_instance_packed;

typedef struct ffacm_format_suggest_packed {
    DWORD cbStruct;
    DWORD fdwSuggest;
    LPWAVEFORMATEX pwfxSrc;
    DWORD cbwfxSrc;
    LPWAVEFORMATEX pwfxDst;
    DWORD cbwfxDst;
} ffacm_format_suggest_packed;

typedef struct ffacm_driver_details_packed {
    DWORD cbStruct;
    DWORD fccType;
    DWORD fccComp;
    WORD wMid;
    WORD wPid;
    DWORD vdwACM;
    DWORD vdwDriver;
    DWORD fdwSupport;
    DWORD cFormatTags;
    DWORD cFilterTags;
    HICON hicon;
    WCHAR szShortName[ACMDRIVERDETAILS_SHORTNAME_CHARS];
    WCHAR szLongName[ACMDRIVERDETAILS_LONGNAME_CHARS];
    WCHAR szCopyright[ACMDRIVERDETAILS_COPYRIGHT_CHARS];
    WCHAR szLicensing[ACMDRIVERDETAILS_LICENSING_CHARS];
    WCHAR szFeatures[ACMDRIVERDETAILS_FEATURES_CHARS];
} ffacm_driver_details_packed;

/* ACMDRVSTREAMHEADER: packed in every header (it overlays the caller's ACMSTREAMHEADER). */
typedef struct ffacm_stream_header {
    DWORD cbStruct;
    DWORD fdwStatus;
    DWORD_PTR dwUser;
    LPBYTE pbSrc;
    DWORD cbSrcLength;
    DWORD cbSrcLengthUsed;
    DWORD_PTR dwSrcUser;
    LPBYTE pbDst;
    DWORD cbDstLength;
    DWORD cbDstLengthUsed;
    DWORD_PTR dwDstUser;
    DWORD fdwConvert;
    void *padshNext;
    DWORD fdwDriver;
    DWORD_PTR dwDriver;
    DWORD fdwPrepared;
    DWORD_PTR dwPrepared;
    LPBYTE pbPreparedSrc;
    DWORD cbPreparedSrcLength;
    LPBYTE pbPreparedDst;
    DWORD cbPreparedDstLength;
} ffacm_stream_header;
#include <poppack.h>

/* ACMDRVSTREAMSIZE (DWORDs only: one layout). */
typedef struct ffacm_stream_size {
    DWORD cbStruct;
    DWORD fdwSize;
    DWORD cbSrcLength;
    DWORD cbDstLength;
} ffacm_stream_size;

/* The fields of ACMDRVSTREAMINSTANCE and ACMDRVFORMATSUGGEST in whichever layout the caller
 * used: read once into these, written back through the pointers they keep. */
typedef struct ffacm_instance_view {
    LPWAVEFORMATEX pwfxSrc;
    LPWAVEFORMATEX pwfxDst;
    LPWAVEFILTER pwfltr;
    DWORD fdwOpen;
    DWORD_PTR *dwDriver;
} ffacm_instance_view;

typedef struct ffacm_suggest_view {
    DWORD fdwSuggest;
    LPWAVEFORMATEX pwfxSrc;
    DWORD cbwfxSrc;
    LPWAVEFORMATEX pwfxDst;
    DWORD cbwfxDst;
} ffacm_suggest_view;

/* 0 on success, -1 when the structure is NULL or smaller than any known layout. */
int ffacm_read_instance(LPARAM lparam, ffacm_instance_view *view);
int ffacm_read_suggest(LPARAM lparam, ffacm_suggest_view *view);

#endif

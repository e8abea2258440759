/* The ACM rules of shared/acm-facts.md, checked through the real ACM manager (msacm32) and,
 * where a host can reach the driver only directly, through DriverProc itself.
 *
 * Usage: test_acm_rules.exe DRIVER.acm MEDIA...   (MEDIA: WAV/AVI files whose source format
 * is checked for suggest, query, size and open). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acm_util.h"
#include "riff_reader.h"
#include "../../bridge/acmdrv.h"

static int passed, failed;

#define CHECK(cond, ...)                                                     \
    do {                                                                     \
        if (cond) {                                                          \
            passed++;                                                        \
        } else {                                                             \
            failed++;                                                        \
            printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);            \
            printf(__VA_ARGS__);                                             \
            printf("\n");                                                    \
        }                                                                    \
    } while (0)

typedef LRESULT(WINAPI *driverproc_fn)(DWORD_PTR, HDRVR, UINT, LPARAM, LPARAM);

static HACMDRIVER had;
static driverproc_fn driver_proc;

/* ---- driver and tag details ---------------------------------------------------------- */

static DWORD tag_count;
static DWORD tags[256];
static DWORD tag_sizes[256];

static void check_details(HACMDRIVERID hadid)
{
    ACMDRIVERDETAILSW dd = { .cbStruct = sizeof dd };
    MMRESULT mr = acmDriverDetailsW(hadid, &dd, 0);
    CHECK(mr == 0, "acmDriverDetails %u", mr);
    char name[64];
    acmu_utf8(dd.szShortName, name, sizeof name);
    CHECK(strcmp(name, "ffacm") == 0, "short name '%s'", name);
    CHECK(dd.cFormatTags >= 2 && dd.cFormatTags <= 256, "cFormatTags %lu", (unsigned long)dd.cFormatTags);
    tag_count = dd.cFormatTags;

    for (DWORD i = 0; i < tag_count; i++) {
        ACMFORMATTAGDETAILSW td = { .cbStruct = sizeof td, .dwFormatTagIndex = i };
        mr = acmFormatTagDetailsW(had, &td, ACM_FORMATTAGDETAILSF_INDEX);
        CHECK(mr == 0, "tag index %lu: %u", (unsigned long)i, mr);
        tags[i] = td.dwFormatTag;
        tag_sizes[i] = td.cbFormatSize;
        CHECK(td.dwFormatTagIndex == i, "index echo");
        if (i == 0)
            CHECK(td.dwFormatTag == WAVE_FORMAT_PCM, "PCM must be tag index 0, got 0x%lx", (unsigned long)td.dwFormatTag);
        ACMFORMATTAGDETAILSW by_tag = { .cbStruct = sizeof by_tag, .dwFormatTag = td.dwFormatTag };
        CHECK(acmFormatTagDetailsW(had, &by_tag, ACM_FORMATTAGDETAILSF_FORMATTAG) == 0 &&
                  by_tag.dwFormatTagIndex == i,
              "FORMATTAG 0x%lx", (unsigned long)td.dwFormatTag);
        ACMFORMATTAGDETAILSW largest = { .cbStruct = sizeof largest, .dwFormatTag = td.dwFormatTag };
        CHECK(acmFormatTagDetailsW(had, &largest, ACM_FORMATTAGDETAILSF_LARGESTSIZE) == 0,
              "LARGESTSIZE 0x%lx", (unsigned long)td.dwFormatTag);
    }
    ACMFORMATTAGDETAILSW none = { .cbStruct = sizeof none, .dwFormatTagIndex = tag_count };
    CHECK(acmFormatTagDetailsW(had, &none, ACM_FORMATTAGDETAILSF_INDEX) == ACMERR_NOTPOSSIBLE, "index past end");
    ACMFORMATTAGDETAILSW unknown = { .cbStruct = sizeof unknown, .dwFormatTag = 0x7777 };
    CHECK(acmFormatTagDetailsW(had, &unknown, ACM_FORMATTAGDETAILSF_FORMATTAG) == ACMERR_NOTPOSSIBLE, "unknown tag");
    ACMFORMATTAGDETAILSW any = { .cbStruct = sizeof any, .dwFormatTag = WAVE_FORMAT_UNKNOWN };
    CHECK(acmFormatTagDetailsW(had, &any, ACM_FORMATTAGDETAILSF_LARGESTSIZE) == 0, "LARGESTSIZE over all tags");
    DWORD largest = 0;
    for (DWORD i = 0; i < tag_count; i++)
        largest = tag_sizes[i] > largest ? tag_sizes[i] : largest;
    CHECK(any.cbFormatSize == largest, "largest %lu vs %lu", (unsigned long)any.cbFormatSize, (unsigned long)largest);
    CHECK(driver_proc(1, NULL, ACMDM_FORMATTAG_DETAILS, (LPARAM)&any, 0x7) == MMSYSERR_NOTSUPPORTED,
          "unknown FORMATTAG query flag");
}

/* ---- enumerated formats --------------------------------------------------------------- */

/* KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_DIGITAL_PLUS: E-AC-3 under WAVE_FORMAT_EXTENSIBLE. */
static const GUID guid_eac3 = { 0xA7FB87AF, 0x2D02, 0x42FB, { 0xA4, 0xD4, 0x05, 0xCD, 0x93, 0x84, 0x3B, 0xDD } };

/* The driver's largest format (acmMetrics MAX_SIZE_FORMAT): what hosts size format buffers by. */
static DWORD largest_format(void)
{
    DWORD size = 0;
    acmMetrics((HACMOBJ)had, ACM_METRIC_MAX_SIZE_FORMAT, &size);
    return size;
}

/* FORMAT_SUGGEST from PCM to an extensible destination: with the E-AC-3 subformat ffacm picks
 * an E-AC-3 format (honouring the other restrictions) that opens; without one, nothing. */
static void check_extensible_suggest(void)
{
    WAVEFORMATEX pcm = { WAVE_FORMAT_PCM, 2, 48000, 192000, 4, 16, 0 };
    union {
        WAVEFORMATEXTENSIBLE x;
        BYTE bytes[512];
    } dst;
    DWORD size = largest_format();
    CHECK(size >= sizeof dst.x && size <= sizeof dst, "largest format %lu", (unsigned long)size);
    memset(&dst, 0, sizeof dst);
    dst.x.Format.wFormatTag = WAVE_FORMAT_EXTENSIBLE;
    CHECK(acmFormatSuggest(had, &pcm, &dst.x.Format, size, ACM_FORMATSUGGESTF_WFORMATTAG) != 0,
          "bare 0xFFFE destination suggested as an encoding");
    for (int restricted = 0; restricted < 2; restricted++) {
        memset(&dst, 0, sizeof dst);
        dst.x.Format.wFormatTag = WAVE_FORMAT_EXTENSIBLE;
        dst.x.Format.cbSize = 22;
        dst.x.SubFormat = guid_eac3;
        DWORD flags = ACM_FORMATSUGGESTF_WFORMATTAG;
        if (restricted) {
            dst.x.Format.nChannels = 1;
            dst.x.Format.nSamplesPerSec = 32000;
            flags |= ACM_FORMATSUGGESTF_NCHANNELS | ACM_FORMATSUGGESTF_NSAMPLESPERSEC;
        }
        MMRESULT mr = acmFormatSuggest(had, &pcm, &dst.x.Format, size, flags);
        CHECK(mr == 0, "E-AC-3 suggestion (restricted %d): %u", restricted, mr);
        if (mr)
            continue;
        CHECK(dst.x.Format.wFormatTag == WAVE_FORMAT_EXTENSIBLE && dst.x.Format.cbSize == 22 &&
                  IsEqualGUID(&dst.x.SubFormat, &guid_eac3) &&
                  dst.x.Format.nChannels == (restricted ? 1 : 2) &&
                  dst.x.Format.nSamplesPerSec == (restricted ? 32000u : 48000u) && dst.x.Format.nAvgBytesPerSec,
              "E-AC-3 suggestion (restricted %d): %u ch %lu Hz", restricted, dst.x.Format.nChannels,
              (unsigned long)dst.x.Format.nSamplesPerSec);
        WAVEFORMATEX own = { WAVE_FORMAT_PCM, dst.x.Format.nChannels, dst.x.Format.nSamplesPerSec,
                             dst.x.Format.nSamplesPerSec * dst.x.Format.nChannels * 2u,
                             (WORD)(dst.x.Format.nChannels * 2), 16, 0 };
        CHECK(acmStreamOpen(NULL, had, &own, &dst.x.Format, NULL, 0, 0, ACM_STREAMOPENF_QUERY) == 0,
              "suggested E-AC-3 format does not open (restricted %d)", restricted);
    }
}

/* A tag ffacm encodes to: it suggests a format of that tag for 16-bit stereo PCM. */
static int encoder_tag(DWORD tag)
{
    if (tag == WAVE_FORMAT_PCM || tag == WAVE_FORMAT_IEEE_FLOAT || tag == WAVE_FORMAT_EXTENSIBLE)
        return 0;
    WAVEFORMATEX pcm = { WAVE_FORMAT_PCM, 2, 48000, 192000, 4, 16, 0 };
    union {
        WAVEFORMATEX wfx;
        BYTE bytes[512];
    } dst;
    DWORD size = largest_format();
    memset(&dst, 0, sizeof dst);
    dst.wfx.wFormatTag = (WORD)tag;
    return size <= sizeof dst &&
           acmFormatSuggest(had, &pcm, &dst.wfx, size, ACM_FORMATSUGGESTF_WFORMATTAG) == MMSYSERR_NOERROR;
}

static void check_formats(void)
{
    BYTE buf[1024];
    for (DWORD t = 0; t < tag_count; t++) {
        ACMFORMATTAGDETAILSW td = { .cbStruct = sizeof td, .dwFormatTag = tags[t] };
        acmFormatTagDetailsW(had, &td, ACM_FORMATTAGDETAILSF_FORMATTAG);
        for (DWORD i = 0; i < td.cStandardFormats; i++) {
            WAVEFORMATEX *wfx = (WAVEFORMATEX *)buf;
            memset(buf, 0xCC, sizeof buf);
            ACMFORMATDETAILSW fd = { .cbStruct = sizeof fd, .dwFormatTag = tags[t], .dwFormatIndex = i,
                                     .pwfx = wfx, .cbwfx = td.cbFormatSize };
            MMRESULT mr = acmFormatDetailsW(had, &fd, ACM_FORMATDETAILSF_INDEX);
            CHECK(mr == 0, "tag 0x%lx format %lu: %u", (unsigned long)tags[t], (unsigned long)i, mr);
            if (mr)
                continue;
            CHECK(wfx->wFormatTag == tags[t], "tag of format %lu", (unsigned long)i);
            if (tags[t] != WAVE_FORMAT_PCM)
                CHECK(wfx->cbSize == td.cbFormatSize - sizeof(WAVEFORMATEX), "tag 0x%lx cbSize %u vs %lu",
                      (unsigned long)tags[t], wfx->cbSize, (unsigned long)td.cbFormatSize);
            CHECK(wfx->nChannels && wfx->nSamplesPerSec && wfx->nBlockAlign, "fields of format %lu", (unsigned long)i);
            ACMFORMATDETAILSW back = { .cbStruct = sizeof back, .dwFormatTag = tags[t], .pwfx = wfx,
                                       .cbwfx = td.cbFormatSize };
            CHECK(acmFormatDetailsW(had, &back, ACM_FORMATDETAILSF_FORMAT) == 0,
                  "enumerated format %lu of 0x%lx not accepted back", (unsigned long)i, (unsigned long)tags[t]);
            /* An encoder's every standard format opens from 16-bit PCM of its rate and channels
             * (under 0xFFFE: the E-AC-3 ones, listed after extensible PCM). */
            if (encoder_tag(tags[t]) || (tags[t] == WAVE_FORMAT_EXTENSIBLE && wfx->cbSize >= 22 &&
                                         IsEqualGUID(&((WAVEFORMATEXTENSIBLE *)wfx)->SubFormat, &guid_eac3))) {
                WAVEFORMATEX pcm = { WAVE_FORMAT_PCM, wfx->nChannels, wfx->nSamplesPerSec,
                                     wfx->nSamplesPerSec * wfx->nChannels * 2u, (WORD)(wfx->nChannels * 2), 16, 0 };
                MMRESULT q = acmStreamOpen(NULL, had, &pcm, wfx, NULL, 0, 0, ACM_STREAMOPENF_QUERY);
                CHECK(q == 0, "encoder format %lu of 0x%lx: query open from PCM %u", (unsigned long)i,
                      (unsigned long)tags[t], q);
            }
        }
        ACMFORMATDETAILSW past = { .cbStruct = sizeof past, .dwFormatTag = tags[t],
                                   .dwFormatIndex = td.cStandardFormats, .pwfx = (WAVEFORMATEX *)buf,
                                   .cbwfx = sizeof buf };
        /* Wine's msacm answers INVALPARAM here before asking the driver; the driver's own
         * answer is checked directly. */
        CHECK(acmFormatDetailsW(had, &past, ACM_FORMATDETAILSF_INDEX) != 0, "format past end of 0x%lx",
              (unsigned long)tags[t]);
        CHECK(driver_proc(1, NULL, ACMDM_FORMAT_DETAILS, (LPARAM)&past, ACM_FORMATDETAILSF_INDEX) == ACMERR_NOTPOSSIBLE,
              "driver: format past end of 0x%lx", (unsigned long)tags[t]);
        /* An all-zero format of the tag (cbSize 0) is not a format. */
        memset(buf, 0, sizeof buf);
        ((WAVEFORMATEX *)buf)->wFormatTag = (WORD)tags[t];
        ACMFORMATDETAILSW zero = { .cbStruct = sizeof zero, .dwFormatTag = tags[t], .pwfx = (WAVEFORMATEX *)buf,
                                   .cbwfx = td.cbFormatSize };
        CHECK(acmFormatDetailsW(had, &zero, ACM_FORMATDETAILSF_FORMAT) == ACMERR_NOTPOSSIBLE,
              "all-zero format of tag 0x%lx accepted", (unsigned long)tags[t]);
    }
    /* PCM formats may be asked for with a 16-byte PCMWAVEFORMAT. */
    PCMWAVEFORMAT pcm;
    ACMFORMATDETAILSW small = { .cbStruct = sizeof small, .dwFormatTag = WAVE_FORMAT_PCM, .pwfx = (WAVEFORMATEX *)&pcm,
                                .cbwfx = sizeof pcm };
    CHECK(acmFormatDetailsW(had, &small, ACM_FORMATDETAILSF_INDEX) == 0, "PCM in 16 bytes");
}

/* ---- per-file rules: suggest, query, size, open ------------------------------------------ */

/* msacm refuses a suggestion buffer smaller than the driver's largest format (or, with a tag
 * restriction, that tag's largest), so hosts size it with acmMetrics. */
static MMRESULT suggest(const WAVEFORMATEX *src, WAVEFORMATEX *dst, DWORD flags)
{
    DWORD size = largest_format();
    CHECK(size >= sizeof(WAVEFORMATEXTENSIBLE) && size <= 512, "MAX_SIZE_FORMAT %lu", (unsigned long)size);
    return acmFormatSuggest(had, (WAVEFORMATEX *)src, dst, size, flags);
}

static void check_file(const char *path)
{
    riff_input in;
    memset(&in, 0, sizeof in);
    if (riff_open(&in, path) < 0) {
        CHECK(0, "cannot read %s", path);
        return;
    }
    const WAVEFORMATEX *src = in.wfx;
    union {
        WAVEFORMATEXTENSIBLE ext;
        BYTE bytes[512];
    } dstx;
    WAVEFORMATEX *dst = &dstx.ext.Format;
    if (src->wFormatTag == WAVE_FORMAT_PCM) {
        memset(&dstx, 0, sizeof dstx);
        CHECK(suggest(src, dst, 0) != 0, "%s: PCM source suggested", path);
        riff_close(&in);
        return;
    }
    memset(&dstx, 0, sizeof dstx);
    MMRESULT smr = suggest(src, dst, 0);
    CHECK(smr == 0, "%s: suggest %u", path, smr);
    int extensible = dst->wFormatTag == WAVE_FORMAT_EXTENSIBLE;
    CHECK(dst->wBitsPerSample == 16 && (dst->wFormatTag == WAVE_FORMAT_PCM || extensible), "%s: default is 16-bit PCM", path);
    CHECK(extensible == (dst->nChannels > 2), "%s: extensible iff > 2 channels (%u)", path, dst->nChannels);
    WAVEFORMATEX base = *dst;

    /* Each restriction is honoured. */
    memset(&dstx, 0, sizeof dstx);
    dst->nChannels = 1;
    CHECK(suggest(src, dst, ACM_FORMATSUGGESTF_NCHANNELS) == 0 && dst->nChannels == 1, "%s: NCHANNELS", path);
    memset(&dstx, 0, sizeof dstx);
    dst->nSamplesPerSec = 22050;
    CHECK(suggest(src, dst, ACM_FORMATSUGGESTF_NSAMPLESPERSEC) == 0 && dst->nSamplesPerSec == 22050, "%s: NSAMPLESPERSEC", path);
    memset(&dstx, 0, sizeof dstx);
    dst->wBitsPerSample = 24;
    CHECK(suggest(src, dst, ACM_FORMATSUGGESTF_WBITSPERSAMPLE) == 0 && dst->wBitsPerSample == 24, "%s: WBITSPERSAMPLE", path);
    memset(&dstx, 0, sizeof dstx);
    dst->wFormatTag = WAVE_FORMAT_IEEE_FLOAT;
    CHECK(suggest(src, dst, ACM_FORMATSUGGESTF_WFORMATTAG) == 0 && dst->wFormatTag == WAVE_FORMAT_IEEE_FLOAT &&
              dst->wBitsPerSample == 32, "%s: WFORMATTAG float", path);
    memset(&dstx, 0, sizeof dstx);
    /* The codec's own tag (for an extensible source, the one its subformat GUID carries). */
    dst->wFormatTag = src->wFormatTag == WAVE_FORMAT_EXTENSIBLE
                          ? (WORD)((const WAVEFORMATEXTENSIBLE *)src)->SubFormat.Data1
                          : src->wFormatTag;
    CHECK(suggest(src, dst, ACM_FORMATSUGGESTF_WFORMATTAG) != 0, "%s: same-tag suggestion from a codec", path);

    /* Query opens and STREAM_SIZE. */
    *dst = base;
    if (extensible)
        suggest(src, dst, 0);
    HACMSTREAM has = NULL;
    MMRESULT mr = acmStreamOpen(NULL, had, (WAVEFORMATEX *)src, dst, NULL, 0, 0, ACM_STREAMOPENF_QUERY);
    CHECK(mr == 0, "%s: query %u, dst tag 0x%x %u ch %lu Hz %u bits align %u avg %lu cb %u", path, mr, dst->wFormatTag,
          dst->nChannels, (unsigned long)dst->nSamplesPerSec, dst->wBitsPerSample, dst->nBlockAlign,
          (unsigned long)dst->nAvgBytesPerSec, dst->cbSize);
    CHECK(acmStreamOpen(&has, had, (WAVEFORMATEX *)src, dst, NULL, 0, 0, ACM_STREAMOPENF_ASYNC) != 0, "%s: async accepted", path);
    mr = acmStreamOpen(&has, had, (WAVEFORMATEX *)src, dst, NULL, 0, 0, ACM_STREAMOPENF_NONREALTIME);
    CHECK(mr == 0, "%s: open %u", path, mr);
    if (mr == 0) {
        static const DWORD sizes[] = { 1, 417, 4096, 65536, 1 << 20 };
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            DWORD out = 0, back = 0;
            CHECK(acmStreamSize(has, sizes[i], &out, ACM_STREAMSIZEF_SOURCE) == 0 && out > 0, "%s: SOURCE %lu", path,
                  (unsigned long)sizes[i]);
            CHECK(out % dst->nBlockAlign == 0, "%s: SOURCE bound not block aligned", path);
            mr = acmStreamSize(has, out, &back, ACM_STREAMSIZEF_DESTINATION);
            CHECK(mr == 0 && back > 0, "%s: DESTINATION %lu: %u", path, (unsigned long)out, mr);
            DWORD again = 0;
            if (mr == 0)
                CHECK(acmStreamSize(has, back, &again, ACM_STREAMSIZEF_SOURCE) == 0 && again <= out,
                      "%s: SOURCE(DESTINATION(%lu)) = %lu", path, (unsigned long)out, (unsigned long)again);
        }
        CHECK(acmStreamClose(has, 0) == 0, "%s: close", path);
    }
    riff_close(&in);
}

/* ---- hostile formats: refused at open, never a crash ------------------------------------- */

static void expect_refused(const char *what, const void *fmt)
{
    WAVEFORMATEX pcm = { WAVE_FORMAT_PCM, 2, 44100, 176400, 4, 16, 0 };
    HACMSTREAM has = NULL;
    MMRESULT q = acmStreamOpen(NULL, had, (WAVEFORMATEX *)fmt, &pcm, NULL, 0, 0, ACM_STREAMOPENF_QUERY);
    MMRESULT o = acmStreamOpen(&has, had, (WAVEFORMATEX *)fmt, &pcm, NULL, 0, 0, 0);
    CHECK(q == ACMERR_NOTPOSSIBLE && o == ACMERR_NOTPOSSIBLE, "%s: query %u open %u", what, q, o);
    if (o == 0)
        acmStreamClose(has, 0);
}

static void check_hostile(void)
{
    BYTE b[256];
    WAVEFORMATEX *w = (WAVEFORMATEX *)b;
#define RESET(tag, ch, rate, cb) (memset(b, 0, sizeof b), w->wFormatTag = (tag), w->nChannels = (ch), \
                                  w->nSamplesPerSec = (rate), w->nBlockAlign = 1, w->cbSize = (cb))
    RESET(0x0055, 0, 44100, 12); expect_refused("mp3 0 channels", b);
    RESET(0x0055, 2, 0, 12); expect_refused("mp3 rate 0", b);
    RESET(0x0055, 9, 44100, 12); expect_refused("mp3 9 channels", b);
    RESET(0x00FF, 2, 44100, 2); b[18] = 0; b[19] = 0; expect_refused("aac ASC of zeros", b);
    RESET(0x00FF, 2, 44100, 2); b[18] = 0x17; b[19] = 0x90; expect_refused("aac reserved rate index", b);
    RESET(0x1610, 2, 44100, 4); expect_refused("heaac without HEAACWAVEINFO", b);
    RESET(0x1610, 2, 44100, 14); b[18] = 2; expect_refused("heaac ADIF payload", b);
    RESET(0xF1AC, 2, 44100, 0); expect_refused("flac without STREAMINFO", b);
    RESET(0xF1AC, 2, 44100, 34); expect_refused("flac STREAMINFO of zeros", b);
    RESET(0x704F, 2, 48000, 19); memcpy(b + 18, "OpusHeaX", 8); expect_refused("opus bad magic", b);
    RESET(0x704F, 6, 48000, 19); memcpy(b + 18, "OpusHead", 8); b[26] = 1; b[27] = 6;
    expect_refused("opus 6 channels without mapping", b);
    RESET(0x566F, 2, 44100, 40); b[18] = 2; b[19] = 30; b[20] = 200; expect_refused("vorbis lacing beyond cbSize", b);
    RESET(0x566F, 2, 44100, 0); expect_refused("vorbis without headers", b);
    RESET(0xFFFE, 2, 44100, 10); expect_refused("extensible shorter than 22 bytes", b);
    RESET(0x1234, 2, 44100, 0); expect_refused("unknown tag", b);
#undef RESET
}

/* ---- DriverProc directly: the NULL-lParam2 open and both structure layouts ----------------- */

#include <pshpack1.h>
typedef struct { DWORD cbStruct; LPWAVEFORMATEX src, dst; LPWAVEFILTER flt; DWORD_PTR cb, inst; DWORD fdwOpen, fdwDriver;
                 DWORD_PTR dwDriver; HACMSTREAM has; } instance_packed;
typedef struct { DWORD cbStruct, fdwSuggest; LPWAVEFORMATEX src; DWORD cbSrc; LPWAVEFORMATEX dst; DWORD cbDst; } suggest_packed;
#include <poppack.h>
typedef struct { DWORD cbStruct; LPWAVEFORMATEX src, dst; LPWAVEFILTER flt; DWORD_PTR cb, inst; DWORD fdwOpen, fdwDriver;
                 DWORD_PTR dwDriver; HACMSTREAM has; } instance_natural;
typedef struct { DWORD cbStruct, fdwSuggest; LPWAVEFORMATEX src; DWORD cbSrc; LPWAVEFORMATEX dst; DWORD cbDst; } suggest_natural;

static void check_direct(void)
{
    LRESULT id = driver_proc(0, NULL, DRV_OPEN, 0, 0);
    CHECK(id != 0, "DRV_OPEN with NULL lParam2");
    ACMFORMATTAGDETAILSW td = { .cbStruct = sizeof td };
    CHECK(driver_proc(id, NULL, ACMDM_FORMATTAG_DETAILS, (LPARAM)&td, ACM_FORMATTAGDETAILSF_INDEX) == 0,
          "ACM message on the NULL-lParam2 instance");
    CHECK(driver_proc(id, NULL, ACMDM_FILTERTAG_DETAILS, 0, 0) == MMSYSERR_NOTSUPPORTED, "filters");
    CHECK(driver_proc(id, NULL, ACMDM_STREAM_PREPARE, 0, 0) == MMSYSERR_NOTSUPPORTED, "prepare");
    /* ffacm has an about box and a settings dialog (bridge/config_dialog.c). */
    CHECK(driver_proc(id, NULL, ACMDM_DRIVER_ABOUT, (LPARAM)-1, 0) == MMSYSERR_NOERROR, "about query");
    CHECK(driver_proc(id, NULL, DRV_QUERYCONFIGURE, 0, 0) != 0, "configure query");

    /* MP3 44.1 kHz stereo, with MPEGLAYER3WAVEFORMAT extra bytes. */
    BYTE mp3[30] = { 0 };
    WAVEFORMATEX *src = (WAVEFORMATEX *)mp3;
    src->wFormatTag = 0x55; src->nChannels = 2; src->nSamplesPerSec = 44100; src->nAvgBytesPerSec = 16000;
    src->nBlockAlign = 1; src->cbSize = 12;
    WAVEFORMATEX pcm = { WAVE_FORMAT_PCM, 2, 44100, 176400, 4, 16, 0 };
    WAVEFORMATEX out;

    instance_packed ip = { .cbStruct = sizeof ip, .src = src, .dst = &pcm };
    instance_natural in = { .cbStruct = sizeof in, .src = src, .dst = &pcm };
    CHECK(driver_proc(id, NULL, ACMDM_STREAM_OPEN, (LPARAM)&ip, 0) == 0 && ip.dwDriver, "open, packed instance (%u bytes)",
          (unsigned)sizeof ip);
    CHECK(driver_proc(id, NULL, ACMDM_STREAM_CLOSE, (LPARAM)&ip, 0) == 0 && !ip.dwDriver, "close, packed instance");
    CHECK(driver_proc(id, NULL, ACMDM_STREAM_OPEN, (LPARAM)&in, 0) == 0 && in.dwDriver, "open, natural instance (%u bytes)",
          (unsigned)sizeof in);
    CHECK(driver_proc(id, NULL, ACMDM_STREAM_CLOSE, (LPARAM)&in, 0) == 0, "close, natural instance");
    CHECK(driver_proc(id, NULL, ACMDM_STREAM_CLOSE, (LPARAM)&in, 0) == 0, "double close is harmless");
    in.fdwOpen = ACM_STREAMOPENF_QUERY;
    CHECK(driver_proc(id, NULL, ACMDM_STREAM_OPEN, (LPARAM)&in, 0) == 0 && !in.dwDriver, "query stores nothing");

    memset(&out, 0, sizeof out);
    suggest_packed sp = { sizeof sp, 0, src, sizeof mp3, &out, sizeof out };
    CHECK(driver_proc(id, NULL, ACMDM_FORMAT_SUGGEST, (LPARAM)&sp, 0) == 0 && out.wFormatTag == WAVE_FORMAT_PCM &&
              out.nSamplesPerSec == 44100, "suggest, packed (%u bytes)", (unsigned)sizeof sp);
    memset(&out, 0, sizeof out);
    suggest_natural sn = { sizeof sn, 0, src, sizeof mp3, &out, sizeof out };
    CHECK(driver_proc(id, NULL, ACMDM_FORMAT_SUGGEST, (LPARAM)&sn, 0) == 0 && out.wFormatTag == WAVE_FORMAT_PCM &&
              out.nChannels == 2, "suggest, natural (%u bytes)", (unsigned)sizeof sn);
    memset(mp3, 0, sizeof mp3);
    CHECK(driver_proc(id, NULL, ACMDM_FORMAT_SUGGEST, (LPARAM)&sn, 0) == ACMERR_NOTPOSSIBLE, "all-zero source");
    CHECK(driver_proc(id, NULL, ACMDM_STREAM_CONVERT, (LPARAM)&in, 0) != 0, "convert with no header");
    CHECK(driver_proc(id, NULL, DRV_CLOSE, 0, 0) != 0, "DRV_CLOSE");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_acm_rules DRIVER.acm [MEDIA...]\n");
        return 2;
    }
    acmu_driver drv;
    if (acmu_driver_add(&drv, argv[1], 1) < 0)
        return 1;
    had = drv.had;
    driver_proc = (driverproc_fn)(void (*)(void))GetProcAddress(drv.module, "DriverProc");
    check_details(drv.hadid);
    check_formats();
    check_extensible_suggest();
    for (int i = 2; i < argc; i++)
        check_file(argv[i]);
    check_hostile();
    check_direct();
    acmu_driver_release(&drv);
    printf("test_acm_rules: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}

/*
 * test_acm_conformance.c - the rules of shared/acm-facts.md checked for EVERY format ffacm
 * enumerates (every tag, every format index), through the installed driver as hosts see it.
 * tests/wine/test_acm_rules.c checks the same rules for the formats of the test files; this
 * sweep also covers the standard formats nobody has a file for, and whatever encoders add.
 *
 * Per enumerated format:
 *   - FORMAT_DETAILS(INDEX) then FORMAT_DETAILS(FORMAT) of the result: accepted, same text;
 *     tag, index and cbSize (= cbFormatSize - 18) consistent; PCM arithmetic consistent;
 *   - compressed (decode) formats: default suggestion = 16-bit PCM, same rate and channels
 *     (extensible iff > 2 channels); NCHANNELS / NSAMPLESPERSEC / WBITSPERSAMPLE / WFORMATTAG
 *     restrictions honoured; no same-tag suggestion; QUERY open to the suggestion succeeds on
 *     ffacm and through the NULL driver; a real open answers STREAM_SIZE never 0, block
 *     aligned, and SOURCE(DESTINATION(x)) <= x;
 *   - where ffacm also encodes a compressed format (QUERY open from PCM of its rate and
 *     channels), the encode stream obeys the same STREAM_SIZE rules;
 *   - PCM-side formats: whatever ffacm suggests from them must QUERY-open;
 * per tag: an all-zero format of the tag is refused (FORMAT_DETAILS, QUERY open, suggest).
 *
 * usage: test_acm_conformance.exe
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_common.h"

#define MAX_FMT 1024

static HACMDRIVER had;
static DWORD max_fmt;
static unsigned long n_formats, n_decode, n_encode;

static const GUID ksdataformat_tail = { 0, 0x0000, 0x0010, { 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71 } };

/* The tag a format really carries (through WAVE_FORMAT_EXTENSIBLE's subformat GUID). */
static DWORD real_tag(const WAVEFORMATEX *w)
{
    if (w->wFormatTag != WAVE_FORMAT_EXTENSIBLE || w->cbSize < 22)
        return w->wFormatTag;
    const WAVEFORMATEXTENSIBLE *x = (const WAVEFORMATEXTENSIBLE *)w;
    if (memcmp(&x->SubFormat.Data2, &ksdataformat_tail.Data2, sizeof(GUID) - sizeof(DWORD)))
        return 0xFFFFFFFF;
    return x->SubFormat.Data1 & 0xFFFF;
}

static int is_pcm_side(const WAVEFORMATEX *w)
{
    DWORD t = real_tag(w);
    return t == WAVE_FORMAT_PCM || t == WAVE_FORMAT_IEEE_FLOAT;
}

static MMRESULT suggest(const WAVEFORMATEX *src, BYTE *dst, DWORD flags)
{
    return acmFormatSuggest(had, (WAVEFORMATEX *)src, (WAVEFORMATEX *)dst, max_fmt, flags);
}

/* Full open of SRC -> DST and the STREAM_SIZE rules; ALIGNED: SOURCE answers must be whole
 * destination blocks (PCM destinations). */
static void check_sizes(const char *what, const WAVEFORMATEX *src, const WAVEFORMATEX *dst, int aligned)
{
    HACMSTREAM has = NULL;
    MMRESULT mr = acmStreamOpen(&has, had, (WAVEFORMATEX *)src, (WAVEFORMATEX *)dst, NULL, 0, 0,
                                ACM_STREAMOPENF_NONREALTIME);
    HOST_CHECK(mr == 0, "%s: open %u", what, mr);
    if (mr)
        return;
    const DWORD sizes[] = { 1, src->nBlockAlign ? src->nBlockAlign : 1, 4096, 65536, 1u << 20 };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        DWORD out = 0, back = 0, again = 0;
        mr = acmStreamSize(has, sizes[i], &out, ACM_STREAMSIZEF_SOURCE);
        HOST_CHECK(mr == 0 && out > 0, "%s: SOURCE(%lu) = %lu rc %u", what, (unsigned long)sizes[i],
                   (unsigned long)out, mr);
        if (mr || !out)
            continue;
        if (aligned)
            HOST_CHECK(out % dst->nBlockAlign == 0, "%s: SOURCE(%lu) = %lu not aligned to %u", what,
                       (unsigned long)sizes[i], (unsigned long)out, dst->nBlockAlign);
        mr = acmStreamSize(has, out, &back, ACM_STREAMSIZEF_DESTINATION);
        HOST_CHECK(mr == 0 && back > 0, "%s: DESTINATION(%lu) = %lu rc %u", what, (unsigned long)out,
                   (unsigned long)back, mr);
        if (mr || !back)
            continue;
        mr = acmStreamSize(has, back, &again, ACM_STREAMSIZEF_SOURCE);
        HOST_CHECK(mr == 0 && again <= out, "%s: SOURCE(DESTINATION(%lu)) = %lu", what, (unsigned long)out,
                   (unsigned long)again);
    }
    HOST_CHECK(acmStreamClose(has, 0) == 0, "%s: close", what);
}

static void check_decode_format(const char *what, const WAVEFORMATEX *w)
{
    BYTE dst[MAX_FMT];
    WAVEFORMATEX *d = (WAVEFORMATEX *)dst;
    n_decode++;
    memset(dst, 0, sizeof dst);
    MMRESULT mr = suggest(w, dst, 0);
    HOST_CHECK(mr == 0, "%s: default suggestion %u", what, mr);
    if (mr)
        return;
    int ext = d->wFormatTag == WAVE_FORMAT_EXTENSIBLE;
    HOST_CHECK(real_tag(d) == WAVE_FORMAT_PCM && d->wBitsPerSample == 16, "%s: default is not 16-bit PCM", what);
    HOST_CHECK(d->nChannels == w->nChannels && d->nSamplesPerSec == w->nSamplesPerSec,
               "%s: default %u ch %lu Hz", what, d->nChannels, (unsigned long)d->nSamplesPerSec);
    HOST_CHECK(ext == (d->nChannels > 2), "%s: extensible iff > 2 channels", what);
    HOST_CHECK(d->nBlockAlign == d->nChannels * 2 && d->nAvgBytesPerSec == d->nSamplesPerSec * d->nBlockAlign,
               "%s: PCM arithmetic of the suggestion", what);

    HOST_CHECK(acmStreamOpen(NULL, had, (WAVEFORMATEX *)w, d, NULL, 0, 0, ACM_STREAMOPENF_QUERY) == 0,
               "%s: QUERY open on ffacm", what);
    HOST_CHECK(acmStreamOpen(NULL, NULL, (WAVEFORMATEX *)w, d, NULL, 0, 0, ACM_STREAMOPENF_QUERY) == 0,
               "%s: QUERY open through the NULL driver", what);
    check_sizes(what, w, d, 1);

    /* The encode direction, where ffacm has an encoder for this format: PCM of the format's
     * own rate and channels must open, and answer STREAM_SIZE by the same rules. */
    WAVEFORMATEX own = { WAVE_FORMAT_PCM, w->nChannels, w->nSamplesPerSec,
                         w->nSamplesPerSec * w->nChannels * 2u, (WORD)(w->nChannels * 2u), 16, 0 };
    if (w->nChannels <= 2 &&
        acmStreamOpen(NULL, had, &own, (WAVEFORMATEX *)w, NULL, 0, 0, ACM_STREAMOPENF_QUERY) == 0) {
        char ewhat[128];
        snprintf(ewhat, sizeof ewhat, "%s (encode)", what);
        n_encode++;
        check_sizes(ewhat, &own, w, 0);
    }

    struct { DWORD flag; const char *name; } r[] = {
        { ACM_FORMATSUGGESTF_NCHANNELS, "NCHANNELS" }, { ACM_FORMATSUGGESTF_NSAMPLESPERSEC, "NSAMPLESPERSEC" },
        { ACM_FORMATSUGGESTF_WBITSPERSAMPLE, "WBITSPERSAMPLE" }, { ACM_FORMATSUGGESTF_WFORMATTAG, "WFORMATTAG" },
    };
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++) {
        memset(dst, 0, sizeof dst);
        d->nChannels = 1;
        d->nSamplesPerSec = w->nSamplesPerSec == 22050 ? 32000 : 22050;
        d->wBitsPerSample = 24;
        d->wFormatTag = WAVE_FORMAT_IEEE_FLOAT;
        WAVEFORMATEX want = *d;
        mr = suggest(w, dst, r[i].flag);
        HOST_CHECK(mr == 0, "%s: suggest %s: %u", what, r[i].name, mr);
        if (mr)
            continue;
        switch (r[i].flag) {
        case ACM_FORMATSUGGESTF_NCHANNELS:
            HOST_CHECK(d->nChannels == want.nChannels, "%s: NCHANNELS ignored", what);
            break;
        case ACM_FORMATSUGGESTF_NSAMPLESPERSEC:
            HOST_CHECK(d->nSamplesPerSec == want.nSamplesPerSec, "%s: NSAMPLESPERSEC ignored", what);
            break;
        case ACM_FORMATSUGGESTF_WBITSPERSAMPLE:
            HOST_CHECK(d->wBitsPerSample == want.wBitsPerSample, "%s: WBITSPERSAMPLE ignored", what);
            break;
        default:
            HOST_CHECK(d->wFormatTag == want.wFormatTag && d->wBitsPerSample == 32, "%s: WFORMATTAG float", what);
        }
        HOST_CHECK(acmStreamOpen(NULL, had, (WAVEFORMATEX *)w, d, NULL, 0, 0, ACM_STREAMOPENF_QUERY) == 0,
                   "%s: suggestion with %s does not open", what, r[i].name);
    }
    memset(dst, 0, sizeof dst);
    d->wFormatTag = (WORD)real_tag(w);
    HOST_CHECK(suggest(w, dst, ACM_FORMATSUGGESTF_WFORMATTAG) != 0, "%s: same-tag suggestion", what);
}

static void check_pcm_side_format(const char *what, const WAVEFORMATEX *w)
{
    BYTE dst[MAX_FMT];
    memset(dst, 0, sizeof dst);
    /* Whatever ffacm suggests from PCM (an encoding, once encoders exist) must open. */
    if (suggest(w, dst, 0) == 0) {
        WAVEFORMATEX *d = (WAVEFORMATEX *)dst;
        HOST_CHECK(acmStreamOpen(NULL, had, (WAVEFORMATEX *)w, d, NULL, 0, 0, ACM_STREAMOPENF_QUERY) == 0,
                   "%s: suggested 0x%04x does not open", what, d->wFormatTag);
        if (!is_pcm_side(d))
            check_sizes(what, w, d, 0);
    }
}

static void check_tag(DWORD index)
{
    ACMFORMATTAGDETAILSW td = { .cbStruct = sizeof td, .dwFormatTagIndex = index };
    MMRESULT mr = acmFormatTagDetailsW(had, &td, ACM_FORMATTAGDETAILSF_INDEX);
    HOST_CHECK(mr == 0, "tag index %lu: %u", (unsigned long)index, mr);
    if (mr)
        return;
    DWORD tag = td.dwFormatTag;
    HOST_CHECK(td.cbFormatSize >= (tag == WAVE_FORMAT_PCM ? 16u : 18u) && td.cbFormatSize <= max_fmt,
               "tag 0x%04lx: cbFormatSize %lu", (unsigned long)tag, (unsigned long)td.cbFormatSize);
    /* A tag may have no standard format (Vorbis: a format is only complete with the stream's
     * own header packets); hosts then only meet it through files. */
    if (td.cStandardFormats == 0)
        printf("tag 0x%04lx: no standard formats\n", (unsigned long)tag);
    BYTE buf[MAX_FMT];
    for (DWORD i = 0; i < td.cStandardFormats; i++) {
        WAVEFORMATEX *w = (WAVEFORMATEX *)buf;
        char what[96];
        snprintf(what, sizeof what, "tag 0x%04lx format %lu", (unsigned long)tag, (unsigned long)i);
        memset(buf, 0, sizeof buf);
        ACMFORMATDETAILSW fd = { .cbStruct = sizeof fd, .dwFormatTag = tag, .dwFormatIndex = i, .pwfx = w,
                                 .cbwfx = td.cbFormatSize };
        mr = acmFormatDetailsW(had, &fd, ACM_FORMATDETAILSF_INDEX);
        HOST_CHECK(mr == 0, "%s: INDEX %u", what, mr);
        if (mr)
            continue;
        n_formats++;
        HOST_CHECK(w->wFormatTag == tag && fd.dwFormatTag == tag && fd.dwFormatIndex == i, "%s: echo", what);
        if (tag != WAVE_FORMAT_PCM)
            HOST_CHECK(w->cbSize == td.cbFormatSize - sizeof(WAVEFORMATEX), "%s: cbSize %u", what, w->cbSize);
        HOST_CHECK(w->nChannels && w->nSamplesPerSec && w->nBlockAlign, "%s: zero field", what);
        if (is_pcm_side(w))
            HOST_CHECK(w->nBlockAlign == w->nChannels * w->wBitsPerSample / 8 &&
                           w->nAvgBytesPerSec == w->nSamplesPerSec * w->nBlockAlign,
                       "%s: PCM arithmetic", what);
        /* Round trip: the format given back is accepted and described the same way. */
        ACMFORMATDETAILSW back = { .cbStruct = sizeof back, .dwFormatTag = tag, .pwfx = w, .cbwfx = td.cbFormatSize };
        mr = acmFormatDetailsW(had, &back, ACM_FORMATDETAILSF_FORMAT);
        HOST_CHECK(mr == 0, "%s: FORMAT %u", what, mr);
        if (mr == 0)
            HOST_CHECK(wcscmp(back.szFormat, fd.szFormat) == 0 && fd.szFormat[0], "%s: description differs", what);
        if (is_pcm_side(w))
            check_pcm_side_format(what, w);
        else
            check_decode_format(what, w);
    }
    /* An all-zero format of the tag is not a format. */
    memset(buf, 0, sizeof buf);
    ((WAVEFORMATEX *)buf)->wFormatTag = (WORD)tag;
    ACMFORMATDETAILSW zero = { .cbStruct = sizeof zero, .dwFormatTag = tag, .pwfx = (WAVEFORMATEX *)buf,
                               .cbwfx = td.cbFormatSize };
    HOST_CHECK(acmFormatDetailsW(had, &zero, ACM_FORMATDETAILSF_FORMAT) == ACMERR_NOTPOSSIBLE,
               "tag 0x%04lx: all-zero format accepted", (unsigned long)tag);
    BYTE dst[MAX_FMT];
    memset(dst, 0, sizeof dst);
    HOST_CHECK(suggest((WAVEFORMATEX *)buf, dst, 0) == ACMERR_NOTPOSSIBLE, "tag 0x%04lx: all-zero source suggested",
               (unsigned long)tag);
    WAVEFORMATEX pcm = { WAVE_FORMAT_PCM, 2, 44100, 176400, 4, 16, 0 };
    HOST_CHECK(acmStreamOpen(NULL, had, (WAVEFORMATEX *)buf, &pcm, NULL, 0, 0, ACM_STREAMOPENF_QUERY) != 0,
               "tag 0x%04lx: all-zero source opens", (unsigned long)tag);
    printf("tag 0x%04lx: %lu formats checked\n", (unsigned long)tag, (unsigned long)td.cStandardFormats);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    HACMDRIVERID hadid = host_find_ffacm();
    if (!hadid || acmDriverOpen(&had, hadid, 0) != MMSYSERR_NOERROR)
        return 1;
    acmMetrics((HACMOBJ)had, ACM_METRIC_MAX_SIZE_FORMAT, &max_fmt);
    HOST_CHECK(max_fmt >= sizeof(WAVEFORMATEX) && max_fmt <= MAX_FMT, "MAX_SIZE_FORMAT %lu", (unsigned long)max_fmt);
    if (max_fmt > MAX_FMT)
        max_fmt = MAX_FMT;
    ACMDRIVERDETAILSW dd = { .cbStruct = sizeof dd };
    HOST_CHECK(acmDriverDetailsW(hadid, &dd, 0) == 0, "driver details");
    for (DWORD t = 0; t < dd.cFormatTags; t++)
        check_tag(t);
    acmDriverClose(had, 0);
    printf("conformance: %lu tags, %lu formats (%lu decode formats, %lu of them also encode formats)\n",
           (unsigned long)dd.cFormatTags, n_formats, n_decode, n_encode);
    printf("test_acm_conformance: %d passed, %d failed\n", host_passed, host_failed);
    return host_failed ? 1 : 0;
}

/* The hostile-input matrix: lying formats, API misuse, absurd buffers and corrupt streams
 * through the real ACM manager (msacm32) and, for what msacm filters out, DriverProc itself.
 * Every case has an expected result code (the tables below); the process must survive all
 * of them (an unhandled exception prints the running case and fails the test).
 *
 * Usage: test_hostile_matrix.exe DRIVER.acm MEDIA_DIR   (Windows paths)
 *
 * Codes (shared/acm-facts.md): 0 MMSYSERR_NOERROR, 5 INVALHANDLE, 8 NOTSUPPORTED, 10 INVALFLAG,
 * 11 INVALPARAM, 512 ACMERR_NOTPOSSIBLE, 514 ACMERR_UNPREPARED. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "win_common.h"
#include "../../bridge/acmdrv.h"

#define OK MMSYSERR_NOERROR
#define NP ACMERR_NOTPOSSIBLE

static const char *current_case;
static int cases;
static HACMDRIVER had;
typedef LRESULT(WINAPI *driverproc_fn)(DWORD_PTR, HDRVR, UINT, LPARAM, LPARAM);
static driverproc_fn driver_proc;

static void expect(const char *category, const char *name, MMRESULT want, MMRESULT got)
{
    cases++;
    CHECK(got == want, "[%s] %s: expected %u (%s), got %u (%s)", category, name, want, acmu_err_name(want), got,
          acmu_err_name(got));
}

/* ---- 1. lying source formats ------------------------------------------------------------
 *
 * Ten real source formats (read from the test media) are each perturbed one way and offered
 * with acmStreamOpen(QUERY) and acmFormatSuggest (same expectation), then opened for real
 * and fed the file's first buffers (conversion must return NOERROR; corrupt data is skipped).
 * The format always sits at the start of a 70 KB buffer of garbage, so however large a
 * lying cbSize is, msacm's copy of 18 + cbSize bytes stays inside memory we own. */

enum { B_MP3, B_MP2, B_AAC, B_HEAAC, B_ADTS, B_AC3, B_FLAC, B_OPUS, B_VORBIS, B_EXT, N_BASES };
static const char *const base_files[N_BASES] = {
    "mp3.wav", "mp2.wav", "aac_raw.avi", "aac_heaac_raw.avi", "aac_adts.wav",
    "ac3.wav", "flac.wav", "opus.avi", "vorbis.avi", "ac3_51.wav",
};
static robust_media bases[N_BASES];

#define FMT_BUF (18 + 65535 + 4096)

static WORD cb(const uint8_t *f) { return ((const WAVEFORMATEX *)f)->cbSize; }
static WAVEFORMATEX *wfx(uint8_t *f) { return (WAVEFORMATEX *)f; }

/* Re-wrap a plain format as WAVE_FORMAT_EXTENSIBLE with its tag's KSDATAFORMAT GUID. */
static void wrap_extensible(uint8_t *f)
{
    WAVEFORMATEX *w = wfx(f);
    if (w->wFormatTag == WAVE_FORMAT_EXTENSIBLE)
        return;
    WORD tag = w->wFormatTag, extra = w->cbSize;
    memmove(f + 18 + 22, f + 18, extra);
    uint8_t *x = f + 18;
    x[0] = (uint8_t)w->wBitsPerSample; x[1] = 0;   /* wValidBitsPerSample */
    DWORD mask = w->nChannels == 1 ? 0x4 : 0x3;
    memcpy(x + 2, &mask, 4);
    static const uint8_t tail[12] = { 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 };
    x[6] = (uint8_t)tag; x[7] = (uint8_t)(tag >> 8); x[8] = x[9] = 0;
    memcpy(x + 10, tail, 12);
    w->wFormatTag = WAVE_FORMAT_EXTENSIBLE;
    w->cbSize = (WORD)(extra + 22);
}

static void p_none(uint8_t *f) { (void)f; }
static void p_ch0(uint8_t *f) { wfx(f)->nChannels = 0; }
static void p_ch3(uint8_t *f) { wfx(f)->nChannels = 3; }
static void p_ch9(uint8_t *f) { wfx(f)->nChannels = 9; }
static void p_ch255(uint8_t *f) { wfx(f)->nChannels = 255; }
static void p_rate0(uint8_t *f) { wfx(f)->nSamplesPerSec = 0; }
static void p_rate1(uint8_t *f) { wfx(f)->nSamplesPerSec = 1; }
static void p_rate7999(uint8_t *f) { wfx(f)->nSamplesPerSec = 7999; }
static void p_rate4g(uint8_t *f) { wfx(f)->nSamplesPerSec = 4000000000u; }
static void p_align0(uint8_t *f) { wfx(f)->nBlockAlign = 0; }
static void p_alignmax(uint8_t *f) { wfx(f)->nBlockAlign = 0xFFFF; }
static void p_avg0(uint8_t *f) { wfx(f)->nAvgBytesPerSec = 0; }
static void p_avgmax(uint8_t *f) { wfx(f)->nAvgBytesPerSec = 0xFFFFFFFFu; }
static void p_bitsmax(uint8_t *f) { wfx(f)->wBitsPerSample = 0xFFFF; }
static void p_cb0(uint8_t *f) { wfx(f)->cbSize = 0; }
static void p_cbplus(uint8_t *f) { wfx(f)->cbSize = (WORD)(cb(f) + 64); }
static void p_cbminus(uint8_t *f) { wfx(f)->cbSize = cb(f) ? (WORD)(cb(f) - 1) : 0; }
static void p_garbage(uint8_t *f) { memset(f + 18, 0xA5, cb(f)); }
static void p_tag7777(uint8_t *f) { wfx(f)->wFormatTag = 0x7777; }
static void p_wrapext(uint8_t *f) { wrap_extensible(f); }
static void p_extguid(uint8_t *f)
{
    wrap_extensible(f);
    static const uint8_t guid[16] = { 0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF0,
                                      0x0F, 0x1E, 0x2D, 0x3C, 0x4B, 0x5A, 0x69, 0x78 };
    memcpy(f + 18 + 6, guid, 16);
}
static void p_extmask(uint8_t *f)
{
    wrap_extensible(f);
    memset(f + 18 + 2, 0xFF, 4); /* every speaker: more than there are channels */
}
static void p_extshort(uint8_t *f)
{
    wrap_extensible(f);
    wfx(f)->cbSize = 21;
}
static void p_cbmax(uint8_t *f) { wfx(f)->cbSize = 0xFFFF; }

/* Expected result per base: columns MP3 MP2 AAC(raw, 5-byte ASC) HE-AAC(raw) ADTS AC-3 FLAC
 * Opus Vorbis EXTENSIBLE-AC-3(5.1).  Why:
 *   channels: 1..8 are taken (MPEG audio: 1..2); rate: 1 kHz..768 kHz (MPEG: 8..48 kHz);
 *   nBlockAlign, nAvgBytesPerSec, wBitsPerSample: ignored by every stream-framed decoder;
 *   cbSize 0: MP3/MP2/AC-3/ADTS need no extra bytes, AAC without an ASC is ADTS, the others
 *     lack their mandatory header (HEAACWAVEINFO, STREAMINFO, OpusHead, Vorbis headers, the
 *     22 extensible bytes); cbSize + 64 of trailing garbage: every parser reads only what
 *     it needs; cbSize - 1: the 5-byte ASC still has its first fields, a 33-byte STREAMINFO,
 *     18-byte OpusHead and 21 extensible bytes do not (Vorbis' last header packet simply
 *     ends one byte earlier: the query accepts it);
 *   garbage extra bytes (0xA5): MPEG/AC-3/ADTS ignore them, 0xA5A5.. is a plausible ASC and
 *     STREAMINFO (the codec judges it at open), not an HEAACWAVEINFO payload type, OpusHead,
 *     Xiph lacing or KSDATAFORMAT GUID;
 *   EXTENSIBLE: a known tag's GUID works like the tag itself, an unknown GUID does not, a
 *     mask naming the wrong number of speakers is ignored, fewer than 22 bytes are refused;
 *   cbSize 0xFFFF: like cbSize + 64. */
static const struct src_row {
    const char *name;
    void (*apply)(uint8_t *f);
    MMRESULT expect[N_BASES];
} src_rows[] = {
    { "unchanged", p_none, { OK, OK, OK, OK, OK, OK, OK, OK, OK, OK } },
    { "nChannels 0", p_ch0, { NP, NP, NP, NP, NP, NP, NP, NP, NP, NP } },
    { "nChannels 3", p_ch3, { NP, NP, OK, OK, OK, OK, OK, OK, OK, OK } },
    { "nChannels 9", p_ch9, { NP, NP, NP, NP, NP, NP, NP, NP, NP, NP } },
    { "nChannels 255", p_ch255, { NP, NP, NP, NP, NP, NP, NP, NP, NP, NP } },
    { "rate 0", p_rate0, { NP, NP, NP, NP, NP, NP, NP, NP, NP, NP } },
    { "rate 1 Hz", p_rate1, { NP, NP, NP, NP, NP, NP, NP, NP, NP, NP } },
    { "rate 7999 Hz", p_rate7999, { NP, NP, OK, OK, OK, OK, OK, OK, OK, OK } },
    { "rate 4 GHz", p_rate4g, { NP, NP, NP, NP, NP, NP, NP, NP, NP, NP } },
    { "nBlockAlign 0", p_align0, { OK, OK, OK, OK, OK, OK, OK, OK, OK, OK } },
    { "nBlockAlign 65535", p_alignmax, { OK, OK, OK, OK, OK, OK, OK, OK, OK, OK } },
    { "nAvgBytesPerSec 0", p_avg0, { OK, OK, OK, OK, OK, OK, OK, OK, OK, OK } },
    { "nAvgBytesPerSec 4G", p_avgmax, { OK, OK, OK, OK, OK, OK, OK, OK, OK, OK } },
    { "wBitsPerSample 65535", p_bitsmax, { OK, OK, OK, OK, OK, OK, OK, OK, OK, OK } },
    { "cbSize 0 (too small)", p_cb0, { OK, OK, OK, NP, OK, OK, NP, NP, NP, NP } },
    { "cbSize +64 (garbage after)", p_cbplus, { OK, OK, OK, OK, OK, OK, OK, OK, OK, OK } },
    { "cbSize -1 (truncated)", p_cbminus, { OK, OK, OK, OK, OK, OK, NP, NP, OK, NP } },
    { "extra bytes garbage", p_garbage, { OK, OK, OK, NP, OK, OK, OK, NP, NP, NP } },
    { "unknown tag 0x7777", p_tag7777, { NP, NP, NP, NP, NP, NP, NP, NP, NP, NP } },
    { "as EXTENSIBLE", p_wrapext, { OK, OK, OK, OK, OK, OK, OK, OK, OK, OK } },
    { "EXTENSIBLE unknown GUID", p_extguid, { NP, NP, NP, NP, NP, NP, NP, NP, NP, NP } },
    { "EXTENSIBLE lying mask", p_extmask, { OK, OK, OK, OK, OK, OK, OK, OK, OK, OK } },
    { "EXTENSIBLE cbSize 21", p_extshort, { NP, NP, NP, NP, NP, NP, NP, NP, NP, NP } },
    { "cbSize 65535", p_cbmax, { OK, OK, OK, OK, OK, OK, OK, OK, OK, OK } },
};

/* Real opens of query-accepted formats that the codec itself refuses at open: libavcodec's
 * AAC decoder a 0xA5A5 AudioSpecificConfig (object type 20 is not one it decodes), and its
 * Vorbis decoder a setup header one byte short.  (Its FLAC decoder takes the 0xA5-filled
 * STREAMINFO and then skips what it cannot decode.) */
static MMRESULT open_expectation(size_t row, int base)
{
    if ((src_rows[row].apply == p_garbage && base == B_AAC) || (src_rows[row].apply == p_cbminus && base == B_VORBIS))
        return NP;
    return src_rows[row].expect[base];
}

static uint8_t *fmt_buf;

static void fill_garbage(uint8_t *p, size_t n, uint32_t seed)
{
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (uint8_t)(seed >> 16);
    }
}

/* A few buffers of the base's data through a real stream. */
static MMRESULT feed_stream(HACMSTREAM has, const robust_media *m, size_t buffers)
{
    robust_media part = *m;
    part.count = m->count < buffers ? m->count : buffers;
    robust_out out = { 0 };
    MMRESULT mr = robust_decode(has, &part, &out);
    free(out.data);
    return mr;
}

static void run_source_matrix(void)
{
    char name[160];
    for (size_t r = 0; r < sizeof src_rows / sizeof src_rows[0]; r++) {
        for (int b = 0; b < N_BASES; b++) {
            const robust_media *m = &bases[b];
            fill_garbage(fmt_buf, FMT_BUF, (uint32_t)(r * 131 + b));
            memcpy(fmt_buf, m->wfx, m->wfx_size);
            src_rows[r].apply(fmt_buf);
            WAVEFORMATEX pcm;
            robust_pcm16(&pcm, m->wfx);
            snprintf(name, sizeof name, "%s: %s", m->name, src_rows[r].name);
            current_case = name;

            MMRESULT want = src_rows[r].expect[b];
            expect("source QUERY", name, want,
                   acmStreamOpen(NULL, had, wfx(fmt_buf), &pcm, NULL, 0, 0, ACM_STREAMOPENF_QUERY));

            uint8_t sugg[4096];
            memset(sugg, 0, sizeof sugg);
            expect("source SUGGEST", name, want, acmFormatSuggest(had, wfx(fmt_buf), (WAVEFORMATEX *)sugg, sizeof sugg, 0));

            HACMSTREAM has = NULL;
            MMRESULT mr = acmStreamOpen(&has, had, wfx(fmt_buf), &pcm, NULL, 0, 0, 0);
            expect("source OPEN", name, open_expectation(r, b), mr);
            if (mr == OK) {
                expect("source CONVERT", name, OK, feed_stream(has, m, 6));
                expect("source CLOSE", name, OK, acmStreamClose(has, 0));
            }
        }
    }
}

/* ---- 2. hostile destinations ------------------------------------------------------------
 * Offered with QUERY for an MP3 and a FLAC source.  PCM destinations need 1..8 channels,
 * 1 kHz..768 kHz, 8/16/24/32 bits with nBlockAlign = channels * bytes (nAvgBytesPerSec is
 * not checked), float only as 32 bits, EXTENSIBLE with a PCM/float GUID and valid bits not
 * above the container; any channel count or rate in range is reached by remixing and
 * resampling. */
typedef struct dst_spec {
    const char *name;
    WORD tag, channels, bits;
    DWORD rate;
    int align_delta;     /* added to the consistent nBlockAlign */
    int avg_zero;
    int ext;             /* 1: EXTENSIBLE PCM, 2: + unknown GUID, 3: + valid bits > bits,
                          * 4: + all-speakers mask, 5: cbSize 21, 6: EXTENSIBLE float */
    MMRESULT expect;
} dst_spec;

static const dst_spec dst_rows[] = {
    /* name                  tag     ch   bits rate    align avg0 ext expect */
    { "PCM16 (baseline)",     1,      2,  16, 44100,      0, 0, 0, OK },
    { "0 channels",           1,      0,  16, 44100,      0, 0, 0, NP },
    { "9 channels",           1,      9,  16, 44100,      0, 0, 0, NP },
    { "255 channels",         1,    255,  16, 44100,      0, 0, 0, NP },
    { "rate 0",               1,      2,  16, 0,          0, 0, 0, NP },
    { "rate 1 Hz",            1,      2,  16, 1,          0, 0, 0, NP },
    { "rate 4 GHz",           1,      2,  16, 4000000000u, 0, 0, 0, NP },
    { "0 bits",               1,      2,   0, 44100,      0, 0, 0, NP },
    { "7 bits",               1,      2,   7, 44100,      0, 0, 0, NP },
    { "12 bits",              1,      2,  12, 44100,      0, 0, 0, NP },
    { "64 bits",              1,      2,  64, 44100,      0, 0, 0, NP },
    { "8 bits",               1,      2,   8, 44100,      0, 0, 0, OK },
    { "24 bits",              1,      2,  24, 44100,      0, 0, 0, OK },
    { "32 bits",              1,      2,  32, 44100,      0, 0, 0, OK },
    { "float 32",             3,      2,  32, 44100,      0, 0, 0, OK },
    { "float 16",             3,      2,  16, 44100,      0, 0, 0, NP },
    { "nBlockAlign +1",       1,      2,  16, 44100,      1, 0, 0, NP },
    { "nBlockAlign -1",       1,      2,  16, 44100,     -1, 0, 0, NP },
    { "nAvgBytesPerSec 0",    1,      2,  16, 44100,      0, 1, 0, OK },
    { "mono (downmix)",       1,      1,  16, 44100,      0, 0, 0, OK },
    { "8 channels (upmix)",   1,      8,  16, 44100,      0, 0, 1, OK },
    { "22050 Hz (resample)",  1,      2,  16, 22050,      0, 0, 0, OK },
    { "768 kHz",              1,      2,  16, 768000,     0, 0, 0, OK },
    { "EXTENSIBLE PCM16",     1,      2,  16, 44100,      0, 0, 1, OK },
    { "EXTENSIBLE float",     3,      2,  32, 44100,      0, 0, 6, OK },
    { "EXTENSIBLE unknown GUID", 1,   2,  16, 44100,      0, 0, 2, NP },
    { "EXTENSIBLE valid bits 20 of 16", 1, 2, 16, 44100,  0, 0, 3, NP },
    { "EXTENSIBLE lying mask", 1,     2,  16, 44100,      0, 0, 4, OK },
    { "EXTENSIBLE cbSize 21", 1,      2,  16, 44100,      0, 0, 5, NP },
    { "MP3 (compressed)",     0x55,   2,   0, 44100,      0, 0, 0, NP },
    { "unknown tag 0x7777",   0x7777, 2,  16, 44100,      0, 0, 0, NP },
};

static void build_dst(const dst_spec *d, uint8_t *f)
{
    memset(f, 0, 64);
    WAVEFORMATEX *w = wfx(f);
    w->wFormatTag = d->tag;
    w->nChannels = d->channels;
    w->nSamplesPerSec = d->rate;
    w->wBitsPerSample = d->bits;
    w->nBlockAlign = (WORD)(d->channels * ((d->bits + 7) / 8) + d->align_delta);
    w->nAvgBytesPerSec = d->avg_zero ? 0 : d->rate * w->nBlockAlign;
    if (d->tag == 0x55) {
        w->cbSize = 12;
        f[18] = 1; /* wID */
        return;
    }
    if (!d->ext)
        return;
    WORD tag = d->ext == 6 ? 3 : 1;
    w->wFormatTag = WAVE_FORMAT_EXTENSIBLE;
    w->cbSize = d->ext == 5 ? 21 : 22;
    WORD valid = d->ext == 3 ? 20 : d->bits;
    memcpy(f + 18, &valid, 2);
    DWORD mask = d->ext == 4 ? 0xFFFFFFFFu : d->channels == 8 ? 0x63F : d->channels == 1 ? 0x4 : 0x3;
    memcpy(f + 20, &mask, 4);
    static const uint8_t tail[12] = { 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 };
    f[24] = (uint8_t)tag;
    memcpy(f + 28, tail, 12);
    if (d->ext == 2)
        f[24] = 0x77, f[25] = 0x77, f[30] = 0x42;
}

static void run_destination_matrix(void)
{
    char name[160];
    const int srcs[] = { B_MP3, B_FLAC };
    for (size_t s = 0; s < 2; s++) {
        const robust_media *m = &bases[srcs[s]];
        for (size_t r = 0; r < sizeof dst_rows / sizeof dst_rows[0]; r++) {
            uint8_t dst[128];
            build_dst(&dst_rows[r], dst);
            snprintf(name, sizeof name, "%s -> %s", m->name, dst_rows[r].name);
            current_case = name;
            expect("destination QUERY", name, dst_rows[r].expect,
                   acmStreamOpen(NULL, had, m->wfx, wfx(dst), NULL, 0, 0, ACM_STREAMOPENF_QUERY));
        }
    }
}

/* ---- 3. API misuse through msacm ----------------------------------------------------------
 * Expectations are Wine 8's msacm32 (which checks these before the driver sees anything)
 * and the driver's answers where msacm passes the call on. */
static void run_api_misuse(void)
{
    const robust_media *m = &bases[B_MP3];
    WAVEFORMATEX pcm;
    robust_pcm16(&pcm, m->wfx);
    HACMSTREAM has = NULL;
    const char *cat = "API";

#define API_CASE(name, want, expr)                                                                 \
    do {                                                                                           \
        current_case = name;                                                                       \
        expect(cat, name, want, expr);                                                             \
    } while (0)

    /* Not here: acmStreamOpen with a NULL format faults inside Wine 8's msacm32 itself (it
     * reads the format before checking it); the driver's answer to a NULL format is checked
     * through DriverProc below. */
    /* Wine's msacm32 does not insist on a NULL handle pointer with QUERY. */
    API_CASE("open: QUERY with a handle pointer", OK,
             acmStreamOpen(&has, had, m->wfx, &pcm, NULL, 0, 0, ACM_STREAMOPENF_QUERY));
    API_CASE("open: ASYNC (no async conversion: refused)", NP,
             acmStreamOpen(&has, had, m->wfx, &pcm, NULL, 0, 0, ACM_STREAMOPENF_ASYNC));
    API_CASE("open: QUERY|ASYNC (driver refuses async)", NP,
             acmStreamOpen(NULL, had, m->wfx, &pcm, NULL, 0, 0, ACM_STREAMOPENF_QUERY | ACM_STREAMOPENF_ASYNC));
    API_CASE("open: QUERY|NONREALTIME", OK,
             acmStreamOpen(NULL, had, m->wfx, &pcm, NULL, 0, 0, ACM_STREAMOPENF_QUERY | ACM_STREAMOPENF_NONREALTIME));
    API_CASE("open: unknown flag 0x00008000", MMSYSERR_INVALFLAG,
             acmStreamOpen(NULL, had, m->wfx, &pcm, NULL, 0, 0, ACM_STREAMOPENF_QUERY | 0x8000));
    WAVEFILTER filter = { sizeof filter, 1, 0, { 0 } };
    API_CASE("open: filter with different tags", MMSYSERR_INVALPARAM,
             acmStreamOpen(NULL, had, m->wfx, &pcm, &filter, 0, 0, ACM_STREAMOPENF_QUERY));
    API_CASE("open: NULL driver routes to ffacm", OK, acmStreamOpen(NULL, NULL, m->wfx, &pcm, NULL, 0, 0, ACM_STREAMOPENF_QUERY));
    API_CASE("open: NULL driver, unknown tag", NP,
             acmStreamOpen(NULL, NULL, (WAVEFORMATEX *)&(WAVEFORMATEX){ 0x7777, 2, 44100, 1, 1, 0, 0 }, &pcm, NULL, 0, 0,
                           ACM_STREAMOPENF_QUERY));

    API_CASE("size: NULL stream handle", MMSYSERR_INVALHANDLE, acmStreamSize(NULL, 4096, &(DWORD){ 0 }, ACM_STREAMSIZEF_SOURCE));
    API_CASE("open: real stream", OK, acmStreamOpen(&has, had, m->wfx, &pcm, NULL, 0, 0, 0));
    DWORD out = 0;
    API_CASE("size: SOURCE 4096", OK, acmStreamSize(has, 4096, &out, ACM_STREAMSIZEF_SOURCE));
    API_CASE("size: SOURCE 0 bytes", NP, acmStreamSize(has, 0, &out, ACM_STREAMSIZEF_SOURCE));
    API_CASE("size: SOURCE 4 GB", OK, acmStreamSize(has, 0xFFFFFFFFu, &out, ACM_STREAMSIZEF_SOURCE));
    API_CASE("size: DESTINATION 1 byte", NP, acmStreamSize(has, 1, &out, ACM_STREAMSIZEF_DESTINATION));
    API_CASE("size: DESTINATION 4 GB", OK, acmStreamSize(has, 0xFFFFFFFFu, &out, ACM_STREAMSIZEF_DESTINATION));
    API_CASE("size: unknown flag", MMSYSERR_INVALFLAG, acmStreamSize(has, 4096, &out, 0x10));
    /* Not here: acmStreamSize with a NULL result pointer faults inside Wine's msacm32; the
     * driver's own check of a NULL ACMDRVSTREAMSIZE is in the DriverProc cases. */

    uint8_t src[4096], dst[65536];
    memcpy(src, m->data, sizeof src);
    ACMSTREAMHEADER h;
    memset(&h, 0, sizeof h);
    h.cbStruct = sizeof h;
    h.pbSrc = src;
    h.cbSrcLength = sizeof src;
    h.pbDst = dst;
    h.cbDstLength = sizeof dst;
    API_CASE("convert before prepare", ACMERR_UNPREPARED, acmStreamConvert(has, &h, 0));
    API_CASE("convert: NULL header", MMSYSERR_INVALPARAM, acmStreamConvert(has, NULL, 0));
    ACMSTREAMHEADER small = h;
    small.cbStruct = 8;
    API_CASE("prepare: cbStruct 8", MMSYSERR_INVALPARAM, acmStreamPrepareHeader(has, &small, 0));
    API_CASE("prepare: NULL header", MMSYSERR_INVALPARAM, acmStreamPrepareHeader(has, NULL, 0));
    API_CASE("prepare: unknown flag", MMSYSERR_INVALFLAG, acmStreamPrepareHeader(has, &h, 1));
    API_CASE("prepare", OK, acmStreamPrepareHeader(has, &h, 0));
    API_CASE("prepare twice", OK, acmStreamPrepareHeader(has, &h, 0));
    API_CASE("convert: unknown flag 0x100", MMSYSERR_INVALFLAG, acmStreamConvert(has, &h, 0x100));
    API_CASE("convert: START|END|BLOCKALIGN at once", OK,
             acmStreamConvert(has, &h, ACM_STREAMCONVERTF_START | ACM_STREAMCONVERTF_END | ACM_STREAMCONVERTF_BLOCKALIGN));
    CHECK(h.cbSrcLengthUsed <= h.cbSrcLength && h.cbDstLengthUsed <= h.cbDstLength && h.cbDstLengthUsed % 4 == 0,
          "all flags: used %lu/%lu made %lu", (unsigned long)h.cbSrcLengthUsed, (unsigned long)h.cbSrcLength,
          (unsigned long)h.cbDstLengthUsed);
    h.cbSrcLength = 0;
    API_CASE("convert: zero-length source", OK, acmStreamConvert(has, &h, 0));
    h.cbSrcLength = sizeof src;
    h.cbDstLength = 0;
    API_CASE("convert: zero-length destination", OK, acmStreamConvert(has, &h, 0));
    CHECK(h.cbDstLengthUsed == 0, "zero-length destination produced %lu", (unsigned long)h.cbDstLengthUsed);
    h.cbDstLength = 3; /* smaller than one 4-byte frame */
    API_CASE("convert: destination smaller than a frame", OK, acmStreamConvert(has, &h, 0));
    CHECK(h.cbDstLengthUsed == 0, "3-byte destination got %lu", (unsigned long)h.cbDstLengthUsed);
    h.cbDstLength = sizeof dst;
    h.cbSrcLength = sizeof src + 1;
    API_CASE("convert: source longer than prepared", MMSYSERR_INVALPARAM, acmStreamConvert(has, &h, 0));
    h.cbSrcLength = sizeof src;
    API_CASE("reset (synchronous stream)", OK, acmStreamReset(has, 0));
    API_CASE("convert: END repeated on the rest", OK, acmStreamConvert(has, &h, ACM_STREAMCONVERTF_END));
    h.pbSrc = src + 1;
    API_CASE("unprepare: moved source pointer", MMSYSERR_INVALPARAM, acmStreamUnprepareHeader(has, &h, 0));
    h.pbSrc = src;
    API_CASE("unprepare", OK, acmStreamUnprepareHeader(has, &h, 0));
    API_CASE("unprepare twice", ACMERR_UNPREPARED, acmStreamUnprepareHeader(has, &h, 0));
    API_CASE("convert after unprepare", ACMERR_UNPREPARED, acmStreamConvert(has, &h, 0));
    API_CASE("close", OK, acmStreamClose(has, 0));
    API_CASE("close: unknown flag on NULL handle", MMSYSERR_INVALHANDLE, acmStreamClose(NULL, 1));
    API_CASE("suggest: NULL source", MMSYSERR_INVALPARAM, acmFormatSuggest(had, NULL, &pcm, sizeof pcm, 0));
    API_CASE("suggest: NULL destination", MMSYSERR_INVALPARAM, acmFormatSuggest(had, m->wfx, NULL, 64, 0));
    API_CASE("suggest: unknown flag", MMSYSERR_INVALFLAG, acmFormatSuggest(had, m->wfx, &pcm, sizeof pcm, 0x1));
    uint8_t sugg[256];
    API_CASE("suggest: 8-bit restriction", OK,
             (((WAVEFORMATEX *)sugg)->wBitsPerSample = 8,
              acmFormatSuggest(had, m->wfx, (WAVEFORMATEX *)sugg, sizeof sugg, ACM_FORMATSUGGESTF_WBITSPERSAMPLE)));
    API_CASE("suggest: 9-channel restriction", NP,
             (((WAVEFORMATEX *)sugg)->nChannels = 9,
              acmFormatSuggest(had, m->wfx, (WAVEFORMATEX *)sugg, sizeof sugg, ACM_FORMATSUGGESTF_NCHANNELS)));
    API_CASE("suggest: MP3 tag restriction", NP,
             (((WAVEFORMATEX *)sugg)->wFormatTag = 0x55,
              acmFormatSuggest(had, m->wfx, (WAVEFORMATEX *)sugg, sizeof sugg, ACM_FORMATSUGGESTF_WFORMATTAG)));
    API_CASE("suggest: destination buffer 2 bytes", MMSYSERR_INVALPARAM, acmFormatSuggest(had, m->wfx, (WAVEFORMATEX *)sugg, 2, 0));
}

/* ---- 4. hostile streams -------------------------------------------------------------------
 * Real streams with garbage or a different format in the middle: every call returns
 * NOERROR, output stays whole frames, and after the garbage real audio comes out again. */

typedef struct phase_result {
    MMRESULT mr;
    size_t out[3];
    int misaligned;
} phase_result;

/* Feed `phases` media one after the other through one stream opened for the first; a NULL
 * phase is garbage of `garbage_bytes` (random bytes; packet formats get random packets). */
static phase_result run_phases(const robust_media *const phases[3], DWORD garbage_bytes, const WAVEFORMATEX *dst)
{
    phase_result res = { 0 };
    HACMSTREAM has = NULL;
    res.mr = acmStreamOpen(&has, had, phases[0]->wfx, (WAVEFORMATEX *)dst, NULL, 0, 0, 0);
    if (res.mr)
        return res;
    robust_media junk = { 0 };
    for (int p = 0; p < 3 && !res.mr; p++) {
        const robust_media *m = phases[p];
        if (!m) {
            junk = *phases[0];
            junk.data = malloc(garbage_bytes);
            fill_garbage(junk.data, garbage_bytes, 0xC0FFEE + (uint32_t)p);
            DWORD unit = phases[0]->packets ? 400 : 4096;
            junk.count = garbage_bytes / unit;
            junk.offset = malloc(junk.count * sizeof *junk.offset);
            junk.length = malloc(junk.count * sizeof *junk.length);
            for (size_t i = 0; i < junk.count; i++) {
                junk.offset[i] = (DWORD)(i * unit);
                junk.length[i] = unit - (DWORD)(i % 7) * 13; /* packet sizes vary */
            }
            junk.largest = unit;
            m = &junk;
        }
        robust_out out = { 0 };
        res.mr = robust_decode(has, m, &out);
        res.out[p] = out.size;
        if (out.size % dst->nBlockAlign)
            res.misaligned = 1;
        free(out.data);
        if (m == &junk) {
            free(junk.data);
            free(junk.offset);
            free(junk.length);
        }
    }
    MMRESULT cmr = acmStreamClose(has, 0);
    if (!res.mr)
        res.mr = cmr;
    return res;
}

static void run_stream_cases(robust_media *extra_mp3_48k, robust_media *extra_mp3_mono, robust_media *extra_ac3_51)
{
    char name[160];
    /* Garbage between two stretches of the real stream, for every base. */
    for (int b = 0; b < N_BASES; b++) {
        const robust_media *m = &bases[b];
        const robust_media *phases[3] = { m, NULL, m };
        WAVEFORMATEX pcm;
        robust_pcm16(&pcm, m->wfx);
        snprintf(name, sizeof name, "%s: stream, 64 KB garbage, stream", m->name);
        current_case = name;
        phase_result r = run_phases(phases, 65536, &pcm);
        expect("garbage mid-stream", name, OK, r.mr);
        CHECK(r.out[0] > 0 && r.out[2] > 0 && !r.misaligned, "%s: output %zu / %zu / %zu bytes, misaligned %d", name,
              r.out[0], r.out[1], r.out[2], r.misaligned);
    }
    /* The format changes under the stream: MPEG frames switch rate and channel count, AC-3
     * goes from stereo to 5.1; the output stays in the opened format. */
    const struct { const robust_media *a, *b; const char *what; } changes[] = {
        { &bases[B_MP3], extra_mp3_48k, "MP3 44.1 kHz -> 48 kHz frames" },
        { &bases[B_MP3], extra_mp3_mono, "MP3 stereo -> mono frames" },
        { &bases[B_AC3], extra_ac3_51, "AC-3 stereo -> 5.1 frames" },
        { extra_ac3_51, &bases[B_AC3], "AC-3 5.1 -> stereo frames" },
    };
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++) {
        const robust_media *phases[3] = { changes[i].a, changes[i].b, changes[i].a };
        WAVEFORMATEX pcm;
        robust_pcm16(&pcm, changes[i].a->wfx);
        current_case = changes[i].what;
        phase_result r = run_phases(phases, 0, &pcm);
        expect("format change mid-stream", changes[i].what, OK, r.mr);
        CHECK(r.out[0] > 0 && r.out[1] > 0 && r.out[2] > 0 && !r.misaligned, "%s: output %zu / %zu / %zu, misaligned %d",
              changes[i].what, r.out[0], r.out[1], r.out[2], r.misaligned);
    }
    /* An extreme rate ratio: A-law declared at 700 kHz into 8 kHz PCM needs a resampler
     * filter of tens of MB.  (fuzz_decode found that when swr_init() fails, as it does there
     * under ASan's allocation limit and can in a crowded 32-bit host, the next frame hit an
     * assertion that abort()ed the process; regressions/decode/swr-init-failed-abort.  Here,
     * on x64 Wine, the init succeeds.)  Every call returns NOERROR within 30 s. */
    {
        current_case = "A-law at 700 kHz to 8 kHz PCM";
        WAVEFORMATEX alaw = { 0x0006, 1, 700000, 700000, 1, 8, 0 };
        WAVEFORMATEX pcm8k = { WAVE_FORMAT_PCM, 1, 8000, 16000, 2, 16, 0 };
        HACMSTREAM has;
        MMRESULT mr = acmStreamOpen(&has, had, &alaw, &pcm8k, NULL, 0, 0, 0);
        expect("resampler failure", current_case, OK, mr);
        if (!mr) {
            robust_media fake = bases[B_MP3]; /* any bytes are A-law samples */
            fake.wfx = &alaw;
            DWORD t0 = GetTickCount();
            robust_out out = { 0 };
            expect("resampler failure", "convert 256 KB", OK, robust_decode(has, &fake, &out));
            DWORD ms = GetTickCount() - t0;
            CHECK(ms < 30000 && out.size % 2 == 0, "A-law 700 kHz: %lu ms, %zu bytes", (unsigned long)ms, out.size);
            free(out.data);
            expect("resampler failure", "close", OK, acmStreamClose(has, 0));
        }
    }
    /* Multi-megabyte buffers: 8 MiB of MP3 (the file repeated) in one call, and 8 MiB of
     * random bytes; STREAM_SIZE(SOURCE) sizes the output. */
    for (int garbage = 0; garbage < 2; garbage++) {
        const robust_media *m = &bases[B_MP3];
        const DWORD big = 8u << 20;
        WAVEFORMATEX pcm;
        robust_pcm16(&pcm, m->wfx);
        current_case = garbage ? "8 MiB of random bytes in one call" : "8 MiB of MP3 in one call";
        HACMSTREAM has;
        MMRESULT mr = acmStreamOpen(&has, had, m->wfx, &pcm, NULL, 0, 0, 0);
        expect("huge buffer", current_case, OK, mr);
        if (mr)
            continue;
        DWORD dst_size = 0;
        expect("huge buffer", "STREAM_SIZE of 8 MiB", OK, acmStreamSize(has, big, &dst_size, ACM_STREAMSIZEF_SOURCE));
        uint8_t *src = malloc(big), *dst = malloc(dst_size);
        for (DWORD off = 0; off < big; off += m->total)
            memcpy(src + off, m->data, big - off < m->total ? big - off : m->total);
        if (garbage)
            fill_garbage(src, big, 77);
        ACMSTREAMHEADER h;
        memset(&h, 0, sizeof h);
        h.cbStruct = sizeof h;
        h.pbSrc = src;
        h.cbSrcLength = big;
        h.pbDst = dst;
        h.cbDstLength = dst_size;
        expect("huge buffer", "prepare 8 MiB", OK, acmStreamPrepareHeader(has, &h, 0));
        expect("huge buffer", current_case, OK, acmStreamConvert(has, &h, ACM_STREAMCONVERTF_START));
        CHECK(h.cbSrcLengthUsed == big && h.cbDstLengthUsed <= dst_size && (garbage || h.cbDstLengthUsed > 0),
              "%s: used %lu of %lu, made %lu of %lu", current_case, (unsigned long)h.cbSrcLengthUsed, (unsigned long)big,
              (unsigned long)h.cbDstLengthUsed, (unsigned long)dst_size);
        expect("huge buffer", "unprepare 8 MiB", OK, acmStreamUnprepareHeader(has, &h, 0));
        expect("huge buffer", "close", OK, acmStreamClose(has, 0));
        free(src);
        free(dst);
    }
}

/* ---- 5. DriverProc directly: what msacm never lets through -------------------------------- */
static void run_direct(void)
{
    const char *cat = "DriverProc";
    const DWORD_PTR id = 1;
    const robust_media *m = &bases[B_MP3];
    WAVEFORMATEX pcm;
    robust_pcm16(&pcm, m->wfx);
    ffacm_stream_instance_natural in;
    memset(&in, 0, sizeof in);
    in.cbStruct = sizeof in;
    in.pwfxSrc = m->wfx;
    in.pwfxDst = &pcm;

#define DP(msg, l1, l2) (MMRESULT) driver_proc(id, NULL, msg, (LPARAM)(l1), (LPARAM)(l2))

    API_CASE("STREAM_OPEN: NULL instance", MMSYSERR_INVALPARAM, DP(ACMDM_STREAM_OPEN, NULL, 0));
    ffacm_stream_instance_natural tiny = in;
    tiny.cbStruct = 4;
    API_CASE("STREAM_OPEN: cbStruct 4", MMSYSERR_INVALPARAM, DP(ACMDM_STREAM_OPEN, &tiny, 0));
    ffacm_stream_instance_natural nosrc = in;
    nosrc.pwfxSrc = NULL;
    API_CASE("STREAM_OPEN: NULL source", NP, DP(ACMDM_STREAM_OPEN, &nosrc, 0));
    ffacm_stream_instance_natural nodst = in;
    nodst.pwfxDst = NULL;
    API_CASE("STREAM_OPEN: NULL destination", NP, DP(ACMDM_STREAM_OPEN, &nodst, 0));
    ffacm_stream_instance_natural async = in;
    async.fdwOpen = ACM_STREAMOPENF_ASYNC;
    API_CASE("STREAM_OPEN: ASYNC", NP, DP(ACMDM_STREAM_OPEN, &async, 0));
    CHECK(!async.dwDriver, "ASYNC open stored a stream");
    ffacm_stream_instance_natural badflag = in;
    badflag.fdwOpen = 0x8000;
    API_CASE("STREAM_OPEN: unknown flag", MMSYSERR_INVALFLAG, DP(ACMDM_STREAM_OPEN, &badflag, 0));
    WAVEFILTER filter = { sizeof filter, 1, 0, { 0 } };
    ffacm_stream_instance_natural filt = in;
    filt.pwfltr = &filter;
    API_CASE("STREAM_OPEN: with a filter", NP, DP(ACMDM_STREAM_OPEN, &filt, 0));

    API_CASE("STREAM_CONVERT: stream never opened", MMSYSERR_INVALHANDLE, DP(ACMDM_STREAM_CONVERT, &in, &(ffacm_stream_header){ 0 }));
    API_CASE("STREAM_SIZE: no stream, formats given", OK,
             DP(ACMDM_STREAM_SIZE, &in, (&(ffacm_stream_size){ sizeof(ffacm_stream_size), ACM_STREAMSIZEF_SOURCE, 4096, 0 })));
    API_CASE("STREAM_OPEN", OK, DP(ACMDM_STREAM_OPEN, &in, 0));
    CHECK(in.dwDriver != 0, "open stored no stream");
    API_CASE("STREAM_CONVERT: NULL header", MMSYSERR_INVALPARAM, DP(ACMDM_STREAM_CONVERT, &in, NULL));
    ffacm_stream_header h; /* what the driver sees: the header with msacm's fields */
    memset(&h, 0, sizeof h);
    h.cbStruct = sizeof(ACMSTREAMHEADER);
    h.cbSrcLength = 100;
    API_CASE("STREAM_CONVERT: NULL source, length 100", MMSYSERR_INVALPARAM, DP(ACMDM_STREAM_CONVERT, &in, &h));
    uint8_t src[2048], dst[16384];
    memcpy(src, m->data, sizeof src);
    h.pbSrc = src;
    h.cbSrcLength = sizeof src;
    h.cbDstLength = 100;
    API_CASE("STREAM_CONVERT: NULL destination, length 100", MMSYSERR_INVALPARAM, DP(ACMDM_STREAM_CONVERT, &in, &h));
    h.cbDstLength = 0;
    API_CASE("STREAM_CONVERT: NULL destination, length 0", OK, DP(ACMDM_STREAM_CONVERT, &in, &h));
    h.pbDst = dst;
    h.cbDstLength = sizeof dst;
    h.fdwConvert = 0x40000000;
    API_CASE("STREAM_CONVERT: unknown flag", MMSYSERR_INVALFLAG, DP(ACMDM_STREAM_CONVERT, &in, &h));
    h.fdwConvert = ACM_STREAMCONVERTF_END;
    API_CASE("STREAM_CONVERT: END", OK, DP(ACMDM_STREAM_CONVERT, &in, &h));
    API_CASE("STREAM_SIZE: NULL size", MMSYSERR_INVALPARAM, DP(ACMDM_STREAM_SIZE, &in, NULL));
    API_CASE("STREAM_SIZE: unknown query", MMSYSERR_INVALFLAG,
             DP(ACMDM_STREAM_SIZE, &in, (&(ffacm_stream_size){ sizeof(ffacm_stream_size), 0x7, 4096, 4096 })));
    API_CASE("STREAM_SIZE: SOURCE 0", NP,
             DP(ACMDM_STREAM_SIZE, &in, (&(ffacm_stream_size){ sizeof(ffacm_stream_size), ACM_STREAMSIZEF_SOURCE, 0, 0 })));
    API_CASE("STREAM_SIZE: DESTINATION 0", NP,
             DP(ACMDM_STREAM_SIZE, &in, (&(ffacm_stream_size){ sizeof(ffacm_stream_size), ACM_STREAMSIZEF_DESTINATION, 0, 0 })));
    API_CASE("STREAM_RESET (async only)", MMSYSERR_NOTSUPPORTED, DP(ACMDM_STREAM_RESET, &in, 0));
    API_CASE("STREAM_PREPARE (msacm does it)", MMSYSERR_NOTSUPPORTED, DP(ACMDM_STREAM_PREPARE, &in, &h));
    API_CASE("STREAM_CLOSE", OK, DP(ACMDM_STREAM_CLOSE, &in, 0));
    API_CASE("STREAM_CLOSE again (double close)", OK, DP(ACMDM_STREAM_CLOSE, &in, 0));
    API_CASE("STREAM_CONVERT after close", MMSYSERR_INVALHANDLE, DP(ACMDM_STREAM_CONVERT, &in, &h));
    API_CASE("STREAM_CLOSE: NULL instance", MMSYSERR_INVALPARAM, DP(ACMDM_STREAM_CLOSE, NULL, 0));

    API_CASE("FORMAT_SUGGEST: NULL", MMSYSERR_INVALPARAM, DP(ACMDM_FORMAT_SUGGEST, NULL, 0));
    ffacm_format_suggest_natural sg = { sizeof sg, 0, m->wfx, m->wfx_size, NULL, 64 };
    API_CASE("FORMAT_SUGGEST: NULL destination", MMSYSERR_INVALPARAM, DP(ACMDM_FORMAT_SUGGEST, &sg, 0));
    uint8_t sugg[64];
    sg.pwfxDst = (WAVEFORMATEX *)sugg;
    sg.fdwSuggest = 0x1;
    API_CASE("FORMAT_SUGGEST: unknown flag", MMSYSERR_INVALFLAG, DP(ACMDM_FORMAT_SUGGEST, &sg, 0));
    sg.fdwSuggest = ACM_FORMATSUGGESTF_NCHANNELS;
    sg.cbwfxDst = 8;
    API_CASE("FORMAT_SUGGEST: restriction with an 8-byte destination", MMSYSERR_INVALPARAM, DP(ACMDM_FORMAT_SUGGEST, &sg, 0));
    sg.fdwSuggest = 0;
    API_CASE("FORMAT_SUGGEST: 8-byte destination", MMSYSERR_INVALPARAM, DP(ACMDM_FORMAT_SUGGEST, &sg, 0));
    sg.cbwfxDst = sizeof sugg;
    sg.cbwfxSrc = 10;
    API_CASE("FORMAT_SUGGEST: source said to be 10 bytes", NP, DP(ACMDM_FORMAT_SUGGEST, &sg, 0));

    API_CASE("FORMAT_DETAILS: NULL", MMSYSERR_INVALPARAM, DP(ACMDM_FORMAT_DETAILS, NULL, ACM_FORMATDETAILSF_FORMAT));
    ACMFORMATDETAILSW fd;
    memset(&fd, 0, sizeof fd);
    fd.cbStruct = 4;
    API_CASE("FORMAT_DETAILS: cbStruct 4", MMSYSERR_INVALPARAM, DP(ACMDM_FORMAT_DETAILS, &fd, ACM_FORMATDETAILSF_FORMAT));
    fd.cbStruct = sizeof fd;
    API_CASE("FORMAT_DETAILS(FORMAT): NULL format", NP, DP(ACMDM_FORMAT_DETAILS, &fd, ACM_FORMATDETAILSF_FORMAT));
    fd.pwfx = m->wfx;
    fd.cbwfx = 12;
    API_CASE("FORMAT_DETAILS(FORMAT): 12-byte buffer", NP, DP(ACMDM_FORMAT_DETAILS, &fd, ACM_FORMATDETAILSF_FORMAT));
    fd.dwFormatTag = 0x55;
    fd.dwFormatIndex = 0xFFFFFFF0u;
    fd.pwfx = (WAVEFORMATEX *)sugg;
    fd.cbwfx = sizeof sugg;
    API_CASE("FORMAT_DETAILS(INDEX): index 4G", NP, DP(ACMDM_FORMAT_DETAILS, &fd, ACM_FORMATDETAILSF_INDEX));
    fd.dwFormatIndex = 0;
    fd.cbwfx = 4;
    API_CASE("FORMAT_DETAILS(INDEX): 4-byte buffer", MMSYSERR_INVALPARAM, DP(ACMDM_FORMAT_DETAILS, &fd, ACM_FORMATDETAILSF_INDEX));
    fd.dwFormatTag = 0x10055;
    fd.cbwfx = sizeof sugg;
    API_CASE("FORMAT_DETAILS(INDEX): tag above 16 bits", NP, DP(ACMDM_FORMAT_DETAILS, &fd, ACM_FORMATDETAILSF_INDEX));
    API_CASE("FORMAT_DETAILS: unknown query", MMSYSERR_NOTSUPPORTED, DP(ACMDM_FORMAT_DETAILS, &fd, 0xF));
    API_CASE("FORMATTAG_DETAILS: NULL", MMSYSERR_INVALPARAM, DP(ACMDM_FORMATTAG_DETAILS, NULL, ACM_FORMATTAGDETAILSF_INDEX));
    ACMFORMATTAGDETAILSW td;
    memset(&td, 0, sizeof td);
    td.cbStruct = sizeof td;
    td.dwFormatTagIndex = 0xFFFFFFFFu;
    API_CASE("FORMATTAG_DETAILS: index 4G", NP, DP(ACMDM_FORMATTAG_DETAILS, &td, ACM_FORMATTAGDETAILSF_INDEX));
    td.cbStruct = 12; /* only the fields up to cbFormatSize: answered and truncated */
    td.dwFormatTagIndex = 0;
    API_CASE("FORMATTAG_DETAILS: short struct", MMSYSERR_INVALPARAM, DP(ACMDM_FORMATTAG_DETAILS, &td, ACM_FORMATTAGDETAILSF_INDEX));
    API_CASE("filter tag details", MMSYSERR_NOTSUPPORTED, DP(ACMDM_FILTERTAG_DETAILS, NULL, 0));
    API_CASE("filter details", MMSYSERR_NOTSUPPORTED, DP(ACMDM_FILTER_DETAILS, NULL, 0));
    API_CASE("hardware caps", MMSYSERR_NOTSUPPORTED, DP(ACMDM_HARDWARE_WAVE_CAPS_INPUT, NULL, 0));
    API_CASE("unknown ACM message", MMSYSERR_NOTSUPPORTED, DP(ACMDM_BASE + 99, NULL, 0));
    API_CASE("user message", MMSYSERR_NOTSUPPORTED, DP(DRV_USER + 0x1234, NULL, 0));
    ffacm_open_desc od = { sizeof od, FFACM_FOURCC('v', 'i', 'd', 'c'), 0, 0, 0, 0, NULL, NULL, 0 };
    CHECK(driver_proc(id, NULL, DRV_OPEN, 0, (LPARAM)&od) == 0 && od.dwError == MMSYSERR_NOTSUPPORTED,
          "DRV_OPEN of a video type must fail");
    cases++;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_hostile_matrix DRIVER.acm MEDIA_DIR\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    robust_install_crash_reporter(&current_case);
    char path[1024];
    for (int b = 0; b < N_BASES; b++) {
        snprintf(path, sizeof path, "%s/%s", argv[2], base_files[b]);
        if (robust_media_load(&bases[b], path, 256 * 1024, 4096) < 0)
            return 1;
    }
    robust_media mp3_48k, mp3_mono, ac3_51;
    const char *extra[3] = { "mp3_48k.wav", "mp3_mono.wav", "ac3_51_wfx.wav" };
    robust_media *extra_m[3] = { &mp3_48k, &mp3_mono, &ac3_51 };
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", argv[2], extra[i]);
        if (robust_media_load(extra_m[i], path, 128 * 1024, 4096) < 0)
            return 1;
    }
    acmu_driver drv;
    if (acmu_driver_add(&drv, argv[1], 1) < 0)
        return 1;
    had = drv.had;
    driver_proc = (driverproc_fn)(void (*)(void))GetProcAddress(drv.module, "DriverProc");
    fmt_buf = malloc(FMT_BUF);

    run_source_matrix();
    printf("source matrix done: %d cases\n", cases);
    run_destination_matrix();
    printf("destination matrix done: %d cases\n", cases);
    run_api_misuse();
    printf("API misuse done: %d cases\n", cases);
    run_stream_cases(&mp3_48k, &mp3_mono, &ac3_51);
    printf("stream cases done: %d cases\n", cases);
    run_direct();
    current_case = "cleanup";

    acmu_driver_release(&drv);
    free(fmt_buf);
    for (int b = 0; b < N_BASES; b++)
        robust_media_free(&bases[b]);
    for (int i = 0; i < 3; i++)
        robust_media_free(extra_m[i]);
    printf("test_hostile_matrix: %d cases, %d checks passed, %d failed\n", cases, robust_passed, robust_failed);
    return robust_failed ? 1 : 0;
}
